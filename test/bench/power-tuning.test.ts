import * as assert from "assert";
import { costPerMillion } from "../../bench/lib/lambda-power";
import { cheapestAndFastest, memoryRow } from "../../bench/lib/power-tuning";

const measurement = (memoryMb: number, warmMs: number[]) => ({ memoryMb, vcpus: memoryMb / 1769, initMs: [100, 120, 140], firstInvocationMs: [30], warmMs });

describe("power tuning choice", () => {
    it("reports medians, warm p50/p99/mean and the cost at both architectures", () => {
        const row = memoryRow(measurement(1024, [10, 20, 30]));
        assert.strictEqual(row.initMedian, 120);
        assert.strictEqual(row.warmP50, 20);
        assert.strictEqual(row.warmMean, 20);
        assert.strictEqual(row.costArm64, costPerMillion(1024, [10, 20, 30], "arm64"));
        assert.strictEqual(row.costX86, costPerMillion(1024, [10, 20, 30], "x86_64"));
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
