import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { routes } from "../components/routes";
import { positive } from "../components/setting-rules";
import { optionValue } from "../components/settings";
import { buildRuntimeBootstrap } from "../local/environment";
import { startBenchTable } from "./lib/bench-table";
import { handlerNode, machineSummary } from "./lib/machine";
import { progress, tableRecorder } from "./lib/results";
import { formatTable, Table } from "./lib/table";
import { requireSupportedNode } from "../tools/node-version";
import { buildFloor, buildVariant, BuiltBundle, naiveVariants, ours, peer, traced, unprimed, Variant } from "./lib/variants";
import { bundleSizeTable } from "./sections/bundle-size";
import { measureColdStarts, ColdStartCell, ColdStartSetup } from "./sections/cold-start";
import { cellKey, coldStartTable, floorTable, primingTable, tracingTable } from "./sections/cold-start-report";
import { measurePreview, previewTable } from "./sections/preview";
import { summaryTable } from "./sections/summary";
import { listTable, measureList } from "./sections/list";
import { measurePolicy, policyBench, policyTable } from "./sections/policy";
import { peerTable } from "./sections/peer";
import { measureWarm, warmTable } from "./sections/warm";
import { sampledTraceEnv } from "./variants/xray";

const usage = `usage: npm run bench -- [options]

This project's four functions side by side with the naive variants, interleaved in one run, printed as
markdown tables (stdout) with progress on stderr. A run without --quick records its tables in
bench/results/bench.json, from which npm run docs regenerates docs/performance.md.

  --quick        smoke run (3 rounds, small loads); records nothing
  --rounds N     cold-start samples per cell (default: 20)
  --only list    only the listing section (1, 4 and 16 shards side by side); records only its table
  --only policy  only the policy pack's stack analysis (1, 10 and 100 functions; 20 zips of 50 MB); records only its table
  --only peer    only the peer comparison (ours and the same handlers on aws-lite, cold starts); records only its table
  -h, --help     this text`;

class UsageError extends Error {}

/** The sections `--only` can run alone. */
const sections = ["list", "policy", "peer"];

function options(argv: string[]) {
    let values;
    try {
        ({ values } = parseArgs({ args: argv, options: { quick: { type: "boolean" }, rounds: { type: "string" }, only: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true }));
    } catch (error) {
        throw new UsageError(`${(error as Error).message}\n${usage}`);
    }
    if (values.only !== undefined && !sections.includes(values.only)) throw new UsageError(`--only must be one of ${sections.join(", ")}; got ${JSON.stringify(values.only)}`);
    const quick = values.quick ?? false;
    const settings = quick
        ? { rounds: 3, warmRequests: 100, connections: 4, previewSamples: 1, listEvents: 100, listRounds: 2, only: values.only }
        : { rounds: 20, warmRequests: 2000, connections: 4, previewSamples: 5, listEvents: 2000, listRounds: 10, only: values.only };
    try {
        return { ...settings, rounds: optionValue("--rounds", values.rounds, positive("cold-start samples per cell", { integer: true }).default(settings.rounds)), quick, help: values.help ?? false };
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
}


async function listSection(settings: ReturnType<typeof options>, nodeVersion: string, print: (id: string, table: Table) => void): Promise<void> {
    progress("listing at 1, 4 and 16 shards...");
    print("list", listTable(await measureList({ events: settings.listEvents, rounds: settings.listRounds }, progress), settings.listEvents, nodeVersion));
}

async function policySection(settings: ReturnType<typeof options>, workDir: string, print: (id: string, table: Table) => void): Promise<void> {
    progress("policy pack stack analysis at 1, 10 and 100 functions...");
    print("policy", policyTable(await measurePolicy(workDir, policyBench[settings.quick ? "quick" : "full"], progress), process.version));
}

/** Each cold-start cell of `variant`: one per function. */
const variantCells = (variant: Variant, bundles: ReadonlyMap<string, BuiltBundle[]>): ColdStartCell[] =>
    bundles.get(variant.id)!.map((b) => ({ key: cellKey(variant, b.route), bundle: b.file, route: b.route }));

/** Cold starts of `cells`, interleaved, against a bench table started for them. */
async function coldStarts(cells: readonly ColdStartCell[], rounds: number, run: Pick<ColdStartSetup, "node" | "bootstrap">) {
    const table = await startBenchTable();
    try {
        return await measureColdStarts(cells, rounds, { ...run, ...table }, (done, total) => done % 20 === 0 && progress(`cold starts: ${done}/${total} samples`));
    } finally {
        await table.close();
    }
}

/** `--only peer`: ours and the peer alone, interleaved. */
async function peerSection(settings: ReturnType<typeof options>, workDir: string, node: ReturnType<typeof handlerNode>, print: (id: string, table: Table) => void): Promise<void> {
    progress("building bundles (ours, aws-lite)...");
    const bundles = new Map<string, BuiltBundle[]>();
    for (const variant of [ours, peer]) bundles.set(variant.id, await buildVariant(variant, routes, workDir));
    const cold = await coldStarts([ours, peer].flatMap((v) => variantCells(v, bundles)), settings.rounds, { node: node.path, bootstrap: await buildRuntimeBootstrap(workDir) });
    print("peer", peerTable(routes, { ours, peer }, bundles, cold, settings.rounds, node.version));
}

async function main(): Promise<void> {
    requireSupportedNode("npm run bench");
    const settings = options(process.argv.slice(2));
    if (settings.help) {
        console.log(usage);
        return;
    }
    const started = performance.now();
    const node = handlerNode();
    const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
    const recorder = tableRecorder("bench", command, machineSummary(node));
    /** Prints a table and keeps it, under `id`, for the results file. */
    const print = (id: string, table: Table) => console.log(`${formatTable(recorder.keep(id, table))}\n`);
    const record = () => {
        if (!settings.quick) progress(`recorded in ${recorder.write()}`);
    };
    const workDir = mkdtempSync(path.join(os.tmpdir(), "events-api-bench-"));
    try {
        const flags = [settings.quick && "--quick", settings.only && `--only ${settings.only}`].filter(Boolean).join(" ");
        console.log(`## Performance (npm run bench${flags && ` -- ${flags}`})\n`);
        console.log(`${machineSummary(node)}\n`);
        if (settings.only !== undefined) {
            const only = { list: () => listSection(settings, node.version, print), policy: () => policySection(settings, workDir, print), peer: () => peerSection(settings, workDir, node, print) };
            await only[settings.only as keyof typeof only]();
            record();
            console.log(`Bench finished in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
            return;
        }

        progress("building bundles...");
        const bundles = new Map<string, BuiltBundle[]>();
        for (const variant of [ours, ...naiveVariants, unprimed, traced, peer]) bundles.set(variant.id, await buildVariant(variant, routes, workDir));
        const floors = {
            bare: await buildFloor("floor-bare", "bench/variants/bare.ts", workDir),
            sdk: await buildFloor("floor-sdk", "bench/variants/sdk-floor.ts", workDir),
        };
        const bootstrap = await buildRuntimeBootstrap(workDir);
        print("bundle-size", bundleSizeTable(bundles.get(ours.id)!, naiveVariants.map((v) => bundles.get(v.id)!)));

        const compared = [ours, ...naiveVariants];
        const cells: ColdStartCell[] = [
            ...compared.flatMap((v) => variantCells(v, bundles)),
            { key: "floor-bare", bundle: floors.bare },
            { key: "floor-sdk", bundle: floors.sdk },
            ...variantCells(unprimed, bundles),
            ...variantCells(traced, bundles).map((cell) => ({ ...cell, env: sampledTraceEnv })),
            ...variantCells(peer, bundles),
        ];
        const cold = await coldStarts(cells, settings.rounds, { node: node.path, bootstrap });
        print("cold-start", coldStartTable(routes, compared, cold, settings.rounds, node.version));
        print("floor", floorTable(routes, unprimed, cold, { bare: "floor-bare", sdk: "floor-sdk" }, node.version));
        print("priming", primingTable(routes, { ours, unprimed }, cold, node.version));
        print("tracing", tracingTable(routes, { ours, traced }, bundles, cold, settings.rounds, node.version));
        print("peer", peerTable(routes, { ours, peer }, bundles, cold, settings.rounds, node.version));

        progress("warm load through the local stack...");
        print("warm", warmTable(await measureWarm({ requests: settings.warmRequests, connections: settings.connections }), settings.connections, node.version));

        await listSection(settings, node.version, print);

        progress("preview cost...");
        print("preview", previewTable(await measurePreview(node.path, settings.previewSamples), node.version));

        await policySection(settings, workDir, print);

        print("summary", summaryTable(routes, ours, [...naiveVariants, peer], bundles, cold));
        record();
        console.log(`Bench finished in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    } finally {
        rmSync(workDir, { recursive: true, force: true });
    }
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        process.stderr.write(`npm run bench: ${error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
    },
);
