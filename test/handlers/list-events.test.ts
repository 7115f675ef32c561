import * as assert from "assert";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { useApiAgainstDynalite } from "../support/api-fixture";
import { jsonRequest } from "../support/bundled-handlers";

interface Page {
    items: Record<string, unknown>[];
    nextCursor: string | null;
}

describe("GET /events", () => {
    const api = useApiAgainstDynalite();
    const list = (query?: Record<string, string>) => api.invoke("list-events", { queryStringParameters: query });
    const page = async (query?: Record<string, string>): Promise<Page> => {
        const response = await list(query);
        assert.strictEqual(response.statusCode, 200, response.text);
        return response.json as unknown as Page;
    };

    it("answers an empty table with no items and a null nextCursor", async () => {
        assert.deepStrictEqual(await page(), { items: [], nextCursor: null });
    });

    describe("with 60 events", () => {
        const created: string[] = [];
        before(async () => {
            for (let i = 0; i < 60; i++) {
                const response = await api.invoke("create-event", jsonRequest({ name: `Event ${i}`, location: "Hall" }));
                created.push(String(response.json?.id));
            }
            // Not an event: no listing attributes, so the sparse index never shows it.
            await api.table.documentClient.send(
                new PutCommand({ TableName: api.table.tableName, Item: { pk: "OTHER#1", kind: "other" } }),
            );
        });

        it("pages through every event exactly once, newest first, 25 at a time", async () => {
            const sizes: number[] = [];
            const seen: Record<string, unknown>[] = [];
            let cursor: string | null = null;
            do {
                const current: Page = await page(cursor ? { limit: "25", cursor } : { limit: "25" });
                sizes.push(current.items.length);
                seen.push(...current.items);
                cursor = current.nextCursor;
            } while (cursor);
            assert.deepStrictEqual(sizes, [25, 25, 10]);
            assert.deepStrictEqual(new Set(seen.map((e) => e.id)), new Set(created));
            assert.strictEqual(seen.length, 60);
            const order = seen.map((e) => `${e.createdAt}#${e.id}`);
            assert.deepStrictEqual(order, [...order].sort().reverse());
        });

        it("returns events without internal attributes", async () => {
            const { items } = await page({ limit: "1" });
            assert.deepStrictEqual(Object.keys(items[0]), ["id", "name", "location", "createdAt"]);
        });

        it("returns 25 by default", async () => {
            const first = await page();
            assert.strictEqual(first.items.length, 25);
            assert.strictEqual(typeof first.nextCursor, "string");
        });

        it("gives no nextCursor when the page holds exactly the last events", async () => {
            assert.deepStrictEqual((await page({ limit: "100" })).items.length, 60);
            const first = await page({ limit: "30" });
            const second = await page({ limit: "30", cursor: first.nextCursor! });
            assert.strictEqual(second.items.length, 30);
            assert.strictEqual(second.nextCursor, null);
        });

        const limitReason = "must be an integer from 1 to 100";
        for (const limit of ["0", "101", "abc", "1.5", "-1", "", "1e1", "1,2"]) {
            it(`answers 400 to limit=${JSON.stringify(limit)}, naming limit`, async () => {
                const response = await list({ limit });
                assert.strictEqual(response.statusCode, 400);
                assert.deepStrictEqual(response.json, { message: `limit ${limitReason}`, code: "invalid-request", problems: [{ field: "limit", reason: limitReason }] });
            });
        }

        it("answers 400 to a repeated limit or cursor as repeated, which API Gateway passes comma-joined", async () => {
            const response = await api.invoke("list-events", { rawQueryString: "limit=1&limit=2", queryStringParameters: { limit: "1,2" } });
            assert.deepStrictEqual(response.json?.problems, [{ field: "limit", reason: "must be given once" }]);
            const cursors = await api.invoke("list-events", { rawQueryString: "cursor=a&limit=5&cursor=b", queryStringParameters: { cursor: "a,b", limit: "5" } });
            assert.deepStrictEqual(cursors.json?.problems, [{ field: "cursor", reason: "must be given once" }]);
        });

        it("reports a bad limit and a bad cursor together", async () => {
            const response = await list({ limit: "0", cursor: "garbage" });
            assert.deepStrictEqual(response.json?.problems, [
                { field: "limit", reason: limitReason },
                { field: "cursor", reason: "is invalid; pass the nextCursor of a previous page unchanged" },
            ]);
        });

        describe("cursors", () => {
            let cursor: string;
            before(async () => {
                cursor = (await page({ limit: "5" })).nextCursor!;
            });

            const flip = (text: string, at: number) =>
                text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
            const forged = (position: object, signature: string) =>
                `${Buffer.from(JSON.stringify(position)).toString("base64url")}.${signature}`;

            const bad: [string, () => string][] = [
                ["a payload with one character changed", () => flip(cursor, 3)],
                ["a signature with one character changed", () => flip(cursor, cursor.length - 2)],
                ["a payload re-signed with the old signature", () =>
                    forged({ createdAt: "2000-01-01T00:00:00.000Z", id: "0f8fad5b-d9cb-469f-a165-70867728950e" }, cursor.split(".")[1])],
                ["no signature", () => cursor.split(".")[0]],
                ["garbage", () => "not a cursor"],
                ["an empty string", () => ""],
                ["two cursors joined by a repeated parameter", () => `${cursor},${cursor}`],
                ["an overlong cursor", () => "A".repeat(5000) + "." + cursor.split(".")[1]],
            ];
            for (const [what, make] of bad) {
                it(`answers 400 to ${what}`, async () => {
                    const response = await list({ cursor: make() });
                    assert.strictEqual(response.statusCode, 400, response.text);
                    assert.deepStrictEqual(response.json?.problems, [{ field: "cursor", reason: "is invalid; pass the nextCursor of a previous page unchanged" }]);
                });
            }

            it("resumes right after the page the cursor came from", async () => {
                const all = await page({ limit: "10" });
                const next = await page({ limit: "5", cursor });
                assert.deepStrictEqual(next.items, all.items.slice(5, 10));
            });
        });
    });
});
