import * as assert from "assert";
import { cheapestAndFastest, memoryRow } from "../../bench/lib/power-tuning";

const measurement = (memoryMb: number, warmMs: number[]) => ({ memoryMb, vcpus: memoryMb / 1769, initMs: [100, 120, 140], firstInvocationMs: [30], warmMs });

describe("power tuning choice", () => {
    it("reports medians, warm p50/p99/mean and the cost at both architectures", () => {
        const row = memoryRow(measurement(1024, [10, 20, 30]));
        assert.strictEqual(row.initMedian, 120);
        assert.strictEqual(row.warmP50, 20);
        assert.strictEqual(row.warmMean, 20);
        // From Lambda's price sheet (us-east-1): $0.20 per 1M requests, $0.0000133334 (arm64) and
        // $0.0000166667 (x86_64) per GB-second. 1 GB for a mean 20 ms is 20,000 GB-s per million requests.
        assert.ok(Math.abs(row.costArm64 - 0.466668) < 1e-9, `arm64: ${row.costArm64}`);
        assert.ok(Math.abs(row.costX86 - 0.533334) < 1e-9, `x86_64: ${row.costX86}`);
    });

    it("names the cheapest and the fastest setting, which may differ", () => {
        // 128 MB for 50 ms is 6.25 MB-s; 1024 MB for 5 ms is 5 MB-s; 3008 MB for 4 ms is 11.75 MB-s.
        const rows = [measurement(128, [50]), measurement(1024, [5]), measurement(3008, [4])].map(memoryRow);
        const { cheapest, fastest } = cheapestAndFastest(rows);
        assert.strictEqual(cheapest.memoryMb, 1024);
        assert.strictEqual(fastest.memoryMb, 3008);
    });

    it("breaks a cost tie towards less memory", () => {
        // Both bill 1 ms: 128 MB is cheaper than 256 MB; equal durations make the cheaper one the fastest too.
        const rows = [measurement(256, [0.5]), measurement(128, [0.5])].map(memoryRow);
        assert.strictEqual(cheapestAndFastest(rows).cheapest.memoryMb, 128);
        assert.strictEqual(cheapestAndFastest(rows).fastest.memoryMb, 128);
    });

    it("refuses to choose from nothing", () => {
        assert.throws(() => cheapestAndFastest([]), /no memory sizes/);
    });
});
