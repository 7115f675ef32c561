/**
 * The chart of one `npm run tune`: per route, against memory, the cost per 1M requests, the mean warm
 * duration the strategies compare and the cold request, with each strategy's choice marked.
 */
import { MemoryRow, Strategy, strategies } from "./power-tuning";
import { ChartSpec, chartSvg, MarkShape, Panel } from "./svg-chart";
import { TuneResults } from "./tune-results";

/** Okabe-Ito colours: told apart with the common kinds of colour blindness. */
const palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

export const strategyMarks: Record<Strategy, MarkShape> = { cheapest: "square", fastest: "diamond", balanced: "ring" };

export function tuneChartSpec(results: TuneResults): ChartSpec {
    const sizes = [...new Set(results.routes.flatMap((r) => r.measurements.map((m) => m.memoryMb)))].sort((a, b) => a - b);
    const panel = (title: string, yLabel: string, figure: (row: MemoryRow) => number, fromZero = true): Panel => ({
        title,
        yLabel,
        fromZero,
        series: results.routes.map((route, index) => ({
            name: route.route,
            color: palette[index % palette.length],
            values: sizes.map((size) => {
                const row = route.measurements.find((m) => m.memoryMb === size);
                return row && figure(row);
            }),
            marks: strategies.map((s) => ({ index: sizes.indexOf(route.recommendations[s]), shape: strategyMarks[s] })),
        })),
    });
    const weight = results.strategy.balancedWeight;
    return {
        title: "npm run tune: cost and time against memory",
        // The command stays out: with --json and --chart paths it runs off the page (the JSON has it).
        subtitle: `${results.measuredAt.slice(0, 16).replace("T", " ")} UTC: x86_64 timings under Lambda's CPU share, priced at arm64 rates; ${results.rounds} fresh processes per size`,
        xLabel: "memory (MB)",
        xCategories: sizes.map(String),
        panels: [
            panel("Cost per 1M requests, arm64 (request fee included; axis not from 0)", "USD per 1M requests", (r) => r.costArm64, false),
            panel("Mean warm duration (what the strategies compare)", "ms", (r) => r.warmMean),
            panel("Cold request: Init + first invocation (median)", "ms", (r) => r.coldRequestMedian),
        ],
        markLegend: strategies.map((s) => ({ shape: strategyMarks[s], label: s === "balanced" ? `balanced (weight ${weight})` : s })),
    };
}

export const tuneChartSvg = (results: TuneResults) => chartSvg(tuneChartSpec(results));
