/**
 * The parent side of a cold-start sample: one fresh `node` process per sample, running the
 * bootstrap in `bootstrap.ts` against one bundle. The bundle lives outside the project and finds the
 * runtime-provided AWS SDK through NODE_PATH, as a Lambda function finds /var/runtime/node_modules.
 */
import { spawn } from "child_process";
import { compileScript } from "../../tools/compile-script";
import { writeFileSync } from "fs";
import * as path from "path";
import type { BootstrapResult } from "./bootstrap";

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
    /** The compiled bootstrap (see `buildBootstrap`). */
    bootstrap: string;
    /** The bundle to load, an absolute path. */
    bundle: string;
    /** Events to invoke with, in order; the first is the cold invocation. At least one. */
    events: readonly unknown[];
    /** Where the events file is written. */
    workDir: string;
    /** The function's environment (table name, endpoint, credentials). */
    env: Record<string, string>;
    /** Directory the bundle's external `require("@aws-sdk/...")` resolves from. */
    nodePath?: string;
    /** An exported promise that Init awaits (see bootstrap.ts). */
    initExport?: string;
    /** A cgroup.procs file the process joins before Node starts: Init runs under the quota. */
    cgroupProcs?: string;
    /** A cgroup.procs file the process joins after Init: only invocations run under the quota. */
    moveAfterInit?: string;
    /** @default 60000 */
    timeoutMs?: number;
}

/** Compiles the bootstrap to plain JavaScript in `workDir`, so no TypeScript loader runs in a sample. */
export function buildBootstrap(workDir: string): Promise<string> {
    return compileScript(path.join(__dirname, "bootstrap.ts"), path.join(workDir, "bootstrap.js"));
}

let eventsFileCounter = 0;

export function runColdStart(run: ColdStartRun): Promise<ColdStartSample> {
    if (run.events.length === 0) throw new Error("a cold-start sample needs at least one event");
    const eventsFile = path.join(run.workDir, `events-${process.pid}-${eventsFileCounter++}.json`);
    writeFileSync(eventsFile, JSON.stringify(run.events));

    const env: Record<string, string> = {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        ...run.env,
        BENCH_BUNDLE: run.bundle,
        BENCH_EVENTS: eventsFile,
    };
    if (run.nodePath) env.NODE_PATH = run.nodePath;
    if (run.moveAfterInit) env.BENCH_MOVE_AFTER_INIT = run.moveAfterInit;
    if (run.initExport) env.BENCH_INIT_EXPORT = run.initExport;
    const [command, args] = run.cgroupProcs
        ? // The shell joins the cgroup and then becomes node, so Node's first instruction is already throttled.
          ["/bin/sh", ["-c", 'echo $$ > "$1" && shift && exec "$@"', "sh", run.cgroupProcs, run.node, run.bootstrap]]
        : [run.node, [run.bootstrap]];

    return new Promise((resolve, reject) => {
        const child = spawn(command, args as string[], { env, stdio: ["ignore", "pipe", "pipe", "pipe"] });
        let output = "";
        let result = "";
        const keep = (chunk: Buffer) => {
            output = (output + chunk.toString()).slice(-4000);
        };
        child.stdout?.on("data", keep);
        child.stderr?.on("data", keep);
        (child.stdio[3] as NodeJS.ReadableStream).on("data", (chunk: Buffer) => (result += chunk.toString()));
        const timer = setTimeout(() => child.kill("SIGKILL"), run.timeoutMs ?? 60_000);
        child.on("error", (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            if (code !== 0 || !result) {
                reject(new Error(`cold-start sample of ${run.bundle} failed (exit ${code ?? signal}):\n${output.trim()}`));
                return;
            }
            const parsed = JSON.parse(result) as BootstrapResult;
            const [first, ...warm] = parsed.invocations;
            resolve({
                bootMs: parsed.bootMs,
                loadMs: parsed.loadMs,
                initMs: parsed.bootMs + parsed.loadMs,
                firstInvocationMs: first.ms,
                warmMs: warm.map((invocation) => invocation.ms),
                statusCodes: parsed.invocations.map((invocation) => invocation.statusCode),
            });
        });
    });
}
