import * as assert from "assert";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { loadApiWithShards, useApiAgainstDynalite } from "../support/api-fixture";
import { applyEnv, Invoke, jsonRequest, loadApi } from "../support/bundled-handlers";
import { startTestTable, TestTable } from "../support/dynalite-table";
import { RecordingProxy, startRecordingProxy } from "../support/fake-dynamo";
import { documentedPartition } from "../support/list-partition";

type Event = Record<string, unknown>;

interface Page {
    items: Event[];
    nextCursor: string | null;
}

async function listPage(invoke: Invoke, query: Record<string, string>): Promise<Page> {
    const response = await invoke("list-events", { queryStringParameters: query });
    assert.strictEqual(response.statusCode, 200, response.text);
    return response.json as unknown as Page;
}

/** Every page from the first, `limit` events at a time, until a page has no nextCursor. */
async function listAll(invoke: Invoke, limit: number): Promise<{ ids: string[]; sizes: number[] }> {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
        const page: Page = await listPage(invoke, { limit: String(limit), ...(cursor && { cursor }) });
        ids.push(...page.items.map((event) => String(event.id)));
        sizes.push(page.items.length);
        cursor = page.nextCursor;
        assert.ok(sizes.length <= 1000, "the listing never ends");
    } while (cursor);
    return { ids, sizes };
}

/** The listing order, stated independently of the code: creation time, newest first, then the higher id first. */
const newestFirst = (events: Event[]) =>
    [...events].sort((a, b) => (a.createdAt === b.createdAt ? (a.id! < b.id! ? 1 : -1) : a.createdAt! < b.createdAt! ? 1 : -1)).map((e) => String(e.id));

async function createAll(invoke: Invoke, keys: string[]): Promise<Event[]> {
    const responses = await Promise.all(keys.map((key) => invoke("create-event", jsonRequest({ name: `Event ${key}` }, { "idempotency-key": key }))));
    for (const response of responses) assert.strictEqual(response.statusCode, 201, response.text);
    return responses.map((response) => response.json!);
}

/** Events stored as the create handler stores them, with the shard and creation time written out. */
async function putEvents(table: TestTable, events: { id: string; shard: string; createdAt: string }[]): Promise<void> {
    const items = events.map(({ id, shard, createdAt }) => ({ pk: `EVENT#${id}`, listPk: shard, listSk: `${createdAt}#${id}`, id, name: `Event ${id}`, createdAt }));
    for (let i = 0; i < items.length; i += 25) {
        await table.documentClient.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
}

const keys = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

describe("GET /events over a sharded index", () => {
    for (const shards of [1, 4, 16]) {
        describe(`${shards} shard(s), 96 events created concurrently`, () => {
            const api = useApiAgainstDynalite({ listShards: shards });
            let created: Event[];
            before(async () => {
                // Idempotency keys make the ids, and so the shards, the same on every run.
                created = await createAll(api.invoke, keys(`concurrent-${shards}`, 96));
            });

            it(`writes each event to the shard of its id, and every one of the ${shards} shard(s) gets events`, async () => {
                const items = await api.table.items();
                assert.strictEqual(items.length, 96);
                for (const item of items) assert.strictEqual(item.listPk, documentedPartition(String(item.id), shards), String(item.id));
                assert.strictEqual(new Set(items.map((item) => item.listPk)).size, shards);
            });

            it("pages 7 at a time through every event exactly once, newest first", async () => {
                const { ids, sizes } = await listAll(api.invoke, 7);
                assert.deepStrictEqual(sizes, [...Array(13).fill(7), 5]);
                assert.deepStrictEqual(ids, newestFirst(created));
            });
        });
    }

    describe("ties and small limits (4 shards)", () => {
        const api = useApiAgainstDynalite({ listShards: 4 });
        const at = (second: number) => `2030-01-01T00:00:0${second}.000Z`;
        // Three creation times shared across shards, two events of one shard at the same time.
        const events = [
            { id: "00000001-0000-4000-8000-000000000001", shard: "EVENT#1", createdAt: at(2) },
            { id: "00000002-0000-4000-8000-000000000002", shard: "EVENT#2", createdAt: at(2) },
            { id: "00000004-0000-4000-8000-000000000004", shard: "EVENT", createdAt: at(2) },
            { id: "0000000c-0000-4000-8000-00000000000c", shard: "EVENT", createdAt: at(2) },
            { id: "00000003-0000-4000-8000-000000000003", shard: "EVENT#3", createdAt: at(1) },
            { id: "00000005-0000-4000-8000-000000000005", shard: "EVENT#1", createdAt: at(1) },
            { id: "00000008-0000-4000-8000-000000000008", shard: "EVENT", createdAt: at(1) },
            { id: "0000000a-0000-4000-8000-00000000000a", shard: "EVENT#2", createdAt: at(1) },
            { id: "0000000b-0000-4000-8000-00000000000b", shard: "EVENT#3", createdAt: at(0) },
        ];
        const expected = [
            "0000000c-0000-4000-8000-00000000000c",
            "00000004-0000-4000-8000-000000000004",
            "00000002-0000-4000-8000-000000000002",
            "00000001-0000-4000-8000-000000000001",
            "0000000a-0000-4000-8000-00000000000a",
            "00000008-0000-4000-8000-000000000008",
            "00000005-0000-4000-8000-000000000005",
            "00000003-0000-4000-8000-000000000003",
            "0000000b-0000-4000-8000-00000000000b",
        ];
        before(() => putEvents(api.table, events));

        const sizes: Record<number, number[]> = { 1: Array(9).fill(1), 2: [2, 2, 2, 2, 1], 3: [3, 3, 3], 4: [4, 4, 1], 8: [8, 1], 9: [9], 100: [9] };
        for (const [limit, pageSizes] of Object.entries(sizes)) {
            it(`lists each event once in creation-time order, ties by id, at limit=${limit}`, async () => {
                assert.deepStrictEqual(await listAll(api.invoke, Number(limit)), { ids: expected, sizes: pageSizes });
            });
        }

        it("gives the same page and cursor every time", async () => {
            const first = await listPage(api.invoke, { limit: "3" });
            assert.deepStrictEqual(await listPage(api.invoke, { limit: "3" }), first);
            const second = await listPage(api.invoke, { limit: "3", cursor: first.nextCursor! });
            assert.deepStrictEqual(await listPage(api.invoke, { limit: "3", cursor: first.nextCursor! }), second);
        });
    });

    describe("empty shards (4 shards, events in shards 0 and 2 only)", () => {
        let table: TestTable;
        let proxy: RecordingProxy;
        let invoke: Invoke;
        let restoreEnv: () => void;
        const at = (second: number) => `2030-01-01T00:00:0${second}.000Z`;
        before(async () => {
            table = await startTestTable(4);
            proxy = await startRecordingProxy(table.endpoint);
            restoreEnv = applyEnv({ ...table.env, AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint });
            invoke = await loadApi();
            await putEvents(table, [
                { id: "00000000-0000-4000-8000-000000000005", shard: "EVENT", createdAt: at(5) },
                { id: "00000002-0000-4000-8000-000000000004", shard: "EVENT#2", createdAt: at(4) },
                { id: "00000000-0000-4000-8000-000000000003", shard: "EVENT", createdAt: at(3) },
                { id: "00000002-0000-4000-8000-000000000002", shard: "EVENT#2", createdAt: at(2) },
                { id: "00000000-0000-4000-8000-000000000001", shard: "EVENT", createdAt: at(1) },
            ]);
        });
        after(async () => {
            restoreEnv();
            await proxy.close();
            await table.close();
        });

        it("queries a shard only until it is known to be empty, reading at most limit + 1 items from each", async () => {
            const pages: { ids: string[]; queried: string[]; limits: unknown[]; itemsRead: number }[] = [];
            let cursor: string | null = null;
            do {
                proxy.calls.length = 0;
                const page: Page = await listPage(invoke, { limit: "2", ...(cursor && { cursor }) });
                const queries = proxy.calls.filter((call) => call.operation === "Query");
                assert.strictEqual(queries.length, proxy.calls.length, "a Query, nothing else");
                pages.push({
                    ids: page.items.map((event) => String(event.id).slice(-1)),
                    queried: queries.map((call) => (call.input.ExpressionAttributeValues as Record<string, { S: string }>)[":pk"].S).sort(),
                    limits: [...new Set(queries.map((call) => call.input.Limit))],
                    itemsRead: queries.reduce((sum, call) => sum + Number(call.output.Count), 0),
                });
                cursor = page.nextCursor;
            } while (cursor);
            assert.deepStrictEqual(pages, [
                { ids: ["5", "4"], queried: ["EVENT", "EVENT#1", "EVENT#2", "EVENT#3"], limits: [3], itemsRead: 5 },
                { ids: ["3", "2"], queried: ["EVENT", "EVENT#2"], limits: [3], itemsRead: 3 },
                { ids: ["1"], queried: ["EVENT"], limits: [3], itemsRead: 1 },
            ]);
        });
    });

    describe("a limit larger than the total (16 shards, 5 events)", () => {
        const api = useApiAgainstDynalite({ listShards: 16 });
        let created: Event[];
        before(async () => {
            created = await createAll(api.invoke, keys("few", 5));
        });

        for (const query of [{ limit: "100" }, { limit: "6" }, {}] as Record<string, string>[]) {
            it(`answers every event on one page without a cursor (${JSON.stringify(query)})`, async () => {
                const page = await listPage(api.invoke, query);
                assert.deepStrictEqual(page.items.map((event) => event.id), newestFirst(created));
                assert.strictEqual(page.nextCursor, null);
            });
        }
    });

    describe("cursors across shard counts", () => {
        const api = useApiAgainstDynalite({ listShards: 4 });
        let cursor: string;
        before(async () => {
            await createAll(api.invoke, keys("cursor", 6));
            cursor = (await listPage(api.invoke, { limit: "2" })).nextCursor!;
        });

        it("refuses a cursor from a listing with another shard count with a 400 that says so", async () => {
            for (const shards of [1, 8]) {
                const response = await (await loadApiWithShards(shards))("list-events", { queryStringParameters: { cursor } });
                assert.strictEqual(response.statusCode, 400, response.text);
                const reason = `is from a listing of 4 shards and this one has ${shards}; list again without a cursor`;
                assert.deepStrictEqual(response.json, { message: `cursor ${reason}`, code: "invalid-request", problems: [{ field: "cursor", reason }] });
            }
        });

        it("refuses a cursor whose shard positions were edited", async () => {
            const [payload, signature] = cursor.split(".");
            const [createdAt, id, flags] = JSON.parse(Buffer.from(payload, "base64url").toString());
            for (const edited of ["1111", "111", "00000", flags.replace(/^./, (flag: string) => (flag === "0" ? "1" : "0"))]) {
                const forged = `${Buffer.from(JSON.stringify([createdAt, id, edited])).toString("base64url")}.${signature}`;
                const response = await api.invoke("list-events", { queryStringParameters: { cursor: forged } });
                assert.strictEqual(response.statusCode, 400, response.text);
                const reason = "is invalid; pass the nextCursor of a previous page unchanged";
                assert.deepStrictEqual(response.json, { message: `cursor ${reason}`, code: "invalid-request", problems: [{ field: "cursor", reason }] });
            }
        });

        it("accepts the cursor at the shard count that made it", async () => {
            assert.strictEqual((await listPage(api.invoke, { limit: "2", cursor })).items.length, 2);
        });
    });

    describe("changing listShards on a deployed stack", () => {
        const api = useApiAgainstDynalite({ listShards: 1 });
        const at: Record<number, Invoke> = {};
        const createdAt: Record<number, Event[]> = {};
        let stored: Map<string, unknown>;
        before(async () => {
            // The stack starts at 1 shard (every event in EVENT, as before the index was sharded), then grows.
            at[1] = api.invoke;
            for (const shards of [4, 16]) at[shards] = await loadApiWithShards(shards);
            for (const shards of [1, 4, 16]) createdAt[shards] = await createAll(at[shards], keys(`grown-${shards}`, 20));
            stored = new Map((await api.table.items()).map((item) => [String(item.id), item.listPk]));
        });

        it("keeps every event in the shard it was created in", () => {
            for (const shards of [1, 4, 16]) {
                for (const event of createdAt[shards]) assert.strictEqual(stored.get(String(event.id)), documentedPartition(String(event.id), shards));
            }
            assert.ok(createdAt[1].every((event) => stored.get(String(event.id)) === "EVENT"));
        });

        it("lists every event exactly once after the count grows, the ones written under smaller counts included", async () => {
            const all = [...createdAt[1], ...createdAt[4], ...createdAt[16]];
            assert.deepStrictEqual((await listAll(at[16], 6)).ids, newestFirst(all));
            // At 4 shards, before the growth to 16, everything created so far was listed.
            const upTo4 = [...createdAt[1], ...createdAt[4]];
            assert.deepStrictEqual((await listAll(at[4], 6)).ids.filter((id) => upTo4.some((event) => event.id === id)), newestFirst(upTo4));
        });

        it("replays an Idempotency-Key from before the growth without moving its event", async () => {
            const [first] = createdAt[1];
            const replay = await at[16]("create-event", jsonRequest({ name: "Event grown-1-0" }, { "idempotency-key": "grown-1-0" }));
            assert.strictEqual(replay.headers["idempotent-replayed"], "true");
            assert.deepStrictEqual(replay.json, first);
            const item = (await api.table.items()).find((candidate) => candidate.id === first.id);
            assert.strictEqual(item?.listPk, "EVENT");
        });

        it("after a lower count, lists the events of the shards below it and hides, not loses, the others", async () => {
            const visible = [...stored].filter(([, partition]) => ["EVENT", "EVENT#1", "EVENT#2", "EVENT#3"].includes(String(partition))).map(([id]) => id);
            const hidden = [...stored.keys()].filter((id) => !visible.includes(id));
            assert.ok(hidden.length > 0 && visible.length > 0);
            const all = [...createdAt[1], ...createdAt[4], ...createdAt[16]];
            assert.deepStrictEqual((await listAll(at[4], 6)).ids, newestFirst(all.filter((event) => visible.includes(String(event.id)))));
            for (const id of hidden) assert.strictEqual((await at[4]("get-event", { pathParameters: { id } })).statusCode, 200, id);
            // Raised again, the listing has them all back.
            assert.deepStrictEqual((await listAll(at[16], 25)).ids, newestFirst(all));
        });
    });
});
