/**
 * What one `npm run tune` measured and recommends, as one value: the JSON that `--json FILE` writes and
 * the source of the printed tables and the chart.
 */
import { lambdaPrices } from "./lambda-power";
import { MemoryRow, recommend, Strategy, strategies } from "./power-tuning";

/** Changes when a field is renamed, removed or changes meaning; new fields keep it. */
export const tuneResultsSchema = "events-api/tune-results/1";

/**
 * Per route and memory size, in `measurements`: durations in ms (`initMedian`, `firstInvocationMedian`,
 * `coldRequestMedian` are medians over `coldStarts` fresh processes; `warmP50`, `warmP99`, `warmMean` over
 * `warmInvocations`), costs in USD per 1M requests (`costArm64`, `costX86` with the request fee,
 * `durationCostArm64` without it).
 */
export interface TuneResults {
    schema: typeof tuneResultsSchema;
    command: string;
    machine: string;
    /** ISO 8601, when the report was made. */
    measuredAt: string;
    rounds: number;
    warmInvocationsPerRound: number;
    prices: typeof lambdaPrices;
    /**
     * What the strategies compare; `balancedWeight` is Power Tuning's (0: only duration counts, 1: only
     * cost); sizes below `minimumMemoryMb` are measured but never recommended.
     */
    strategy: { balancedWeight: number; duration: "warmMean"; cost: "durationCostArm64"; minimumMemoryMb: number };
    routes: RouteResults[];
    /** Per strategy, the stack config line that sets each route's memory to its recommendation. */
    stackConfig: Record<Strategy, string>;
}

export interface RouteResults {
    route: string;
    /** The memory size the route gets today without a stack setting. */
    currentMemoryMb: number;
    measurements: MemoryRow[];
    /** Memory size in MB per strategy. */
    recommendations: Record<Strategy, number>;
}

export interface TuneRun {
    command: string;
    machine: string;
    measuredAt: Date;
    rounds: number;
    warmInvocationsPerRound: number;
    balancedWeight: number;
    /** The smallest size a strategy may pick: the policy pack's memory floor, so no recommendation is one the pack rejects. */
    minimumMemoryMb: number;
    /** Each route's rows, in route order. */
    routes: readonly { route: string; rows: readonly MemoryRow[] }[];
    /** Today's memory size for a route, to show beside the recommendation. */
    currentMemoryMb: (route: string) => number;
}

/** `events-api:memorySize: '{"list-events": 1024, "create-event": 512}'`: a per-route map in Pulumi.<stack>.yaml. */
export function memorySizeConfigLine(memoryByRoute: readonly (readonly [string, number])[]): string {
    const map = memoryByRoute.map(([route, memoryMb]) => `${JSON.stringify(route)}: ${memoryMb}`).join(", ");
    return `events-api:memorySize: '{${map}}'`;
}

export function tuneResults(run: TuneRun): TuneResults {
    const routes = run.routes.map(({ route, rows }): RouteResults => {
        const eligible = rows.filter((row) => row.memoryMb >= run.minimumMemoryMb);
        if (eligible.length === 0) throw new Error(`${route}: no memory size of at least ${run.minimumMemoryMb} MB measured, so none to recommend`);
        const chosen = recommend(eligible, run.balancedWeight);
        return {
            route,
            currentMemoryMb: run.currentMemoryMb(route),
            measurements: [...rows].sort((a, b) => a.memoryMb - b.memoryMb),
            recommendations: Object.fromEntries(strategies.map((s) => [s, chosen[s].memoryMb])) as Record<Strategy, number>,
        };
    });
    const stackConfig = Object.fromEntries(
        strategies.map((s) => [s, memorySizeConfigLine(routes.map((r) => [r.route, r.recommendations[s]]))]),
    ) as Record<Strategy, string>;
    return {
        schema: tuneResultsSchema,
        command: run.command,
        machine: run.machine,
        measuredAt: run.measuredAt.toISOString(),
        rounds: run.rounds,
        warmInvocationsPerRound: run.warmInvocationsPerRound,
        prices: lambdaPrices,
        strategy: { balancedWeight: run.balancedWeight, duration: "warmMean", cost: "durationCostArm64", minimumMemoryMb: run.minimumMemoryMb },
        routes,
        stackConfig,
    };
}
