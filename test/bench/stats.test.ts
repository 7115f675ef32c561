import * as assert from "assert";
import { median, percentile, ratio, summarize } from "../../bench/lib/stats";

describe("bench statistics", () => {
    it("takes the middle value of an odd count and the mean of the two middle values of an even one", () => {
        assert.strictEqual(median([5, 1, 3]), 3);
        assert.strictEqual(median([4, 1, 3, 2]), 2.5);
    });

    it("interpolates percentiles between ranks and leaves the input unsorted", () => {
        const samples = [40, 10, 30, 20, 50];
        assert.strictEqual(percentile(samples, 0), 10);
        assert.strictEqual(percentile(samples, 25), 20);
        assert.strictEqual(percentile(samples, 90), 46);
        assert.strictEqual(percentile(samples, 100), 50);
        assert.deepStrictEqual(samples, [40, 10, 30, 20, 50]);
    });

    it("puts p99 of 1..100 between the two largest values", () => {
        const samples = Array.from({ length: 100 }, (_, i) => i + 1);
        assert.strictEqual(percentile(samples, 99), 99.01);
    });

    it("summarizes count, quartiles, extremes and mean", () => {
        assert.deepStrictEqual(summarize([1, 2, 3, 4, 5]), {
            count: 5, min: 1, p25: 2, median: 3, p75: 4, p99: 4.96, max: 5, mean: 3,
        });
    });

    it("rejects an empty list, a non-number and a percentile outside 0..100", () => {
        assert.throws(() => median([]), /no samples/);
        assert.throws(() => summarize([1, NaN]), /not a finite number/);
        assert.throws(() => percentile([1], 101), /outside 0\.\.100/);
    });

    it("gives a ratio to the baseline, and none to a zero baseline", () => {
        assert.strictEqual(ratio(300, 100), 3);
        assert.strictEqual(ratio(5, 0), undefined);
    });
});
