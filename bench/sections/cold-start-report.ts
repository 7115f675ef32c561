import type { RouteDefinition } from "../../components/routes";
import type { ColdStartSample } from "../lib/cold-start";
import { median, percentile, ratio } from "../lib/stats";
import { bytes, ms, msSpread, Table, times } from "../lib/table";
import type { BuiltBundle, Variant } from "../lib/variants";

export type ColdFigure = "initMs" | "firstInvocationMs" | "totalMs";

export const coldFigureLabels: Record<ColdFigure, string> = {
    initMs: "cold init",
    firstInvocationMs: "first invocation",
    totalMs: "init + first invocation",
};

function values(samples: readonly ColdStartSample[], figure: ColdFigure): number[] {
    return samples.map((s) => (figure === "totalMs" ? s.initMs + s.firstInvocationMs : s[figure]));
}

function spread(samples: readonly ColdStartSample[], figure: ColdFigure): string {
    const v = values(samples, figure);
    return msSpread(median(v), percentile(v, 25), percentile(v, 75));
}

export function coldMedian(samples: readonly ColdStartSample[], figure: ColdFigure): number {
    return median(values(samples, figure));
}

export const cellKey = (variant: Pick<Variant, "id">, route: RouteDefinition) => `${variant.id}/${route.name}`;

const spreadNote = "Each cell: median (p25-p75) over fresh processes; ratios are of medians, variant / this project.";
const initNote =
    "init = Node's boot until the bootstrap runs + require of the bundle (module load and client construction): what Lambda reports as Init Duration.";

/** Per function and variant: init, first invocation and their sum, with ratios to ours. */
export function coldStartTable(
    table: readonly RouteDefinition[],
    variants: readonly Variant[],
    samples: ReadonlyMap<string, ColdStartSample[]>,
    rounds: number,
    nodeVersion: string,
): Table {
    const [ours] = variants;
    const figures: ColdFigure[] = ["initMs", "firstInvocationMs", "totalMs"];
    const rows = table.flatMap((route) => {
        const mine = samples.get(cellKey(ours, route))!;
        return variants.map((variant, index) => {
            const theirs = samples.get(cellKey(variant, route))!;
            return [
                index === 0 ? route.name : "",
                variant.label,
                ...figures.flatMap((figure) => [spread(theirs, figure), times(ratio(coldMedian(theirs, figure), coldMedian(mine, figure)))]),
            ];
        });
    });
    return {
        title: `Cold start per function (${rounds} fresh processes per cell, interleaved)`,
        headers: ["function", "variant", "init", "vs ours", "first invocation", "vs ours", "init + first", "vs ours"],
        rows,
        notes: [spreadNote, initNote, `first invocation: the handler's first call, a real request against dynalite. Node ${nodeVersion}.`],
    };
}

/** Our init against the two floors; the target is our init within 10 ms of the SDK floor. */
export function floorTable(
    table: readonly RouteDefinition[],
    ours: Variant,
    samples: ReadonlyMap<string, ColdStartSample[]>,
    floors: { bare: string; sdk: string },
    nodeVersion: string,
): Table {
    const bare = coldMedian(samples.get(floors.bare)!, "initMs");
    const sdk = coldMedian(samples.get(floors.sdk)!, "initMs");
    const rows = [
        ["bare node (empty handler)", spread(samples.get(floors.bare)!, "initMs"), "", "", ""],
        ["SDK floor (loads the SDK, constructs the client)", spread(samples.get(floors.sdk)!, "initMs"), "", "", ""],
        ...table.map((route) => {
            const mine = samples.get(cellKey(ours, route))!;
            const ownCost = coldMedian(mine, "initMs") - sdk;
            return [
                `this project: ${route.name}`,
                spread(mine, "initMs"),
                ms(coldMedian(mine, "initMs") - bare),
                ms(ownCost),
                ownCost <= 10 ? "yes" : "no",
            ];
        }),
    ];
    return {
        title: "Cold-start floors: what our own code costs",
        headers: ["process", "init", "minus bare node", "minus SDK floor", "within 10 ms of SDK floor"],
        rows,
        notes: [spreadNote, initNote, "minus ...: difference of medians; the SDK floor is what any DynamoDB handler pays. Node " + nodeVersion + "."],
    };
}

export interface PrimingModes {
    /** Ours, not primed. */
    ours: Variant;
    primed: Variant;
    /** Key suffix of the cells where Init awaits the priming. */
    initWaitsSuffix: string;
}

/** The priming experiment: not primed, primed with the handler awaiting, primed with Init awaiting. */
export function primingTable(
    table: readonly RouteDefinition[],
    modes: PrimingModes,
    samples: ReadonlyMap<string, ColdStartSample[]>,
    nodeVersion: string,
): Table {
    const labels = [
        ["not primed (this project)", ""],
        ["primed, first invocation awaits it (CommonJS: Lambda ends Init when require returns)", ""],
        ["primed, Init awaits it (as Lambda awaits an ES module's top-level await)", modes.initWaitsSuffix],
    ] as const;
    const rows = table.flatMap((route) => {
        const baseline = samples.get(cellKey(modes.ours, route))!;
        return labels.map(([label, suffix], index) => {
            const cell = index === 0 ? baseline : samples.get(cellKey(modes.primed, route) + suffix)!;
            return [
                index === 0 ? route.name : "",
                label,
                spread(cell, "initMs"),
                spread(cell, "firstInvocationMs"),
                times(ratio(coldMedian(cell, "firstInvocationMs"), coldMedian(baseline, "firstInvocationMs"))),
                spread(cell, "totalMs"),
            ];
        });
    });
    return {
        title: "Priming the DynamoDB client during Init",
        headers: ["function", "mode", "init", "first invocation", "first vs not primed", "init + first"],
        rows,
        notes: [spreadNote, "Priming: one GetItem of a key no event has, started at module scope (bench/variants/prime.ts). Node " + nodeVersion + "."],
    };
}

/** The tracing experiment: ours against ours with the DynamoDB client traced by the X-Ray SDK. */
export function tracingTable(
    table: readonly RouteDefinition[],
    variants: { ours: Variant; traced: Variant },
    bundles: ReadonlyMap<string, readonly BuiltBundle[]>,
    samples: ReadonlyMap<string, ColdStartSample[]>,
    rounds: number,
    nodeVersion: string,
): Table {
    const sizeOf = (variant: Variant, route: RouteDefinition) => bundles.get(variant.id)!.find((b) => b.route === route)!.zippedBytes;
    const rows = table.map((route) => {
        const mine = samples.get(cellKey(variants.ours, route))!;
        const theirs = samples.get(cellKey(variants.traced, route))!;
        const vs = (figure: ColdFigure) => times(ratio(coldMedian(theirs, figure), coldMedian(mine, figure)));
        return [
            route.name,
            `${bytes(sizeOf(variants.ours, route))} / ${bytes(sizeOf(variants.traced, route))}`,
            `${spread(mine, "initMs")} / ${spread(theirs, "initMs")}`,
            vs("initMs"),
            vs("firstInvocationMs"),
            vs("totalMs"),
        ];
    });
    return {
        title: `Tracing the DynamoDB client with aws-xray-sdk-core (${rounds} fresh processes per cell, interleaved)`,
        headers: ["function", "zipped bundle, ours / traced", "init, ours / traced", "init traced vs ours", "first invocation", "init + first"],
        rows,
        notes: [
            spreadNote,
            "traced: captureAWSv3Client on the handler's client (bench/variants/xray.ts), the SDK bundled, a sampled _X_AMZN_TRACE_ID set as Lambda sets it for Active tracing.",
            `Node ${nodeVersion}.`,
        ],
    };
}
