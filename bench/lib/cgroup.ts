/**
 * Linux CPU cgroups for `npm run tune`: one group per memory size, with the CFS quota that gives
 * Lambda's CPU share. Works with the cgroup v1 `cpu` controller and with cgroup v2's `cpu.max`.
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync, existsSync } from "fs";
import * as path from "path";
import type { CpuQuota } from "./lambda-power";

/** Why cgroups cannot be used here, in one line for the user. */
export class CgroupUnavailable extends Error {
    constructor(message: string) {
        super(message);
        this.name = "CgroupUnavailable";
    }
}

export interface CpuController {
    version: 1 | 2;
    /** Mount point of the hierarchy that carries the cpu controller. */
    root: string;
}

/**
 * Finds the hierarchy with the cpu controller in /proc/mounts text: a v1 `cgroup` mount with the
 * `cpu` option, else a `cgroup2` mount whose cgroup.controllers lists `cpu`.
 */
export function findCpuController(mounts: string, controllersOf: (root: string) => string | undefined): CpuController | undefined {
    const entries = mounts
        .split("\n")
        .map((line) => line.split(" "))
        .filter((fields) => fields.length >= 4);
    for (const [, mountPoint, type, options] of entries) {
        if (type === "cgroup" && options.split(",").includes("cpu")) return { version: 1, root: mountPoint };
    }
    for (const [, mountPoint, type] of entries) {
        if (type === "cgroup2" && (controllersOf(mountPoint) ?? "").split(/\s+/).includes("cpu")) {
            return { version: 2, root: mountPoint };
        }
    }
    return undefined;
}

/** The files (and contents) that set a quota in each cgroup version. */
export function quotaFiles(version: 1 | 2, quota: CpuQuota): Record<string, string> {
    return version === 1
        ? { "cpu.cfs_period_us": String(quota.periodUs), "cpu.cfs_quota_us": String(quota.quotaUs) }
        : { "cpu.max": `${quota.quotaUs} ${quota.periodUs}` };
}

export interface CpuCgroup {
    /** Writing a pid here moves that process into the group. */
    procsFile: string;
    remove(): void;
}

function readIfExists(file: string): string | undefined {
    return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/** Locates the cpu controller, or explains in one line why there is none. */
export function cpuController(): CpuController {
    const mounts = readIfExists("/proc/mounts");
    if (mounts === undefined) throw new CgroupUnavailable("no /proc/mounts: CPU quotas need Linux cgroups");
    const controller = findCpuController(mounts, (root) => readIfExists(path.join(root, "cgroup.controllers")));
    if (!controller) throw new CgroupUnavailable("no cgroup hierarchy with the cpu controller is mounted (checked v1 and v2 in /proc/mounts)");
    return controller;
}

/** Creates a group with `quota`; throws CgroupUnavailable (one line) when the hierarchy is not writable. */
export function createCpuCgroup(controller: CpuController, name: string, quota: CpuQuota): CpuCgroup {
    const dir = path.join(controller.root, name);
    try {
        if (controller.version === 2) {
            // v2 enables a controller for children from the parent's subtree_control.
            writeFileSync(path.join(controller.root, "cgroup.subtree_control"), "+cpu");
        }
        mkdirSync(dir);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "error";
        throw new CgroupUnavailable(`cannot create cgroup ${dir} (${code}): run as root on a host that delegates the cpu controller`);
    }
    const remove = () => {
        if (existsSync(dir)) rmdirSync(dir);
    };
    try {
        for (const [file, value] of Object.entries(quotaFiles(controller.version, quota))) {
            writeFileSync(path.join(dir, file), value);
        }
    } catch (error) {
        remove();
        throw new CgroupUnavailable(`cannot set the CPU quota in ${dir} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
    return { procsFile: path.join(dir, "cgroup.procs"), remove };
}
