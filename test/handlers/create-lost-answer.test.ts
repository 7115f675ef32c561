import * as assert from "assert";
import { applyEnv, Invoke, jsonRequest, loadApi } from "../support/bundled-handlers";
import { startTestTable, TestTable } from "../support/dynalite-table";
import { startAnswerDroppingProxy, TestServer } from "../support/fake-dynamo";

/**
 * A PutItem that lands but whose answer is lost: the SDK retries it (maxAttempts 2), the retry's
 * condition fails on the item the first attempt wrote, and the event must still be answered as created,
 * once, with or without an Idempotency-Key. Answering 409 would invite the client to retry and, without a
 * key, create the event twice.
 */
describe("POST /events when the answer to a landed put is lost", () => {
    let table: TestTable;
    let proxy: TestServer;
    let invoke: Invoke;
    let restoreEnv: () => void;

    beforeEach(async () => {
        table = await startTestTable();
        proxy = await startAnswerDroppingProxy(table.endpoint, "PutItem");
        restoreEnv = applyEnv({ ...table.env, AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint });
        invoke = await loadApi();
        proxy.operations.length = 0;
    });
    afterEach(async () => {
        restoreEnv();
        await proxy.close();
        await table.close();
    });

    it("answers 201 with the one stored event without an Idempotency-Key: its random id can only be its own put's", async () => {
        const response = await invoke("create-event", jsonRequest({ name: "Landed once" }));
        assert.strictEqual(response.statusCode, 201, response.text);
        assert.strictEqual(response.headers["idempotent-replayed"], undefined);
        assert.deepStrictEqual(proxy.operations, ["PutItem", "PutItem"]);
        await assertStoredOnce(response.json);
    });

    it("answers 201 with the one stored event with an Idempotency-Key, as the replay of its own put", async () => {
        const response = await invoke("create-event", jsonRequest({ name: "Landed once" }, { "idempotency-key": "lost-answer" }));
        assert.strictEqual(response.statusCode, 201, response.text);
        assert.strictEqual(response.headers["idempotent-replayed"], "true");
        assert.deepStrictEqual(proxy.operations, ["PutItem", "PutItem", "GetItem"]);
        await assertStoredOnce(response.json);
    });

    async function assertStoredOnce(event: Record<string, unknown> | undefined): Promise<void> {
        const items = await table.items();
        assert.strictEqual(items.length, 1);
        const { pk, listPk, listSk, ...stored } = items[0];
        assert.deepStrictEqual(stored, event);
        assert.deepStrictEqual([pk, listSk], [`EVENT#${event?.id}`, `${event?.createdAt}#${event?.id}`]);
        assert.strictEqual(typeof listPk, "string");
    }

    it("still refuses a key reused with another body (422): a lost answer is told from a taken id by every field", async () => {
        await invoke("create-event", jsonRequest({ name: "First" }, { "idempotency-key": "taken" }));
        const response = await invoke("create-event", jsonRequest({ name: "Second" }, { "idempotency-key": "taken" }));
        assert.strictEqual(response.statusCode, 422, response.text);
        assert.strictEqual((await table.items()).length, 1);
    });
});
