import * as assert from "assert";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { tuneChartSvg } from "../../bench/lib/tune-chart";
import { writeTuneFiles } from "../../bench/lib/tune-files";
import { tuneResults } from "../../bench/lib/tune-results";
import { ofClass, parseSvg, SvgElement, textOf } from "../support/svg-document";
import { tuneRun } from "../support/tune-run";

describe("tune chart", () => {
    const results = tuneResults(tuneRun);
    const svg = parseSvg(tuneChartSvg(results));
    const panels = ofClass(svg, "g", "panel");
    const series = (panel: SvgElement, route: string) => ofClass(panel, "g", "series").find((s) => s["data-series"] === route)!;

    it("has a cost panel, the warm duration the strategies compare and the cold request, each with its unit", () => {
        assert.deepStrictEqual(
            panels.map((p) => [p["data-title"], textOf(ofClass(p, "text", "y-label")[0])]),
            [
                ["Cost per 1M requests, arm64 (request fee included; axis not from 0)", "USD per 1M requests"],
                ["Mean warm duration (what the strategies compare)", "ms"],
                ["Cold request: Init + first invocation (median)", "ms"],
            ],
        );
        assert.deepStrictEqual(ofClass(panels[0], "text", "x-tick").map(textOf), ["256", "512", "1024"]);
        assert.strictEqual(textOf(ofClass(panels[0], "text", "x-label")[0]), "memory (MB)");
    });

    it("draws one series per route in every panel", () => {
        for (const panel of panels) assert.deepStrictEqual(ofClass(panel, "g", "series").map((s) => s["data-series"]), ["list-events", "get-event"]);
    });

    it("puts the cold request medians where the written-out figures are", () => {
        // Cold requests 260, 190, 150 ms: ticks 0..300 by 100; the third panel's plot runs from y 700 to 908.
        // 260 is at 908 - 208 x 260/300 = 727.73, 190 at 776.27, 150 at 804.
        const cold = ofClass(series(panels[2], "list-events"), "circle", "point").map((c) => c.cy);
        assert.deepStrictEqual(cold, ["727.73", "776.27", "804"]);
    });

    it("marks each route's choice per strategy, and the legend says which mark is which", () => {
        const marks = (route: string) =>
            [...ofClass(series(panels[1], route), "rect", "mark"), ...ofClass(series(panels[1], route), "polygon", "mark"), ...ofClass(series(panels[1], route), "circle", "mark")].map((m) => m["data-shape"]);
        assert.deepStrictEqual(marks("get-event"), ["square", "diamond", "ring"]);
        // get-event: cheapest 256 MB, the first band, centred at 90 + 650/6 = 198.33; the square is 22 wide around it.
        assert.strictEqual(ofClass(series(panels[1], "get-event"), "rect", "mark")[0].x, "187.33");
        const legend = ofClass(svg, "g", "legend")[0];
        assert.deepStrictEqual(ofClass(legend, "text", "legend-entry").map(textOf), ["list-events", "get-event", "cheapest", "fastest", "balanced (weight 0.5)"]);
    });
});

describe("tune files", () => {
    it("writes the chart, and the JSON when asked, where it says", () => {
        const dir = mkdtempSync(path.join(os.tmpdir(), "tune-files-"));
        try {
            const results = tuneResults(tuneRun);
            const chartPath = path.join(dir, "charts", "tune.svg");
            const jsonPath = path.join(dir, "tune.json");
            assert.deepStrictEqual(writeTuneFiles(results, { chartPath, jsonPath }), [`chart: ${chartPath}`, `measurements and recommendations (events-api/tune-results/1): ${jsonPath}`]);
            assert.strictEqual(readFileSync(chartPath, "utf8"), tuneChartSvg(results));
            assert.deepStrictEqual(JSON.parse(readFileSync(jsonPath, "utf8")).stackConfig.balanced, `events-api:memorySize: '{"list-events": 1024, "get-event": 512}'`);
            assert.deepStrictEqual(writeTuneFiles(results, { chartPath }), [`chart: ${chartPath}`]);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
