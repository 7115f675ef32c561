import { execFileSync } from "child_process";
import * as fs from "fs";

/**
 * The working directory of the Pulumi CLI process that started this pack. The CLI starts a Node.js pack
 * as `pulumi-analyzer-policy <engine> .`, a `#!/bin/sh` script, with the pack's folder as working
 * directory (pulumi/pulumi sdk/go/common/resource/plugin/analyzer_plugin.go `NewPolicyAnalyzer`, plugin.go
 * `execPlugin`); the script runs `node` as its child. So this process's parent is that shell, in the
 * pack's folder (which is also why `PWD` says nothing: `sh` sets it to its own working directory), and
 * its grandparent is the CLI, in the folder `pulumi` was run from, or the one `-C`/`--cwd` or the
 * Automation API's `workDir` named. The process is found by position in that chain, never by the name or
 * path of its binary (the CLI is installed and wrapped many ways): what it says is only a candidate,
 * which program-root.ts verifies against the stack's project.
 */

export type CliDirectory =
    /** `pid` is the process read, `dir` its working directory. */
    | { dir: string; pid: number }
    | { problem: string };

/** How to read a process's parent and working directory on this platform. */
export interface ProcessReader {
    parentOf(pid: number): number;
    cwdOf(pid: number): string;
}

/** Linux: /proc/<pid>/stat (field 4, after the parenthesised command name, which may hold spaces) and /proc/<pid>/cwd. */
export const procReader: ProcessReader = {
    parentOf(pid) {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (!Number.isInteger(parent) || parent <= 0) {
            throw new Error(`/proc/${pid}/stat names no parent`);
        }
        return parent;
    },
    cwdOf(pid) {
        const dir = fs.readlinkSync(`/proc/${pid}/cwd`);
        if (dir.endsWith(" (deleted)")) {
            throw new Error(`its working directory ${dir.slice(0, -" (deleted)".length)} was deleted`);
        }
        return dir;
    },
};

/** Commands run with a fixed path and a time limit, so a slow or odd machine cannot hang a preview. */
const commandTimeoutMs = 2_000;

/**
 * macOS has no /proc: `ps -o ppid= -p <pid>` gives the parent, and `lsof -a -p <pid> -d cwd -Ffn` the
 * working directory (lsof's field output: a `p<pid>` line, an `fcwd` line, then `n<path>`). Both ship
 * with macOS at these paths; the same commands work on Linux, where the tests run them.
 */
export function commandReader(ps = "/bin/ps", lsof = "/usr/sbin/lsof"): ProcessReader {
    const run = (file: string, args: string[]) => execFileSync(file, args, { encoding: "utf8", timeout: commandTimeoutMs, stdio: ["ignore", "pipe", "ignore"] });
    return {
        parentOf(pid) {
            const parent = Number(run(ps, ["-o", "ppid=", "-p", String(pid)]).trim());
            if (!Number.isInteger(parent) || parent <= 0) {
                throw new Error(`${ps} names no parent for process ${pid}`);
            }
            return parent;
        },
        cwdOf(pid) {
            const dir = lsofDirectory(run(lsof, ["-a", "-p", String(pid), "-d", "cwd", "-Ffn"]));
            if (!dir) {
                throw new Error(`${lsof} shows no working directory for process ${pid}`);
            }
            return dir;
        },
    };
}

/** The `n` field of lsof's field output for the `cwd` descriptor. */
export function lsofDirectory(output: string): string | undefined {
    const lines = output.split("\n");
    const cwd = lines.indexOf("fcwd");
    const name = lines.slice(cwd + 1).find((line) => line.startsWith("n"));
    return cwd === -1 || name === undefined ? undefined : name.slice(1);
}

/** The reader for `platform`, or why there is none. */
export function readerFor(platform: NodeJS.Platform): ProcessReader | string {
    switch (platform) {
        case "linux":
            return procReader;
        case "darwin":
            return commandReader();
        default:
            // Windows: no /proc, and another process's working directory is only in its PEB (NtQueryInformationProcess).
            return `reading another process's working directory is not supported on ${platform}`;
    }
}

/** The working directory of this process's grandparent, the Pulumi CLI when the CLI started the pack. */
export function cliDirectory(reader: ProcessReader | string = readerFor(process.platform), parent: number = process.ppid): CliDirectory {
    if (typeof reader === "string") {
        return { problem: reader };
    }
    let pid: number | undefined;
    try {
        pid = reader.parentOf(parent);
        return { dir: reader.cwdOf(pid), pid };
    } catch (error) {
        const which = pid === undefined ? `the parent of process ${parent}` : `process ${pid}`;
        return { problem: `cannot read the working directory of ${which}: ${(error as Error).message}` };
    }
}
