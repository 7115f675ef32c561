import * as assert from "assert";
import { balancedScore, Candidate, memoryRow, recommend } from "../../bench/lib/power-tuning";

const measurement = (memoryMb: number, warmMs: number[]) => ({ memoryMb, vcpus: memoryMb / 1769, initMs: [100, 120, 140], firstInvocationMs: [30, 10, 50], warmMs });
const candidate = (memoryMb: number, durationCostArm64: number, warmMean: number): Candidate => ({ memoryMb, durationCostArm64, warmMean });
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);

/**
 * Written out by hand. Highest cost 0.80, longest duration 100 ms; balanced value = w x cost / 0.80 + (1 - w) x duration / 100:
 *
 * | memory | cost | duration | w = 0.5  | w = 0.8 | w = 0.2 |
 * |    128 | 0.30 |      100 | 0.6875   | 0.5     | 0.875   |
 * |    256 | 0.20 |       40 | 0.325    | 0.28    | 0.37    |
 * |    512 | 0.25 |       20 | 0.25625  | 0.29    | 0.2225  |
 * |   1024 | 0.40 |       12 | 0.31     | 0.424   | 0.196   |
 * |   2048 | 0.80 |       10 | 0.55     | 0.82    | 0.28    |
 */
const table = [candidate(128, 0.3, 100), candidate(256, 0.2, 40), candidate(512, 0.25, 20), candidate(1024, 0.4, 12), candidate(2048, 0.8, 10)];
const memory = (rows: readonly Candidate[], weight?: number) => {
    const chosen = recommend(rows, weight);
    return { cheapest: chosen.cheapest.memoryMb, fastest: chosen.fastest.memoryMb, balanced: chosen.balanced.memoryMb };
};

describe("power tuning: what a memory size measured", () => {
    it("reports medians, warm p50/p99/mean, the sample counts and the cost at both architectures", () => {
        const row = memoryRow(measurement(1024, [10, 20, 30]));
        assert.deepStrictEqual([row.initMedian, row.firstInvocationMedian, row.warmP50, row.warmMean, row.coldStarts, row.warmInvocations], [120, 30, 20, 20, 3, 3]);
        // From Lambda's price sheet (us-east-1): $0.20 per 1M requests, $0.0000133334 (arm64) and
        // $0.0000166667 (x86_64) per GB-second. 1 GB for a mean 20 ms is 20,000 GB-s per million requests.
        close(row.costArm64, 0.466668);
        close(row.costX86, 0.533334);
        close(row.durationCostArm64, 0.266668);
    });

    it("takes the cold request as the median of each process's Init + first invocation, not the sum of the medians", () => {
        // Processes: 100 + 30, 120 + 10, 140 + 50 = 130, 130, 190; the medians of the parts add up to 150.
        assert.strictEqual(memoryRow(measurement(512, [5])).coldRequestMedian, 130);
    });

    it("refuses Init and first invocation counts that do not pair up", () => {
        assert.throws(() => memoryRow({ ...measurement(512, [5]), firstInvocationMs: [1] }), /512 MB: 3 Init durations but 1 first invocations/);
    });
});

describe("power tuning: Power Tuning's strategies", () => {
    it("picks the cheapest, the fastest and the balanced (weight 0.5) from the written-out table", () => {
        assert.deepStrictEqual(memory(table), { cheapest: 256, fastest: 2048, balanced: 512 });
        close(balancedScore(table[2], table, 0.5), 0.25625);
        close(balancedScore(table[0], table, 0.5), 0.6875);
    });

    it("moves the balanced choice with the weight: 0.8 towards cost, 0.2 towards duration", () => {
        assert.strictEqual(memory(table, 0.8).balanced, 256);
        assert.strictEqual(memory(table, 0.2).balanced, 1024);
        close(balancedScore(table[3], table, 0.2), 0.196);
    });

    it("is the fastest at weight 0 and the cheapest at weight 1, as Power Tuning documents", () => {
        assert.strictEqual(memory(table, 0).balanced, 2048);
        assert.strictEqual(memory(table, 1).balanced, 256);
    });

    it("breaks a cost tie towards the faster and a duration tie towards the cheaper", () => {
        assert.strictEqual(memory([candidate(256, 0.2, 40), candidate(512, 0.2, 20)]).cheapest, 512);
        assert.strictEqual(memory([candidate(2048, 0.8, 10), candidate(1024, 0.4, 10)]).fastest, 1024);
    });

    it("gives what is still tied to less memory, in whatever order the rows come", () => {
        const tied = [candidate(1024, 0.4, 10), candidate(512, 0.4, 10)];
        assert.deepStrictEqual(memory(tied), { cheapest: 512, fastest: 512, balanced: 512 });
        // At weight 0 only duration counts: equal durations give equal values.
        assert.strictEqual(memory([candidate(2048, 0.8, 10), candidate(1024, 0.4, 10)], 0).balanced, 1024);
    });

    it("ties measured costs exactly: 128 MB for 2 ms bills as much as 256 MB for 1 ms", () => {
        const rows = [measurement(256, [0.5]), measurement(128, [1.5])].map(memoryRow);
        assert.strictEqual(rows[0].durationCostArm64, rows[1].durationCostArm64);
        // Equal cost: the faster (256 MB, 1 ms billed for 0.5 ms) is the cheapest.
        assert.strictEqual(recommend(rows).cheapest.memoryMb, 256);
    });

    it("chooses the same at x86_64 prices: its price per GB-second is a constant factor of arm64's", () => {
        const rows = [measurement(128, [40, 60]), measurement(256, [22]), measurement(512, [9, 13]), measurement(1024, [6]), measurement(3008, [4])].map(memoryRow);
        const atX86 = rows.map((row) => ({ ...row, durationCostArm64: row.costX86 - 0.2 }));
        for (const weight of [0, 0.3, 0.5, 0.7, 1]) assert.deepStrictEqual(memory(atX86, weight), memory(rows, weight), `weight ${weight}`);
    });

    it("refuses a weight outside 0..1 and choosing from nothing", () => {
        assert.throws(() => recommend(table, 1.5), /^Error: balanced weight must be a number from 0 to 1 \(0: only duration counts, 1: only cost\), got 1.5$/);
        assert.throws(() => recommend(table, Number.NaN), /got NaN/);
        assert.throws(() => recommend([]), /no memory sizes measured/);
    });
});
