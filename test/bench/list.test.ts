import * as assert from "assert";
import { itemBytes, queryReadUnits } from "../../bench/lib/read-units";
import { ListSample, listTable, measureList, pageReads } from "../../bench/sections/list";

const query = (count: number, items: Record<string, Record<string, unknown>>[] = []) => ({ operation: "Query", input: {}, output: { Count: count, Items: items } });

describe("bench: listing section", () => {
    describe("read units", () => {
        it("sizes an item as its attribute names plus values, in UTF-8 bytes", () => {
            assert.strictEqual(itemBytes({ id: { S: "abc" }, name: { S: "é" } }), 2 + 3 + 4 + 2);
            assert.strictEqual(itemBytes({ n: { N: "12345" } }), 1 + 4);
        });

        it("bills an eventually consistent Query half a unit per started 4 KB of items, at least half a unit", () => {
            const sized = (bytes: number) => ({ s: { S: "x".repeat(bytes - 1) } });
            assert.strictEqual(queryReadUnits([]), 0.5);
            assert.strictEqual(queryReadUnits([sized(4096)]), 0.5);
            assert.strictEqual(queryReadUnits([sized(4096), sized(1)]), 1);
            assert.strictEqual(queryReadUnits(Array(26).fill(sized(250))), 1);
        });

        it("counts a page's Queries, the items they read and their read units, and refuses any other call", () => {
            assert.deepStrictEqual(pageReads([query(3, [{ a: { S: "b" } }]), query(0)]), { queries: 2, itemsRead: 3, readUnits: 1 });
            assert.throws(() => pageReads([query(1), { operation: "Scan", input: {}, output: {} }]), /other calls than Query: Query,Scan/);
        });
    });

    it("tabulates each page and shard count with means, medians and the ratio to the fewest shards", () => {
        const sample = (shards: number, durationMs: number, itemsRead: number): ListSample => ({
            shards, scenario: "first page, limit=25", httpMs: durationMs + 2, durationMs, queries: shards, itemsRead, itemsReturned: 25, readUnits: shards,
        });
        const table = listTable([sample(1, 4, 26), sample(1, 6, 26), sample(4, 10, 104), sample(4, 12, 103)], 500, "v24");
        assert.deepStrictEqual(table.rows, [
            ["first page, limit=25", 1, "25", "1", "26", "1", "7.0 ms", "5.0 ms", "6.0 ms", "x1.00"],
            ["first page, limit=25", 4, "25", "4", "103.5", "4", "13.0 ms", "11.0 ms", "12.0 ms", "x2.20"],
        ]);
    });

    it("measures real pages of the local stack: Queries per shard and limit + 1 items read from each", async function () {
        this.timeout(60_000);
        const samples = await measureList({ events: 30, rounds: 1, shardCounts: [1, 4] });
        const reads = (scenario: string, shards: number) =>
            samples.filter((s) => s.scenario === scenario && s.shards === shards).map((s) => [s.itemsReturned, s.queries, s.itemsRead]);
        assert.deepStrictEqual(reads("first page, limit=1", 1), [[1, 1, 2]]);
        assert.deepStrictEqual(reads("first page, limit=1", 4), [[1, 4, 8]]);
        assert.deepStrictEqual(reads("first page, limit=25", 1), [[25, 1, 26]]);
        // 30 events over 4 shards: no shard holds 26, so the page reads all 30.
        assert.deepStrictEqual(reads("first page, limit=25", 4), [[25, 4, 30]]);
        assert.deepStrictEqual(reads("first page, limit=100", 4), [[30, 4, 30]]);
        // The walk: 25 then 5; at 4 shards the second page reads only what the first left.
        assert.deepStrictEqual(reads("every page, limit=25", 1), [[25, 1, 26], [5, 1, 5]]);
        assert.deepStrictEqual(reads("every page, limit=25", 4).map(([returned]) => returned), [25, 5]);
        assert.ok(samples.every((s) => s.durationMs > 0 && s.httpMs >= s.durationMs));
    });
});
