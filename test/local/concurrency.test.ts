import * as assert from "assert";
import type { LocalStack } from "../../local/stack";
import { postJson, scanTable, send } from "../support/local-http";
import { errorMessage, useRecordedStack } from "../support/local-stack-fixture";

const eventItems = async (stack: LocalStack) =>
    (await scanTable(stack.dynamo.endpoint, stack.dynamo.tableName)).filter((item) => /^EVENT#/.test((item.pk as { S: string }).S));

describe("concurrency on the local stack", function () {
    this.timeout(60_000);
    // One stack for the three bursts: its environments' cold starts are paid once (four per function
    // are plenty on a 2-core machine). Each test counts only the items it made.
    const local = useRecordedStack({ maxEnvironments: 4 });

    it("200 concurrent creates give exactly 200 items, listed page by page exactly once", async () => {
        const responses = await Promise.all(
            Array.from({ length: 200 }, (_, i) => postJson(local.stack.url, "/events", { name: `event ${i}` })),
        );
        assert.deepStrictEqual(responses.filter((r) => r.status !== 201).map((r) => r.status), []);
        const created = responses.map((r) => (r.json() as { id: string }).id);
        assert.strictEqual(new Set(created).size, 200);
        const items = await eventItems(local.stack);
        assert.strictEqual(items.length, 200);

        const listed: string[] = [];
        let cursor: string | null | undefined;
        let pages = 0;
        do {
            const query = cursor ? `limit=7&cursor=${encodeURIComponent(cursor)}` : "limit=7";
            const response = await send(local.stack.url, { path: `/events?${query}` });
            assert.strictEqual(response.status, 200);
            const page = response.json() as { items: { id: string; createdAt: string }[]; nextCursor?: string | null };
            listed.push(...page.items.map((item) => item.id));
            cursor = page.nextCursor;
            pages++;
        } while (cursor);
        assert.strictEqual(listed.length, 200, "every item listed once");
        assert.deepStrictEqual([...listed].sort(), [...created].sort());
        assert.ok(pages >= Math.ceil(200 / 7));
        assert.ok(local.stack.functions.find((fn) => fn.route.name === "create-event")!.environments > 1, "the burst used more than one environment");
    });

    it("50 concurrent deletes of one event give one 204 and 49 404s", async () => {
        const id = ((await postJson(local.stack.url, "/events", { name: "Contested" })).json() as { id: string }).id;
        const responses = await Promise.all(Array.from({ length: 50 }, () => send(local.stack.url, { method: "DELETE", path: `/events/${id}` })));
        const statuses = responses.map((r) => r.status).sort();
        assert.deepStrictEqual(statuses, [204, ...Array<number>(49).fill(404)]);
        for (const response of responses.filter((r) => r.status === 404)) errorMessage(response, 404);
        assert.ok(!(await eventItems(local.stack)).some((item) => (item.pk as { S: string }).S === `EVENT#${id}`));
    });

    it("one Idempotency-Key sent 20 times at once gives one item and the same id every time", async () => {
        const responses = await Promise.all(
            Array.from({ length: 20 }, () => postJson(local.stack.url, "/events", { name: "Exactly once" }, { "idempotency-key": "burst-key-0001" })),
        );
        assert.deepStrictEqual(responses.map((r) => r.status), Array<number>(20).fill(201));
        const ids = new Set(responses.map((r) => (r.json() as { id: string }).id));
        assert.strictEqual(ids.size, 1);
        const named = (await eventItems(local.stack)).filter((item) => (item.name as { S: string }).S === "Exactly once");
        assert.deepStrictEqual(named.map((item) => (item.pk as { S: string }).S), [`EVENT#${[...ids][0]}`]);
    });
});
