import * as assert from "assert";
import { ChartSpec, chartSvg, niceTicks } from "../../bench/lib/svg-chart";
import { children, ofClass, parseSvg, textOf } from "../support/svg-document";

/**
 * Two categories, two panels. Plot area: x from 90 to 740 (960 wide less 90 left, 220 right), so the
 * band centres are 90 + 650 x 0.25 = 252.5 and 90 + 650 x 0.75 = 577.5. The first panel's plot runs from
 * y 100 (64 header + 36) down to y 308 (64 + 300 - 56): its ticks are 0..40 by 10, so 10 is at
 * 308 - 208/4 = 256 and 40 at 100. The second panel is 300 lower.
 */
const spec: ChartSpec = {
    title: "cost & time <by memory>",
    xLabel: "memory (MB)",
    xCategories: ["128", "256"],
    panels: [
        {
            title: "Cost",
            yLabel: "USD per 1M requests",
            yTick: (v) => `$${v}`,
            series: [
                { name: "a", color: "#0072B2", values: [10, 40], marks: [{ index: 1, shape: "ring" }] },
                { name: "b", color: "#D55E00", values: [20, undefined], marks: [{ index: 0, shape: "square" }] },
            ],
        },
        { title: "Time", yLabel: "ms", series: [{ name: "a", color: "#0072B2", values: [2, 4] }, { name: "b", color: "#D55E00", values: [3, 1] }] },
    ],
    markLegend: [
        { shape: "ring", label: "balanced" },
        { shape: "square", label: "cheapest" },
    ],
};

describe("SVG chart writer", () => {
    const svg = parseSvg(chartSvg(spec));
    const panels = ofClass(svg, "g", "panel");
    const series = (panel: number, name: string) => ofClass(panels[panel], "g", "series").find((s) => s["data-series"] === name)!;
    const points = (panel: number, name: string) => ofClass(series(panel, name), "circle", "point").map((c) => [c["data-index"], c.cx, c.cy]);

    it("writes a well-formed SVG document, its size from the panels, text escaped", () => {
        assert.deepStrictEqual([svg.xmlns, svg.width, svg.height], ["http://www.w3.org/2000/svg", "960", "664"]);
        assert.strictEqual(textOf(ofClass(svg, "text", "title")[0]), "cost & time <by memory>");
        assert.strictEqual(panels.length, 2);
    });

    it("draws one series per name in each panel, at the band centres and on the panel's y scale", () => {
        assert.deepStrictEqual(ofClass(panels[0], "g", "series").map((s) => s["data-series"]), ["a", "b"]);
        assert.deepStrictEqual(points(0, "a"), [["0", "252.5", "256"], ["1", "577.5", "100"]]);
        // A missing value has no point, and the line skips it.
        assert.deepStrictEqual(points(0, "b"), [["0", "252.5", "204"]]);
        assert.strictEqual(children(series(0, "a"), "polyline")[0].points, "252.5,256 577.5,100");
        // Second panel: ticks 0..4 by 1, plot from y 400 to 608: 2 is at 504, 4 at 400.
        assert.deepStrictEqual(points(1, "a"), [["0", "252.5", "504"], ["1", "577.5", "400"]]);
    });

    it("labels both axes, with ticks formatted per panel", () => {
        assert.deepStrictEqual(ofClass(panels[0], "text", "y-tick").map(textOf), ["$0", "$10", "$20", "$30", "$40"]);
        assert.deepStrictEqual(ofClass(panels[1], "text", "y-tick").map(textOf), ["0", "1", "2", "3", "4"]);
        assert.deepStrictEqual(ofClass(panels[0], "text", "x-tick").map((t) => [textOf(t), t.x]), [["128", "252.5"], ["256", "577.5"]]);
        assert.deepStrictEqual([textOf(ofClass(panels[0], "text", "x-label")[0]), textOf(ofClass(panels[0], "text", "y-label")[0])], ["memory (MB)", "USD per 1M requests"]);
        assert.strictEqual(textOf(ofClass(panels[0], "text", "panel-title")[0]), "Cost");
    });

    it("marks the chosen points, and the legend names the series and the marks", () => {
        const ring = ofClass(series(0, "a"), "circle", "mark")[0];
        assert.deepStrictEqual([ring["data-shape"], ring.cx, ring.cy], ["ring", "577.5", "100"]);
        // The square is centred on its point: 22 wide from 252.5 - 11.
        const square = ofClass(series(0, "b"), "rect", "mark")[0];
        assert.deepStrictEqual([square.x, square.y, square.width], ["241.5", "193", "22"]);
        const legend = ofClass(svg, "g", "legend")[0];
        assert.deepStrictEqual(ofClass(legend, "text", "legend-entry").map(textOf), ["a", "b", "balanced", "cheapest"]);
    });

    it("starts a panel's y axis below its lowest value when told not to start at 0", () => {
        const costs = parseSvg(chartSvg({ ...spec, panels: [{ title: "Cost", yLabel: "USD", fromZero: false, series: [{ name: "a", color: "#000", values: [0.2187, 0.3] }] }] }));
        const panel = ofClass(costs, "g", "panel")[0];
        // Ticks 0.2..0.3 by 0.02 over y 308..100: 0.2187 is at 308 - 208 x 0.0187/0.1 = 269.1.
        assert.deepStrictEqual(ofClass(panel, "text", "y-tick").map(textOf), ["0.2", "0.22", "0.24", "0.26", "0.28", "0.3"]);
        const [low, high] = ofClass(ofClass(panel, "g", "series")[0], "circle", "point");
        assert.deepStrictEqual([low.cy, high.cy], ["269.1", "100"]);
    });

    it("refuses a series whose values do not match the categories", () => {
        const bad = { ...spec, panels: [{ ...spec.panels[0], series: [{ name: "a", color: "#000", values: [1] }] }] };
        assert.throws(() => chartSvg(bad), /^Error: chart "cost & time <by memory>", panel "Cost": series "a" has 1 values for 2 categories$/);
    });
});

describe("nice axis ticks", () => {
    it("steps by 1, 2 or 5 x 10^k from 0 to at or above the maximum", () => {
        assert.deepStrictEqual(niceTicks(0, 40), [0, 10, 20, 30, 40]);
        assert.deepStrictEqual(niceTicks(0, 0.69), [0, 0.2, 0.4, 0.6, 0.8]);
        assert.deepStrictEqual(niceTicks(0, 3064), [0, 1000, 2000, 3000, 4000]);
        assert.deepStrictEqual(niceTicks(0, 0.3), [0, 0.1, 0.2, 0.3]);
        assert.deepStrictEqual(niceTicks(0, 0), [0, 1]);
    });

    it("starts at the step below a minimum above 0, and spans one step up when all values are equal", () => {
        // 0.2187..0.3000: a range of 0.0813, rough step 0.01626, so steps of 0.02 from 0.20 to 0.30.
        assert.deepStrictEqual(niceTicks(0.2187, 0.3), [0.2, 0.22, 0.24, 0.26, 0.28, 0.3]);
        assert.deepStrictEqual(niceTicks(0.25, 0.25), [0.25, 0.3]);
    });

    it("refuses a range that is not finite, below 0 or upside down", () => {
        assert.throws(() => niceTicks(0, -1), /axis range must be finite numbers with 0 <= min <= max, got 0..-1/);
        assert.throws(() => niceTicks(2, 1), /got 2..1/);
    });
});
