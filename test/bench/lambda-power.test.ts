import * as assert from "assert";
import { billedMs, costPerMillion, cpuQuota, vcpuShare } from "../../bench/lib/lambda-power";

describe("Lambda CPU share and cost model", () => {
    it("gives one vCPU at 1769 MB and scales linearly with memory", () => {
        assert.strictEqual(vcpuShare(1769), 1);
        assert.strictEqual(vcpuShare(128).toFixed(3), "0.072");
        assert.strictEqual(vcpuShare(3008).toFixed(2), "1.70");
    });

    it("turns a memory size into a CFS quota per 20 ms period", () => {
        assert.deepStrictEqual(cpuQuota(1769, 2), { periodUs: 20_000, quotaUs: 20_000, vcpus: 1, cappedByCores: false });
        assert.strictEqual(cpuQuota(128, 2).quotaUs, 1447);
        assert.strictEqual(cpuQuota(512, 2).quotaUs, 5789);
        // 3008 MB is 1.70 vCPU: more than one core's worth of time per period, which two cores can give.
        assert.strictEqual(cpuQuota(3008, 2).quotaUs, 34_008);
    });

    it("caps the quota at the machine's cores and says so", () => {
        const quota = cpuQuota(10240, 2);
        assert.strictEqual(quota.quotaUs, 40_000);
        assert.strictEqual(quota.cappedByCores, true);
        assert.strictEqual(cpuQuota(3008, 1).quotaUs, 20_000);
    });

    it("never asks the kernel for less than its 1 ms minimum quota", () => {
        assert.strictEqual(cpuQuota(128, 2, 10_000).quotaUs, 1000);
    });

    it("rejects memory outside Lambda's range and nonsense core counts", () => {
        assert.throws(() => cpuQuota(64, 2), /64 MB is outside Lambda's 128\.\.10240 MB/);
        assert.throws(() => cpuQuota(512, 0), /cores must be a positive integer/);
        assert.throws(() => cpuQuota(512, 2, 500), /period must be an integer of at least 1000 us/);
    });

    it("bills every started millisecond, and at least one", () => {
        assert.strictEqual(billedMs(0.2), 1);
        assert.strictEqual(billedMs(1), 1);
        assert.strictEqual(billedMs(1.0001), 2);
        assert.strictEqual(billedMs(37.4), 38);
        assert.throws(() => billedMs(-1), /not a duration/);
    });

    it("prices a million requests as the request fee plus GB-seconds of billed duration", () => {
        // Lambda's price sheet (us-east-1): $0.20 per 1M requests, $0.0000133334 (arm64) and $0.0000166667
        // (x86_64) per GB-second. 1 GB for 100 ms: 100,000 GB-s per million, $1.33334 + $0.20.
        const arm = costPerMillion(1024, [99.5, 100], "arm64");
        assert.ok(Math.abs(arm - 1.53334) < 1e-9, `arm64: ${arm}`);
        // 0.5 GB for 10 ms: 5,000 GB-s per million, $0.0833335 + $0.20.
        const x86 = costPerMillion(512, [10], "x86_64");
        assert.ok(Math.abs(x86 - 0.2833335) < 1e-9, `x86_64: ${x86}`);
        assert.ok(arm < costPerMillion(1024, [100], "x86_64"), "arm64 costs less per GB-s");
        assert.throws(() => costPerMillion(512, [], "arm64"), /no durations/);
    });
});
