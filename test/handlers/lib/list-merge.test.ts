import * as assert from "assert";
import { mergeShards, ShardRead } from "../../../handlers/lib/list-merge";
import { listPartition, listShardOf } from "../../../components/table-schema";

/** An index item as a Query returns it, reduced to what the merge reads. */
const item = (createdAt: string, id: string) => ({ listSk: `${createdAt}#${id}`, createdAt, id });
const t = (second: number) => `2030-05-01T18:00:${String(second).padStart(2, "0")}.000Z`;
const ids = (items: Record<string, unknown>[]) => items.map((entry) => `${entry.createdAt}#${entry.id}`);
const read = (items: ReturnType<typeof item>[], more = false): ShardRead => ({ items, more });

describe("listing shards", () => {
    describe("listShardOf", () => {
        it("takes the id's first 32 bits modulo the shard count", () => {
            const cases: [string, number, number][] = [
                ["c21564fb-6ec6-43ad-8744-aea24dca05fb", 1, 0],
                ["c21564fb-6ec6-43ad-8744-aea24dca05fb", 3, 2],
                ["c21564fb-6ec6-43ad-8744-aea24dca05fb", 4, 3],
                ["c21564fb-6ec6-43ad-8744-aea24dca05fb", 16, 11],
                ["00000000-0000-4000-8000-000000000000", 16, 0],
                ["ffffffff-ffff-4fff-bfff-ffffffffffff", 16, 15],
                ["7fffffff-0000-4000-8000-000000000000", 3, 1],
            ];
            assert.deepStrictEqual(
                cases.map(([id, shards]) => listShardOf(id, shards)),
                cases.map(([, , shard]) => shard),
            );
        });
    });

    describe("listPartition", () => {
        it("keeps EVENT for shard 0, the value of every event before sharding, and numbers the others", () => {
            assert.deepStrictEqual([0, 1, 2, 15].map(listPartition), ["EVENT", "EVENT#1", "EVENT#2", "EVENT#15"]);
        });
    });

    describe("mergeShards", () => {
        it("merges every shard newest first, breaking creation-time ties by id, and ends without a cursor", () => {
            const page = mergeShards(10, [
                read([item(t(3), "b"), item(t(1), "a")]),
                read([item(t(3), "c"), item(t(3), "a"), item(t(2), "c")]),
                read([]),
            ]);
            assert.deepStrictEqual(ids(page.items), [`${t(3)}#c`, `${t(3)}#b`, `${t(3)}#a`, `${t(2)}#c`, `${t(1)}#a`]);
            assert.strictEqual(page.next, undefined);
        });

        it("stops at the limit, and the cursor resumes every shard after the page's last item", () => {
            const page = mergeShards(2, [read([item(t(5), "a"), item(t(1), "a")]), read([item(t(4), "a"), item(t(2), "a")]), read([])]);
            assert.deepStrictEqual(ids(page.items), [`${t(5)}#a`, `${t(4)}#a`]);
            // Both non-empty shards have older items left; the empty one is exhausted and will not be queried again.
            assert.deepStrictEqual(page.next, { after: { createdAt: t(4), id: "a" }, exhausted: [false, false, true] });
        });

        it("keeps a shard that DynamoDB stopped early unexhausted, even when the page took all it returned", () => {
            const page = mergeShards(2, [read([item(t(9), "a"), item(t(8), "a")], true), read([])]);
            assert.deepStrictEqual(ids(page.items), [`${t(9)}#a`, `${t(8)}#a`]);
            assert.deepStrictEqual(page.next, { after: { createdAt: t(8), id: "a" }, exhausted: [false, true] });
        });

        it("never goes below the last item of a shard that was cut short, whose older items are unread", () => {
            // Shard 0 stopped at t(5) (DynamoDB's 1 MB page); it may hold events between t(5) and t(4) that shard 1's t(4) must not skip.
            const page = mergeShards(10, [read([item(t(9), "a"), item(t(5), "a")], true), read([item(t(8), "a"), item(t(7), "a"), item(t(4), "a")])]);
            assert.deepStrictEqual(ids(page.items), [`${t(9)}#a`, `${t(8)}#a`, `${t(7)}#a`, `${t(5)}#a`]);
            assert.deepStrictEqual(page.next, { after: { createdAt: t(5), id: "a" }, exhausted: [false, false] });
        });

        it("leaves shards the cursor marked exhausted exhausted, and ends when every shard is", () => {
            const page = mergeShards(1, [undefined, read([item(t(3), "a")]), undefined]);
            assert.deepStrictEqual(ids(page.items), [`${t(3)}#a`]);
            assert.strictEqual(page.next, undefined);
        });

        it("answers no items and no cursor when every shard is empty", () => {
            assert.deepStrictEqual(mergeShards(25, [read([]), read([]), read([]), read([])]), { items: [] });
        });
    });
});
