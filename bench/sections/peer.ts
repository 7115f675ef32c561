/**
 * The peer comparison: ours against the same handlers on aws-lite (`peer`, bench/lib/variants.ts), the
 * fastest client a user would pick instead of the AWS SDK. `npm run bench` measures its bundles and cold
 * starts beside ours (`peerTable`); `npm run tune`'s CPU models at one memory size measure its cold
 * request (`measurePeerUnderQuota`, `peerTuneTable`).
 */
import type { RouteDefinition } from "../../components/routes";
import { ColdStartSample, runColdStart } from "../lib/cold-start";
import { isSuccess } from "../lib/requests";
import { ratio } from "../lib/stats";
import { bytes, Table, times } from "../lib/table";
import { buildVariant, BuiltBundle, peer, Variant } from "../lib/variants";
import { ColdFigure, cellKey, coldFigureLabels, coldMedian, ColdParts, initNote, spread, spreadNote } from "./cold-start-report";
import { eventFor, ColdStartSetup } from "./cold-start";
import { coldCell, cpuModelLabels, CpuModel, cpuModels } from "./cold-request";

const figures: ColdFigure[] = ["initMs", "firstInvocationMs", "totalMs"];

const peerNote = `${peer.label}: every handler file as ours but handlers/lib/dynamo.ts, replaced by bench/variants/aws-lite/dynamo.ts (the same four calls, 2 attempts, no timeouts: aws-lite has none); aws-lite bundled, as it is not in the Lambda runtime.`;

/**
 * Per function: ours, the peer and the peer / ours ratios, in bundle size (minified and zipped) and in
 * cold start (init, first invocation, their sum), the samples from the bench's interleaved rounds.
 */
export function peerTable(
    table: readonly RouteDefinition[],
    variants: { ours: Variant; peer: Variant },
    bundles: ReadonlyMap<string, readonly BuiltBundle[]>,
    samples: ReadonlyMap<string, readonly ColdStartSample[]>,
    rounds: number,
    nodeVersion: string,
): Table {
    const rows = table.flatMap((route) => {
        const built = (variant: Variant) => bundles.get(variant.id)!.find((b) => b.route === route)!;
        const [mine, theirs] = [built(variants.ours), built(variants.peer)];
        const [mineCold, theirsCold] = [samples.get(cellKey(variants.ours, route))!, samples.get(cellKey(variants.peer, route))!];
        return [
            [route.name, variants.ours.label, bytes(mine.bytes), bytes(mine.zippedBytes), ...figures.map((figure) => spread(mineCold, figure))],
            ["", variants.peer.label, bytes(theirs.bytes), bytes(theirs.zippedBytes), ...figures.map((figure) => spread(theirsCold, figure))],
            [
                "",
                "aws-lite / ours",
                times(ratio(theirs.bytes, mine.bytes)),
                times(ratio(theirs.zippedBytes, mine.zippedBytes)),
                ...figures.map((figure) => times(ratio(coldMedian(theirsCold, figure), coldMedian(mineCold, figure)))),
            ],
        ];
    });
    return {
        title: `The peer: the same handlers on aws-lite (${rounds} fresh processes per cell, interleaved)`,
        headers: ["function", "build", "minified", "zipped", ...figures.map((figure) => coldFigureLabels[figure])],
        rows,
        notes: [
            spreadNote,
            initNote,
            "minified: the bundle's index.mjs; zipped: the one-file zip Lambda receives (deflate, zlib default level).",
            peerNote,
            `first invocation: the handler's first call, a real request against dynalite. Node ${nodeVersion}.`,
        ],
    };
}

/** Where a fresh process joins the memory size's CPU quota under `model`, as `npm run tune` places it. */
export function quotaPlacement(model: CpuModel, procsFile: string): { cgroupProcs: string } | { moveAfterInit: string } {
    return model === "init-throttled" ? { cgroupProcs: procsFile } : { moveAfterInit: procsFile };
}

export interface PeerQuotaRun {
    /** The node binary, runtime bootstrap and table every sample runs against (tune's `setup`). */
    setup: ColdStartSetup;
    /** The cgroup.procs file of the group with `memoryMb`'s CPU quota (tune's group for that size). */
    procsFile: string;
    /** The memory size the functions are told they have, and whose quota `procsFile` sets. */
    memoryMb: number;
    /** Fresh processes per function, build and CPU model. */
    rounds: number;
    /** Our primed bundles as the tune built them (`buildVariant(ours, ...)`); the peer's are built beside them. */
    ours: readonly BuiltBundle[];
    /** Where the peer's bundles are written (the tune's work directory). */
    workDir: string;
    progress?: (done: number, total: number) => void;
}

/** The peer run's samples: `cell(route, model, variantId)`. */
export type PeerQuotaSamples = (route: string, model: CpuModel, variantId: string) => readonly ColdParts[];

/**
 * Cold requests of ours and of the peer, both primed, under both of the tune's CPU models at one memory
 * size: every function, build and model once per round, so drifting machine load hits them alike.
 */
export async function measurePeerUnderQuota(run: PeerQuotaRun): Promise<PeerQuotaSamples> {
    const builds = [run.ours, await buildVariant(peer, run.ours.map((b) => b.route), run.workDir)];
    const key = (route: string, model: CpuModel, variantId: string) => `${variantId}/${route}/${model}`;
    const samples = new Map<string, ColdStartSample[]>();
    const total = run.rounds * run.ours.length * builds.length * cpuModels.length;
    let done = 0;
    for (let round = 0; round < run.rounds; round++) {
        for (const [index, { route }] of run.ours.entries()) {
            for (const build of builds) {
                for (const model of cpuModels) {
                    const bundle = build[index];
                    const sample = await runColdStart({
                        ...run.setup,
                        bundle: bundle.file,
                        events: [await eventFor(route, run.setup)],
                        memorySizeMb: run.memoryMb,
                        ...quotaPlacement(model, run.procsFile),
                        timeoutMs: 120_000,
                    });
                    if (!isSuccess(sample.statusCodes[0])) throw new Error(`${route.name} (${bundle.variant.id}, ${model}) at ${run.memoryMb} MB answered ${sample.statusCodes[0]}`);
                    const cell = key(route.name, model, bundle.variant.id);
                    samples.set(cell, [...(samples.get(cell) ?? []), sample]);
                    run.progress?.(++done, total);
                }
            }
        }
    }
    return (route, model, variantId) => samples.get(key(route, model, variantId)) ?? [];
}

/** One row per function: under each CPU model, the cold request of ours and of the peer, and peer / ours. */
export function peerTuneTable(
    table: readonly RouteDefinition[],
    variants: { ours: Variant; peer: Variant },
    samples: PeerQuotaSamples,
    memoryMb: number,
    rounds: number,
): Table {
    const rows = table.map((route) => [
        route.name,
        ...cpuModels.flatMap((model) => {
            const [mine, theirs] = [samples(route.name, model, variants.ours.id), samples(route.name, model, variants.peer.id)];
            return [coldCell(mine), coldCell(theirs), times(ratio(coldMedian(theirs, "totalMs"), coldMedian(mine, "totalMs")))];
        }),
    ]);
    return {
        title: `Cold request (Init + first invocation) at ${memoryMb} MB: ours against the same handlers on aws-lite`,
        headers: ["function", ...cpuModels.flatMap((model) => [`${model}: ours`, "aws-lite", "aws-lite / ours"])],
        rows,
        notes: [
            `Each cell: the median cold request over ${rounds} fresh processes, and the medians of its two parts (which need not add up to it); both builds and both models interleaved in every round, both primed.`,
            ...cpuModels.map((model) => `${model}: ${cpuModelLabels[model]}.`),
            peerNote,
        ],
    };
}
