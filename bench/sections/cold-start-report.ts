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

/** The two parts of a cold start that the figures are made of. */
export type ColdParts = Pick<ColdStartSample, "initMs" | "firstInvocationMs">;

function values(samples: readonly ColdParts[], figure: ColdFigure): number[] {
    return samples.map((s) => (figure === "totalMs" ? s.initMs + s.firstInvocationMs : s[figure]));
}

/** `median (p25-p75)` of one figure over fresh processes. */
export function spread(samples: readonly ColdParts[], figure: ColdFigure): string {
    const v = values(samples, figure);
    return msSpread(median(v), percentile(v, 25), percentile(v, 75));
}

export function coldMedian(samples: readonly ColdParts[], figure: ColdFigure): number {
    return median(values(samples, figure));
}

export const cellKey = (variant: Pick<Variant, "id">, route: RouteDefinition) => `${variant.id}/${route.name}`;

export const spreadNote = "Each cell: median (p25-p75) over fresh processes; ratios are of medians, variant / this project.";
export const initNote =
    "init = Node's boot until the bootstrap runs + import of the bundle (module load, client construction and, primed, the first request): what Lambda reports as Init Duration.";

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

/**
 * Our module load against the two floors; the target is within 10 ms of the SDK floor. Measured on the
 * unprimed build: the primed one's init also holds the first request, which the floors do not make.
 */
export function floorTable(
    table: readonly RouteDefinition[],
    unprimed: Variant,
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
            const mine = samples.get(cellKey(unprimed, route))!;
            const ownCost = coldMedian(mine, "initMs") - sdk;
            return [
                `this project, not primed: ${route.name}`,
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

/**
 * What priming moves from the first invocation into Init: ours (primed) against the same build without
 * the top-level await, both at this machine's full speed.
 */
export function primingTable(
    table: readonly RouteDefinition[],
    variants: { ours: Variant; unprimed: Variant },
    samples: ReadonlyMap<string, ColdStartSample[]>,
    nodeVersion: string,
): Table {
    const rows = table.map((route) => {
        const primed = samples.get(cellKey(variants.ours, route))!;
        const unprimed = samples.get(cellKey(variants.unprimed, route))!;
        const pair = (figure: ColdFigure) => `${spread(unprimed, figure)} / ${spread(primed, figure)}`;
        return [route.name, pair("initMs"), pair("firstInvocationMs"), pair("totalMs"), times(ratio(coldMedian(primed, "totalMs"), coldMedian(unprimed, "totalMs")))];
    });
    return {
        title: "Priming the DynamoDB client during Init, without a CPU quota",
        headers: ["function", "init, not primed / primed", "first invocation", "init + first", "init + first, primed / not primed"],
        rows,
        notes: [
            spreadNote,
            "Primed (what pulumi up deploys): the bundle's top-level await makes the route's own request for an id no event has, or a one-event page (handlers/lib/prime.ts), and Init waits for it.",
            "No CPU quota here, so priming only moves the first request's one-time work from the first invocation into Init. On Lambda, Init runs with a CPU burst and the invocation at the memory's share: npm run tune measures both under that model. Node " + nodeVersion + ".",
        ],
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
