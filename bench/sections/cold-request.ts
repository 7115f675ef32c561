/**
 * `npm run tune`'s priming comparison: the cold request (Init + first invocation, what a user waits for
 * on a cold start) of the build without priming against the primed one (what `pulumi up` deploys), under
 * the two CPU models the tune runs: Init with a CPU burst (Init unthrottled, the invocation at the
 * memory's share) and Init throttled too.
 */
import type { RouteDefinition } from "../../components/routes";
import { median, ratio } from "../lib/stats";
import { ms, Table, times } from "../lib/table";
import { ColdParts, coldMedian } from "./cold-start-report";

export const cpuModels = ["init-burst", "init-throttled"] as const;
export type CpuModel = (typeof cpuModels)[number];

export const cpuModelLabels: Record<CpuModel, string> = {
    "init-burst": "Init with CPU burst, invocation at the memory's share",
    "init-throttled": "Init throttled too (pessimistic)",
};

/** A cold request's two parts, one fresh process. */
export type ColdRequest = ColdParts;

export type Priming = "unprimed" | "primed";

/** Samples per route, memory size, CPU model and priming: `cell(route, memoryMb, model, priming)`. */
export type ColdRequestSamples = (route: string, memoryMb: number, model: CpuModel, priming: Priming) => readonly ColdRequest[];


/** Median cold request primed / median unprimed, for one route and setting. */
export function primedRatio(samples: ColdRequestSamples, route: string, memoryMb: number, model: CpuModel): number | undefined {
    return ratio(coldMedian(samples(route, memoryMb, model, "primed"), "totalMs"), coldMedian(samples(route, memoryMb, model, "unprimed"), "totalMs"));
}

/** The median over routes of each route's primed / unprimed ratio, at `memoryMb` under `model`. */
function medianPrimedRatio(routes: readonly RouteDefinition[], samples: ColdRequestSamples, memoryMb: number, model: CpuModel): string {
    const ratios = routes.map((route) => primedRatio(samples, route.name, memoryMb, model)).filter((r): r is number => r !== undefined);
    return times(ratios.length ? median(ratios) : undefined);
}

/** The summary line for one model: the median over routes of each route's ratio, at `memoryMb`. */
export function coldRequestSummary(routes: readonly RouteDefinition[], samples: ColdRequestSamples, memoryMb: number, model: CpuModel): string {
    return `cold request at ${memoryMb} MB, ${model}: primed/unprimed ${medianPrimedRatio(routes, samples, memoryMb, model)}`;
}

/** The summary lines as a table, one row per CPU model, for the results file. */
export function coldRequestSummaryTable(routes: readonly RouteDefinition[], samples: ColdRequestSamples, memoryMb: number): Table {
    return {
        title: `Cold request at ${memoryMb} MB, primed / not primed: the median over the functions`,
        headers: ["CPU model", "primed / not primed"],
        rows: cpuModels.map((model) => [model, medianPrimedRatio(routes, samples, memoryMb, model)]),
    };
}

/** `160.2 ms (init 90.1 + first 70.3)`: the medians of the sum and of each part. */
export function coldCell(samples: readonly ColdRequest[]): string {
    const part = (figure: "initMs" | "firstInvocationMs") => coldMedian(samples, figure).toFixed(1);
    return `${ms(coldMedian(samples, "totalMs"))} (init ${part("initMs")} + first ${part("firstInvocationMs")})`;
}

/** One row per route and memory size: per model, the cold request unprimed and primed and their ratio. */
export function coldRequestTable(routes: readonly RouteDefinition[], memorySizes: readonly number[], samples: ColdRequestSamples, rounds: number): Table {
    const rows = routes.flatMap((route) =>
        memorySizes.map((memoryMb, index) => [
            index === 0 ? route.name : "",
            `${memoryMb} MB`,
            ...cpuModels.flatMap((model) => {
                const unprimed = samples(route.name, memoryMb, model, "unprimed");
                const primed = samples(route.name, memoryMb, model, "primed");
                return [coldCell(unprimed), coldCell(primed), times(primedRatio(samples, route.name, memoryMb, model))];
            }),
        ]),
    );
    return {
        title: "Cold request (Init + first invocation): not primed against primed",
        headers: ["function", "memory", ...cpuModels.flatMap((model) => [`${model}: not primed`, "primed", "primed / not primed"])],
        rows,
        notes: [
            `Each cell: the median cold request over ${rounds} fresh processes, and the medians of its two parts (which need not add up to it); both builds and both models interleaved in every round.`,
            ...cpuModels.map((model) => `${model}: ${cpuModelLabels[model]}.`),
            "Primed: the bundle's top-level await makes the route's own DynamoDB request (for an id no event has, or a one-event page) during Init; not primed: the same bundle without it.",
        ],
    };
}
