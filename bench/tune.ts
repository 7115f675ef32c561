import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { routes } from "../components/routes";
import { buildRuntimeBootstrap } from "../local/environment";
import { BenchTable, startBenchTable } from "./lib/bench-table";
import { CgroupUnavailable, cpuController, createCpuCgroup, CpuCgroup } from "./lib/cgroup";
import { ColdStartSample, runColdStart } from "./lib/cold-start";
import { positive } from "../components/setting-rules";
import { optionValue } from "../components/settings";
import { cpuQuota, lambdaPrices, tunedMemorySizes } from "./lib/lambda-power";
import { handlerNode, machineSummary } from "./lib/machine";
import { cheapestAndFastest, memoryRow } from "./lib/power-tuning";
import { isSuccess } from "./lib/requests";
import { progress, tableRecorder } from "./lib/results";
import { formatTable, ms, usd } from "./lib/table";
import { requireSupportedNode } from "../tools/node-version";
import { buildVariant, ours, unprimed } from "./lib/variants";
import { eventFor, ColdStartSetup } from "./sections/cold-start";
import { coldRequestSummary, coldRequestSummaryTable, coldRequestTable, CpuModel, cpuModels, Priming } from "./sections/cold-request";

const usage = `usage: npm run tune -- [options]

Local power tuning. Each function runs under a Linux cgroup CPU quota equal to Lambda's CPU share at
${tunedMemorySizes.join(", ")} MB (20 ms CFS period), cold and warm; the tables give per memory size: init, first
invocation, warm p50/p99 and the cost per million requests. Every cold start is also measured without
priming and under both CPU models (Init with a CPU burst, Init throttled too), side by side in every
round. A run over every memory size without --quick records its tables in bench/results/tune.json, from
which npm run docs regenerates docs/performance.md. Needs root and a cgroup cpu controller (v1 or v2);
otherwise it exits with one line saying why.

  --rounds N       fresh processes per setting (default: 5)
  --memory MB,...  only these memory sizes, comma-separated (records nothing)
  --quick          smoke run (1 round, 5 warm invocations each; records nothing)
  -h, --help       this text`;

/** The setting whose priming ratios the two summary lines give. */
const summaryMemoryMb = 512;

class UsageError extends Error {}

function options(argv: string[]) {
    let values;
    try {
        ({ values } = parseArgs({ args: argv, options: { quick: { type: "boolean" }, rounds: { type: "string" }, memory: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true }));
    } catch (error) {
        throw new UsageError(`${(error as Error).message}\n${usage}`);
    }
    const quick = values.quick ?? false;
    try {
        const rounds = optionValue("--rounds", values.rounds, positive("fresh processes per setting", { integer: true }).default(quick ? 1 : 5));
        return { rounds, warmInvocations: quick ? 5 : 20, memorySizes: memoryOption(values.memory), record: !quick && values.memory === undefined, help: values.help ?? false };
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
}

function memoryOption(value: string | undefined): readonly number[] {
    if (value === undefined) return tunedMemorySizes;
    const sizes = value.split(",").map((size) => Number(size.trim()));
    const unknown = sizes.filter((size) => !(tunedMemorySizes as readonly number[]).includes(size));
    if (unknown.length > 0 || sizes.length === 0) {
        throw new UsageError(`--memory takes sizes from ${tunedMemorySizes.join(", ")} (MB), comma-separated; got ${JSON.stringify(value)}`);
    }
    return [...new Set(sizes)].sort((a, b) => a - b);
}


async function main(): Promise<void> {
    requireSupportedNode("npm run tune");
    const settings = options(process.argv.slice(2));
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
                                ...(model === "init-throttled" ? { cgroupProcs: group.procsFile } : { moveAfterInit: group.procsFile }),
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

        const flags = process.argv.slice(2).join(" ");
        const recorder = tableRecorder("tune", `npm run tune${flags && ` -- ${flags}`}`, `${machineSummary(node)}; cgroup v${controller.version}`);
        const keep = recorder.keep;
        console.log(`## Local power tuning (npm run tune${flags && ` -- ${flags}`})\n`);
        console.log(`${machineSummary(node)}; cgroup v${controller.version} at ${controller.root}\n`);
        for (const route of routes) {
            const rows = settings.memorySizes.map((memoryMb) => {
                const deployed = cell(route.name, memoryMb, "init-burst", "primed");
                return memoryRow({
                    memoryMb,
                    vcpus: cpuQuota(memoryMb, cores).vcpus,
                    initMs: deployed.map((s) => s.initMs),
                    firstInvocationMs: deployed.map((s) => s.firstInvocationMs),
                    warmMs: deployed.flatMap((s) => s.warmMs),
                });
            });
            const { cheapest, fastest } = cheapestAndFastest(rows);
            console.log(
                formatTable(keep(`power-${route.name}`, {
                    title: `${route.name} (primed, as deployed; Init with CPU burst)`,
                    headers: ["memory", "vCPU", "init", "first invocation", "warm p50", "warm p99", "$/1M req arm64", "$/1M req x86_64"],
                    rows: rows.map((r) => [
                        `${r.memoryMb} MB`,
                        r.vcpus.toFixed(3),
                        ms(r.initMedian),
                        ms(r.firstInvocationMedian),
                        ms(r.warmP50),
                        ms(r.warmP99),
                        usd(r.costArm64),
                        usd(r.costX86),
                    ]),
                    notes: [
                        `cheapest: ${cheapest.memoryMb} MB (${usd(cheapest.costArm64)} per 1M requests on arm64); ` +
                            `fastest: ${fastest.memoryMb} MB (mean warm ${ms(fastest.warmMean)}).`,
                    ],
                })) + "\n",
            );
        }
        console.log(`${formatTable(keep("cold-request", coldRequestTable(routes, settings.memorySizes, cell, settings.rounds)))}\n`);
        console.log(
            [
                "Init with CPU burst: the process runs Init unthrottled and joins the memory size's CPU quota before its first invocation; Init throttled: it runs under the quota from its first instruction.",
                `init and first invocation: medians of ${settings.rounds} fresh processes; warm: ${settings.rounds * settings.warmInvocations} invocations after the first (p50, p99).`,
                `Quota per 20 ms CFS period = Lambda's share (memory / 1769 MB vCPU), capped at this machine's ${cores} cores. This CPU is x86_64: arm64 durations are not measured, only priced.`,
                `Cost: $${lambdaPrices.perMillionRequests} per 1M requests + memory x mean billed warm duration (1 ms increments) at $${lambdaPrices.perGbSecond.arm64}/GB-s arm64, $${lambdaPrices.perGbSecond.x86_64}/GB-s x86_64 (${lambdaPrices.region}, ${lambdaPrices.source}). Init is billed too since 2025-08-01, once per cold start: not included.`,
                `Tune finished in ${((performance.now() - started) / 1000).toFixed(0)} s.`,
            ].join("\n") + "\n",
        );
        if (settings.memorySizes.includes(summaryMemoryMb)) {
            for (const model of cpuModels) console.log(coldRequestSummary(routes, cell, summaryMemoryMb, model));
            keep("cold-request-summary", coldRequestSummaryTable(routes, cell, summaryMemoryMb));
        }
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
