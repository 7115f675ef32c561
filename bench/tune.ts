/**
 * `npm run tune`: local power tuning. Each function runs under a Linux cgroup CPU quota equal to
 * Lambda's CPU share at 128..3008 MB (20 ms CFS period), cold and warm, and the tables give per
 * memory size: init, first invocation, warm p50/p99, and the cost per million requests.
 *
 *   npm run tune                        init unthrottled (as Lambda reportedly runs Init), 5 rounds
 *   npm run tune -- --init-throttled    Init under the quota too
 *   npm run tune -- --quick             smoke run (2 rounds, 5 warm invocations each)
 *
 * Needs root and a cgroup cpu controller (v1 or v2); otherwise it exits with one line saying why.
 */
import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { routes } from "../components/routes";
import { buildRuntimeBootstrap } from "../local/environment";
import { BenchTable, startBenchTable } from "./lib/bench-table";
import { CgroupUnavailable, cpuController, createCpuCgroup, CpuCgroup } from "./lib/cgroup";
import { ColdStartSample, runColdStart } from "./lib/cold-start";
import { cpuQuota, lambdaPrices, tunedMemorySizes } from "./lib/lambda-power";
import { handlerNode, machineSummary } from "./lib/machine";
import { cheapestAndFastest, memoryRow } from "./lib/power-tuning";
import { isSuccess } from "./lib/requests";
import { formatTable, ms, usd } from "./lib/table";
import { buildVariant, ours } from "./lib/variants";
import { eventFor, ColdStartSetup } from "./sections/cold-start";

class UsageError extends Error {}

function options(argv: string[]) {
    let values;
    try {
        ({ values } = parseArgs({ args: argv, options: { quick: { type: "boolean" }, "init-throttled": { type: "boolean" } }, strict: true }));
    } catch (error) {
        throw new UsageError(`${(error as Error).message}; use --quick and/or --init-throttled`);
    }
    const quick = values.quick ?? false;
    return { rounds: quick ? 2 : 5, warmInvocations: quick ? 5 : 20, initThrottled: values["init-throttled"] ?? false };
}

const progress = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<void> {
    const settings = options(process.argv.slice(2));
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
        for (const memoryMb of tunedMemorySizes) {
            groups.set(memoryMb, createCpuCgroup(controller, `events-api-tune-${process.pid}-${memoryMb}mb`, cpuQuota(memoryMb, cores)));
        }
        const node = handlerNode();
        const bundles = await buildVariant(ours, routes, workDir);
        table = await startBenchTable();
        const setup: ColdStartSetup = { node: node.path, bootstrap: await buildRuntimeBootstrap(workDir), ...table };

        const samples = new Map<string, ColdStartSample[]>();
        const total = settings.rounds * tunedMemorySizes.length * bundles.length;
        let done = 0;
        // Rounds interleave memory sizes and functions, so drifting machine load hits every setting alike.
        for (let round = 0; round < settings.rounds; round++) {
            for (const memoryMb of tunedMemorySizes) {
                const group = groups.get(memoryMb)!;
                for (const bundle of bundles) {
                    const events = [];
                    for (let i = 0; i <= settings.warmInvocations; i++) events.push(await eventFor(bundle.route, setup));
                    const sample = await runColdStart({
                        ...setup,
                        bundle: bundle.file,
                        events,
                        memorySizeMb: memoryMb,
                        ...(settings.initThrottled ? { cgroupProcs: group.procsFile } : { moveAfterInit: group.procsFile }),
                        timeoutMs: 120_000,
                    });
                    const failed = sample.statusCodes.find((status) => !isSuccess(status));
                    if (failed !== undefined) throw new Error(`${bundle.route.name} at ${memoryMb} MB answered ${failed}`);
                    const key = `${bundle.route.name}/${memoryMb}`;
                    samples.set(key, [...(samples.get(key) ?? []), sample]);
                    if (++done % 8 === 0) progress(`tune: ${done}/${total} cold starts`);
                }
            }
        }

        console.log(`## Local power tuning (npm run tune${settings.initThrottled ? " -- --init-throttled" : ""})\n`);
        console.log(`${machineSummary(node)}; cgroup v${controller.version} at ${controller.root}\n`);
        for (const route of routes) {
            const rows = tunedMemorySizes.map((memoryMb) => {
                const cell = samples.get(`${route.name}/${memoryMb}`)!;
                return memoryRow({
                    memoryMb,
                    vcpus: cpuQuota(memoryMb, cores).vcpus,
                    initMs: cell.map((s) => s.initMs),
                    firstInvocationMs: cell.map((s) => s.firstInvocationMs),
                    warmMs: cell.flatMap((s) => s.warmMs),
                });
            });
            const { cheapest, fastest } = cheapestAndFastest(rows);
            console.log(
                formatTable({
                    title: `${route.name}`,
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
                }) + "\n",
            );
        }
        console.log(
            [
                `Init ran ${settings.initThrottled ? "under the CPU quota (--init-throttled)" : "unthrottled, as Lambda reportedly runs Init; invocations under the quota (--init-throttled to throttle Init too)"}.`,
                `init and first invocation: medians of ${settings.rounds} fresh processes; warm: ${settings.rounds * settings.warmInvocations} invocations after the first (p50, p99).`,
                `Quota per 20 ms CFS period = Lambda's share (memory / 1769 MB vCPU), capped at this machine's ${cores} cores. This CPU is x86_64: arm64 durations are not measured, only priced.`,
                `Cost: $${lambdaPrices.perMillionRequests} per 1M requests + memory x mean billed warm duration (1 ms increments) at $${lambdaPrices.perGbSecond.arm64}/GB-s arm64, $${lambdaPrices.perGbSecond.x86_64}/GB-s x86_64 (${lambdaPrices.region}, ${lambdaPrices.source}). Init is billed too since 2025-08-01, once per cold start: not included.`,
                `Tune finished in ${((performance.now() - started) / 1000).toFixed(0)} s.`,
            ].join("\n"),
        );
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
