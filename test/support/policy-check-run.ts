import { execFile } from "child_process";
import * as path from "path";
import { exitStatus } from "./exit-status";

export const root = path.resolve(__dirname, "..", "..");

export interface Run {
    /** The exit code, or how the process was stopped (a timeout's kill). */
    code: number | string;
    stdout: string;
    stderr: string;
}

/** Runs `command` with `args` and resolves with its exit code and output (never rejects). */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
    return new Promise((resolve) => {
        execFile(command, args, { cwd: options.cwd ?? root, env: { ...process.env, ...options.env }, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
            resolve({ code: exitStatus(error, 240_000), stdout, stderr }),
        );
    });
}

/**
 * `npm run policy:check -- <args>`'s command, as CI runs it. `PULUMI_NODEJS_TRANSPILE_ONLY` (the Pulumi
 * SDK's own switch, which the check honours as the CLI does) skips type-checking this repository's
 * program, which test/program.test.ts does once; runs of the small fixture programs keep it.
 */
export function policyCheck(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
    // npm runs the script in the repository; from another folder ts-node needs to be told the repository's tsconfig.
    const env = { TS_NODE_PROJECT: path.join(root, "tsconfig.json"), ...options.env };
    return run(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), path.join(root, "scripts", "policy-check.ts"), ...args], { ...options, env });
}

export const transpileOnly = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
