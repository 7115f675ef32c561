/**
 * One cold-start sample: a fresh execution environment of the local stack's Lambda-like runtime (one
 * `node` process running `local/runtime-bootstrap.ts`) for one bundle, invoked once per event, then ended.
 * The bundle lives outside the project and finds the runtime-provided AWS SDK through NODE_PATH, as a
 * Lambda function finds /var/runtime/node_modules.
 */
import { writeFileSync } from "fs";
import * as path from "path";
import { ExecutionEnvironment } from "../../local/environment";
import type { RouteDefinition } from "../../components/routes";
import { lambdaMemoryMb } from "../../components/settings";
import { lambdaVariables, localFunctionArn } from "../../local/local-function";

export interface ColdStartSample {
    /** Node's own start-up, until the bootstrap's first line. */
    bootMs: number;
    /** Loading the bundle: module evaluation and client construction. */
    loadMs: number;
    /** bootMs + loadMs: what Lambda reports as Init Duration (runtime start plus function init). */
    initMs: number;
    firstInvocationMs: number;
    /** Durations of the invocations after the first, in order. */
    warmMs: number[];
    statusCodes: (number | undefined)[];
}

export interface ColdStartRun {
    /** The `node` binary. */
    node: string;
    /** The compiled runtime bootstrap (`buildRuntimeBootstrap`). */
    bootstrap: string;
    /** The bundle to load, an absolute path; its file name (without the extension) is the handler's module. */
    bundle: string;
    /** Events to invoke with, in order; the first is the cold invocation. At least one. */
    events: readonly unknown[];
    /** The function's own environment (table name, endpoint, credentials). */
    env: Record<string, string>;
    /** Directory the bundle's external `require("@aws-sdk/...")` resolves from. @default - the project's node_modules */
    nodePath?: string;
    /** The route the bundle serves, when it serves one: its default memory is the sample's. */
    route?: Pick<RouteDefinition, "defaultMemorySizeMb">;
    /**
     * Reported to the function as its memory size. @default - the route's `defaultMemorySizeMb`; without
     * a route, 128 MB, what Lambda gives a function that sets none
     */
    memorySizeMb?: number;
    /** A cgroup.procs file the process joins before Node starts: Init runs under the quota. */
    cgroupProcs?: string;
    /** A cgroup.procs file the process joins after Init: only invocations run under the quota. */
    moveAfterInit?: string;
    /** Init and each invocation may take this long. @default 60000 */
    timeoutMs?: number;
}

let sampleCounter = 0;

/** The memory size a sample reports (ColdStartRun.memorySizeMb). */
function memorySizeOf(run: Pick<ColdStartRun, "route" | "memorySizeMb">): number {
    // Lambda's default memory is the bottom of its range.
    return run.memorySizeMb ?? run.route?.defaultMemorySizeMb ?? lambdaMemoryMb.min;
}

export async function runColdStart(run: ColdStartRun): Promise<ColdStartSample> {
    if (run.events.length === 0) throw new Error("a cold-start sample needs at least one event");
    const functionName = `bench-${process.pid}-${sampleCounter++}`;
    const lambda = lambdaVariables({ functionName, taskRoot: path.dirname(run.bundle), memorySizeMb: memorySizeOf(run) });
    const env: Record<string, string> = { ...lambda, ...run.env, _HANDLER: `${path.parse(run.bundle).name}.handler` };
    if (run.nodePath) env.NODE_PATH = run.nodePath;
    const logs: string[] = [];
    const environment = await ExecutionEnvironment.start({
        functionName,
        bootstrapFile: run.bootstrap,
        node: run.node,
        // The shell joins the cgroup and then becomes node, so Node's first instruction is already throttled.
        launcher: run.cgroupProcs ? ["/bin/sh", "-c", 'echo $$ > "$1" && shift && exec "$@"', "sh", run.cgroupProcs] : undefined,
        env,
        timeoutMs: run.timeoutMs ?? 60_000,
        initTimeoutMs: run.timeoutMs ?? 60_000,
        // The last lines the process wrote, for the error when Init fails.
        onLog: (line) => logs.push(line) > 40 && logs.shift(),
    });
    try {
        if (environment.initError) {
            const { errorType, errorMessage } = environment.initError;
            throw new Error(`cold-start sample of ${run.bundle} failed in Init: ${errorType}: ${errorMessage}\n${logs.join("\n")}`);
        }
        if (run.moveAfterInit) writeFileSync(run.moveAfterInit, String(environment.pid));
        const invocations = [];
        for (const [index, event] of run.events.entries()) {
            const invocation = await environment.invoke({ requestId: `${functionName}-${index}`, event, invokedFunctionArn: localFunctionArn(functionName) });
            const payload = invocation.status === "success" ? (invocation.payload as { statusCode?: number } | undefined) : undefined;
            invocations.push({ ms: invocation.durationMs, statusCode: payload?.statusCode });
        }
        const [first, ...warm] = invocations;
        return {
            bootMs: environment.bootMs,
            loadMs: environment.initDurationMs,
            initMs: environment.bootMs + environment.initDurationMs,
            firstInvocationMs: first.ms,
            warmMs: warm.map((invocation) => invocation.ms),
            statusCodes: invocations.map((invocation) => invocation.statusCode),
        };
    } finally {
        await environment.dispose();
    }
}
