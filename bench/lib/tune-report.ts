/**
 * The tables `npm run tune` prints and records, made from its results: one per route (every memory size
 * measured) and the recommendation per route and strategy, with the stack config line for each strategy.
 */
import { MemoryRow, Strategy, strategies } from "./power-tuning";
import { ms, Table, usd } from "./table";
import { RouteResults, TuneResults } from "./tune-results";

/** How each strategy chooses, as the report and the chart say it. */
export function strategyDefinitions(balancedWeight: number): Record<Strategy, string> {
    const w = String(balancedWeight);
    // toPrecision: 1 - 0.7 prints 0.30000000000000004 otherwise.
    const rest = Number((1 - balancedWeight).toPrecision(12));
    return {
        cheapest: "lowest cost (ties: the faster)",
        fastest: "lowest mean warm duration (ties: the cheaper)",
        balanced: `lowest ${w} x cost / highest cost + ${rest} x duration / longest duration, over the sizes measured (weight ${w})`,
    };
}

const strategyHeader = (strategy: Strategy, balancedWeight: number) => (strategy === "balanced" ? `balanced (weight ${balancedWeight})` : strategy);

/** `512 MB ($0.4007, 24.9 ms)`: a memory size with its cost per 1M requests on arm64 and its mean warm duration. */
function choiceCell(route: RouteResults, memoryMb: number): string {
    const row = route.measurements.find((r) => r.memoryMb === memoryMb);
    return row ? `${memoryMb} MB (${usd(row.costArm64)}, ${ms(row.warmMean)})` : `${memoryMb} MB (not measured)`;
}

export function powerTable(route: RouteResults, balancedWeight: number): Table {
    const chosen = (strategy: Strategy) => `${strategyHeader(strategy, balancedWeight)}: ${route.recommendations[strategy]} MB`;
    return {
        title: `${route.route} (primed, as deployed; Init with CPU burst)`,
        headers: ["memory", "vCPU", "init", "first invocation", "warm p50", "warm p99", "warm mean", "$/1M req arm64", "$/1M req x86_64"],
        rows: route.measurements.map((r: MemoryRow) => [
            `${r.memoryMb} MB`,
            r.vcpus.toFixed(3),
            ms(r.initMedian),
            ms(r.firstInvocationMedian),
            ms(r.warmP50),
            ms(r.warmP99),
            ms(r.warmMean),
            usd(r.costArm64),
            usd(r.costX86),
        ]),
        notes: [`${strategies.map(chosen).join("; ")}.`],
    };
}

export function recommendationTable(results: TuneResults): Table {
    const weight = results.strategy.balancedWeight;
    const definitions = strategyDefinitions(weight);
    return {
        title: "Recommended memory size per function",
        headers: ["function", "current", ...strategies.map((s) => strategyHeader(s, weight))],
        rows: results.routes.map((route) => [
            route.route,
            choiceCell(route, route.currentMemoryMb),
            ...strategies.map((s) => choiceCell(route, route.recommendations[s])),
        ]),
        notes: [
            "Each cell: memory size ($ per 1M requests on arm64, mean warm duration). current: the memory size the function gets today.",
            `The strategies are AWS Lambda Power Tuning's: ${strategies.map((s) => `${s}, ${definitions[s]}`).join("; ")}.`,
            `Sizes below ${results.strategy.minimumMemoryMb} MB are measured but not recommended: the policy pack's lambda-memory-above-128mb rejects them.`,
            "Cost: the duration charge on arm64 (no request fee), as Power Tuning's; x86_64 prices rank the same. Duration: the mean warm invocation, as Power Tuning's average duration; the cold request (Init + first invocation) is in the chart and the cold request table, not in the choice.",
            "Stack config (Pulumi.<stack>.yaml), one line per strategy:",
            ...strategies.map((s) => `- ${s}: ${results.stackConfig[s]}`),
        ],
    };
}

/** The tables of the report, each with the id it is recorded under: one per route, then the recommendation that ends it. */
export function reportTables(results: TuneResults): { perRoute: RecordedId[]; recommendations: RecordedId } {
    const weight = results.strategy.balancedWeight;
    return {
        perRoute: results.routes.map((route) => ({ id: `power-${route.route}`, table: powerTable(route, weight) })),
        recommendations: { id: "recommendations", table: recommendationTable(results) },
    };
}

export interface RecordedId {
    id: string;
    table: Table;
}
