import * as assert from "assert";
import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { CgroupUnavailable, createCpuCgroup, findCpuController, quotaFiles } from "../../bench/lib/cgroup";
import { cpuQuota } from "../../bench/lib/lambda-power";

const v1Mounts = [
    "tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0",
    "cgroup /sys/fs/cgroup/cpuacct cgroup rw,relatime,cpuacct 0 0",
    "cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0",
    "cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0",
].join("\n");

describe("cgroup CPU quotas", () => {
    it("finds the v1 cpu controller, and not the cpuacct one", () => {
        assert.deepStrictEqual(findCpuController(v1Mounts, () => ""), { version: 1, root: "/sys/fs/cgroup/cpu" });
    });

    it("finds the v1 controller when it shares a mount with cpuacct", () => {
        const mounts = "cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,cpu,cpuacct 0 0";
        assert.deepStrictEqual(findCpuController(mounts, () => ""), { version: 1, root: "/sys/fs/cgroup/cpu,cpuacct" });
    });

    it("uses cgroup v2 only where its controllers list cpu", () => {
        const mounts = "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0";
        assert.deepStrictEqual(findCpuController(mounts, () => "cpuset cpu io memory pids\n"), { version: 2, root: "/sys/fs/cgroup" });
        assert.strictEqual(findCpuController(mounts, () => "memory pids"), undefined);
        assert.strictEqual(findCpuController(mounts, () => undefined), undefined);
    });

    it("writes period and quota in each version's format", () => {
        const quota = cpuQuota(512, 2);
        assert.deepStrictEqual(quotaFiles(1, quota), { "cpu.cfs_period_us": "20000", "cpu.cfs_quota_us": "5789" });
        assert.deepStrictEqual(quotaFiles(2, quota), { "cpu.max": "5789 20000" });
    });

    it("explains in one line when the hierarchy cannot be written", () => {
        const root = mkdtempSync(path.join(os.tmpdir(), "bench-cgroup-"));
        try {
            const missing = path.join(root, "not-mounted");
            assert.throws(
                () => createCpuCgroup({ version: 1, root: missing }, "tune-512", cpuQuota(512, 2)),
                (error: Error) => error instanceof CgroupUnavailable && /^cannot create cgroup .*tune-512 \(ENOENT\)/.test(error.message) && !error.message.includes("\n"),
            );
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });
});
