import { ChildProcess, ChildProcessByStdio, execFileSync, spawn } from "child_process";
import type { Readable } from "stream";
import * as path from "path";
import { projectRoot } from "../../components/bundle";

export interface RunningCli {
    child: ChildProcess;
    /** Resolves with the API's URL once it serves; rejects if the process ends first. */
    started: Promise<string>;
    stdout: string[];
    stderr: string[];
    /** Resolves with the exit code (or signal name) once the process has ended. */
    exited: Promise<number | string>;
}

const running = new Set<ChildProcess>();

/** Stops every CLI a test started and did not stop itself (a failed assertion must not leak a server). */
export async function stopAllClis(): Promise<void> {
    await Promise.all(
        [...running].map(
            (child) =>
                new Promise<void>((resolve) => {
                    if (child.exitCode !== null || child.signalCode !== null) return resolve();
                    child.once("exit", () => resolve());
                    child.kill("SIGTERM");
                }),
        ),
    );
    running.clear();
}

/** Runs `npm start`'s command (node + ts-node on local/cli.ts) as npm would, without npm in between. */
export function spawnCli(args: string[], env: Record<string, string> = {}): RunningCli {
    return watch(spawn(process.execPath, ["-r", "ts-node/register/transpile-only", path.join("local", "cli.ts"), ...args], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] }));
}

/** Runs `npm start -- <args>` through npm itself, as a user does (the npm running this test, else the one on PATH). */
export function spawnNpmStart(args: string[], env: Record<string, string> = {}): RunningCli {
    const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
    return watch(spawn(npm[0], [...npm.slice(1), "start", "--silent", "--", ...args], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] }));
}

function watch(child: ChildProcessByStdio<null, Readable, Readable>): RunningCli {
    running.add(child);
    const stdout: string[] = [];
    const stderr: string[] = [];
    const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "")));
    const started = new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
            stdout.push(...chunk.split("\n").filter(Boolean));
            const url = /Events API: (http:\/\/\S+)/.exec(stdout.join("\n"));
            if (url) resolve(url[1]);
        });
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr.push(...chunk.split("\n").filter(Boolean)));
        void exited.then((code) => reject(new Error(`npm start exited (${code}) before serving: ${stderr.join("\n")}`)));
    });
    return { child, stdout, stderr, exited, started };
}

/** Process ids of a process's children whose command line includes `command`. */
export function childPids(pid: number, command: string): number[] {
    try {
        return execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" })
            .split("\n")
            .filter((line) => line.includes(command))
            .map((line) => Number(line.trim().split(/\s+/)[0]));
    } catch {
        return [];
    }
}

/** Process ids of a process's execution environments (its children running the runtime bootstrap). */
export const environmentPids = (pid: number): number[] => childPids(pid, "bootstrap.js");

export function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}
