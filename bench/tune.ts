import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { routes } from "../components/routes";
import { buildRuntimeBootstrap } from "../local/environment";
import { BenchTable, startBenchTable } from "./lib/bench-table";
import { CgroupUnavailable, cpuController, createCpuCgroup, CpuCgroup } from "./lib/cgroup";
import { ColdStartSample, runColdStart } from "./lib/cold-start";
import { settingDefaults } from "../components/settings";
import { cpuQuota, lambdaPrices } from "./lib/lambda-power";
import { handlerNode, machineSummary } from "./lib/machine";
import { memoryRow } from "./lib/power-tuning";
import { isSuccess } from "./lib/requests";
import { progress, tableRecorder } from "./lib/results";
import { formatTable } from "./lib/table";
import { summaryMemoryMb, tuneOptions, usage, UsageError } from "./lib/tune-options";
import { writeTuneFiles } from "./lib/tune-files";
import { reportTables } from "./lib/tune-report";
import { tuneResults } from "./lib/tune-results";
import { requireSupportedNode } from "../tools/node-version";
import { defaultMinimumMemoryMb } from "../policy/policies/lambda";
import { buildVariant, ours, peer, unprimed } from "./lib/variants";
import { eventFor, ColdStartSetup } from "./sections/cold-start";
import { measurePeerUnderQuota, peerTuneTable, quotaPlacement } from "./sections/peer";
import { coldRequestSummary, coldRequestSummaryTable, coldRequestTable, CpuModel, cpuModels, Priming } from "./sections/cold-request";


async function main(): Promise<void> {
    requireSupportedNode("npm run tune");
    const settings = tuneOptions(process.argv.slice(2));
    if (settings.help) {
        console.log(usage);
        return;
    }
    const started = performance.now();
    const controller = cpuController();
    const cores = os.availableParallelism();
    const groups = new Map<number, CpuCgroup>();
    const removeGroups = () => {
        for (const group of groups.values()) {
            try {
                group.remove();
            } catch (error) {
                progress(`could not remove ${path.dirname(group.procsFile)}: ${(error as Error).message}`);
            }
        }
        groups.clear();
    };
    process.once("SIGINT", () => {
        removeGroups();
        process.exit(130);
    });
    const workDir = mkdtempSync(path.join(os.tmpdir(), "events-api-tune-"));
    let table: BenchTable | undefined;
    try {
        for (const memoryMb of settings.memorySizes) {
            groups.set(memoryMb, createCpuCgroup(controller, `events-api-tune-${process.pid}-${memoryMb}mb`, cpuQuota(memoryMb, cores)));
        }
        const node = handlerNode();
        const builds: Record<Priming, Awaited<ReturnType<typeof buildVariant>>> = {
            primed: await buildVariant(ours, routes, workDir),
            unprimed: await buildVariant(unprimed, routes, workDir),
        };
        table = await startBenchTable();
        const setup: ColdStartSetup = { node: node.path, bootstrap: await buildRuntimeBootstrap(workDir), ...table };

        const samples = new Map<string, ColdStartSample[]>();
        const key = (route: string, memoryMb: number, model: CpuModel, priming: Priming) => `${route}/${memoryMb}/${model}/${priming}`;
        const cell = (route: string, memoryMb: number, model: CpuModel, priming: Priming) => samples.get(key(route, memoryMb, model, priming)) ?? [];
        const primings: Priming[] = ["unprimed", "primed"];
        const total = settings.rounds * settings.memorySizes.length * routes.length * primings.length * cpuModels.length;
        let done = 0;
        // Rounds interleave memory sizes, functions, builds and CPU models, so drifting machine load hits every setting alike.
        for (let round = 0; round < settings.rounds; round++) {
            for (const memoryMb of settings.memorySizes) {
                const group = groups.get(memoryMb)!;
                for (const [index, route] of routes.entries()) {
                    for (const priming of primings) {
                        for (const model of cpuModels) {
                            const bundle = builds[priming][index];
                            // Warm invocations only where the power table reads them: the deployed build, Lambda's model.
                            const warm = priming === "primed" && model === "init-burst" ? settings.warmInvocations : 0;
                            const events = [];
                            for (let i = 0; i <= warm; i++) events.push(await eventFor(route, setup));
                            const sample = await runColdStart({
                                ...setup,
                                bundle: bundle.file,
                                events,
                                memorySizeMb: memoryMb,
                                ...quotaPlacement(model, group.procsFile),
                                timeoutMs: 120_000,
                            });
                            const failed = sample.statusCodes.find((status) => !isSuccess(status));
                            if (failed !== undefined) throw new Error(`${route.name} (${priming}, ${model}) at ${memoryMb} MB answered ${failed}`);
                            samples.set(key(route.name, memoryMb, model, priming), [...cell(route.name, memoryMb, model, priming), sample]);
                            if (++done % 16 === 0) progress(`tune: ${done}/${total} cold starts`);
                        }
                    }
                }
            }
        }

        // The peer (bench/variants/aws-lite) against ours at the summary's memory size, in rounds of its own.
        const peerSamples = settings.memorySizes.includes(summaryMemoryMb)
            ? await measurePeerUnderQuota({
                  setup,
                  procsFile: groups.get(summaryMemoryMb)!.procsFile,
                  memoryMb: summaryMemoryMb,
                  rounds: settings.rounds,
                  ours: builds.primed,
                  workDir,
                  progress: (done, total) => done % 16 === 0 && progress(`tune: peer ${done}/${total} cold starts`),
              })
            : undefined;

        const flags = process.argv.slice(2).join(" ");
        const command = `npm run tune${flags && ` -- ${flags}`}`;
        const machine = `${machineSummary(node)}; cgroup v${controller.version}`;
        const recorder = tableRecorder("tune", command, machine);
        const keep = recorder.keep;
        console.log(`## Local power tuning (${command})\n`);
        console.log(`${machineSummary(node)}; cgroup v${controller.version} at ${controller.root}\n`);
        const results = tuneResults({
            command,
            machine,
            measuredAt: new Date(),
            rounds: settings.rounds,
            warmInvocationsPerRound: settings.warmInvocations,
            balancedWeight: settings.balancedWeight,
            minimumMemoryMb: defaultMinimumMemoryMb,
            routes: routes.map((route) => ({
                route: route.name,
                rows: settings.memorySizes.map((memoryMb) => {
                    const deployed = cell(route.name, memoryMb, "init-burst", "primed");
                    return memoryRow({
                        memoryMb,
                        vcpus: cpuQuota(memoryMb, cores).vcpus,
                        initMs: deployed.map((s) => s.initMs),
                        firstInvocationMs: deployed.map((s) => s.firstInvocationMs),
                        warmMs: deployed.flatMap((s) => s.warmMs),
                    });
                }),
            })),
            currentMemoryMb: (route) => settingDefaults.memorySize[route],
        });
        const { perRoute, recommendations } = reportTables(results);
        for (const { id, table } of perRoute) console.log(`${formatTable(keep(id, table))}\n`);
        console.log(`${formatTable(keep("cold-request", coldRequestTable(routes, settings.memorySizes, cell, settings.rounds)))}\n`);
        console.log(
            [
                "Init with CPU burst: the process runs Init unthrottled and joins the memory size's CPU quota before its first invocation; Init throttled: it runs under the quota from its first instruction.",
                `init and first invocation: medians of ${settings.rounds} fresh processes; warm: ${settings.rounds * settings.warmInvocations} invocations after the first (p50, p99, mean).`,
                `Quota per 20 ms CFS period = Lambda's share (memory / 1769 MB vCPU), capped at this machine's ${cores} cores. This CPU is x86_64: arm64 durations are not measured, only priced.`,
                `Cost: $${lambdaPrices.perMillionRequests} per 1M requests + memory x mean billed warm duration (1 ms increments) at $${lambdaPrices.perGbSecond.arm64}/GB-s arm64, $${lambdaPrices.perGbSecond.x86_64}/GB-s x86_64 (${lambdaPrices.region}, ${lambdaPrices.source}). Init is billed too since 2025-08-01, once per cold start: not included.`,
            ].join("\n") + "\n",
        );
        if (settings.memorySizes.includes(summaryMemoryMb)) {
            for (const model of cpuModels) console.log(coldRequestSummary(routes, cell, summaryMemoryMb, model));
            keep("cold-request-summary", coldRequestSummaryTable(routes, cell, summaryMemoryMb));
            console.log("");
        }
        if (peerSamples) console.log(`${formatTable(keep("peer", peerTuneTable(routes, { ours, peer }, peerSamples, summaryMemoryMb, settings.rounds)))}\n`);
        console.log(formatTable(keep(recommendations.id, recommendations.table)));
        console.log(`\nTune finished in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
        for (const line of writeTuneFiles(results, settings)) progress(line);
        if (settings.record) progress(`recorded in ${recorder.write()}`);
    } finally {
        removeGroups();
        await table?.close();
        rmSync(workDir, { recursive: true, force: true });
    }
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        if (error instanceof CgroupUnavailable || error instanceof UsageError) {
            process.stderr.write(`npm run tune: ${error.message}\n`);
            process.exit(2);
        }
        process.stderr.write(`npm run tune: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
    },
);
