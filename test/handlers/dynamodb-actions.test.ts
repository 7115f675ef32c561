import * as assert from "assert";
import { RouteDefinition, routes } from "../../components/routes";
import { TestRequest } from "../support/api-gateway-event";
import { applyEnv, Invoke, jsonRequest, loadApi } from "../support/bundled-handlers";
import { startTestTable, TestTable } from "../support/dynalite-table";
import { startRecordingProxy, TestServer } from "../support/fake-dynamo";

/** The IAM action a recorded X-Amz-Target operation needs. */
const iamAction = (operation: string) => `dynamodb:${operation}`;

describe("DynamoDB calls per route (what each role must allow)", () => {
    let table: TestTable;
    let proxy: TestServer;
    let invoke: Invoke;
    let restoreEnv: () => void;
    let existingId: string;

    before(async () => {
        table = await startTestTable();
        proxy = await startRecordingProxy(table.endpoint);
        restoreEnv = applyEnv({ ...table.env, AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint });
        invoke = await loadApi();
    });
    after(async () => {
        restoreEnv();
        await proxy.close();
        await table.close();
    });
    beforeEach(async () => {
        existingId = String((await invoke("create-event", jsonRequest({ name: "Existing" }))).json?.id);
        proxy.operations.length = 0;
    });

    /** Every way each route can reach the table: success, absence, and the idempotency paths. */
    const scenarios = (): Record<string, TestRequest[]> => ({
        "list-events": [{}, { queryStringParameters: { limit: "1" } }],
        "create-event": [
            jsonRequest({ name: "Plain" }),
            jsonRequest({ name: "Keyed" }, { "idempotency-key": "actions-key" }),
            jsonRequest({ name: "Keyed" }, { "idempotency-key": "actions-key" }),
            jsonRequest({ name: "Other body" }, { "idempotency-key": "actions-key" }),
        ],
        "get-event": [{ pathParameters: { id: existingId } }, { pathParameters: { id: "0f8fad5b-d9cb-469f-a165-70867728950e" } }],
        "delete-event": [{ pathParameters: { id: existingId } }, { pathParameters: { id: existingId } }],
    });

    for (const route of routes) {
        it(`${route.name} calls only ${route.dynamodbActions.join(", ")}`, async () => {
            const requests = scenarios()[route.name];
            assert.ok(requests, `no scenario for route ${route.name}`);
            for (const request of requests) {
                const response = await invoke(route.name, request);
                assert.ok(response.statusCode < 500, `${route.name}: ${response.statusCode} ${response.text}`);
            }
            const used = new Set(proxy.operations.map(iamAction));
            assert.ok(used.size > 0);
            assert.deepStrictEqual([...used].filter((action) => !route.dynamodbActions.includes(action)), []);
        });
    }

    it("delete tells deleted from absent with exactly one DeleteItem call each", async () => {
        const route = routes.find((r) => r.name === "delete-event") as RouteDefinition;
        assert.strictEqual((await invoke(route.name, { pathParameters: { id: existingId } })).statusCode, 204);
        assert.deepStrictEqual(proxy.operations, ["DeleteItem"]);
        assert.strictEqual((await invoke(route.name, { pathParameters: { id: existingId } })).statusCode, 404);
        assert.deepStrictEqual(proxy.operations, ["DeleteItem", "DeleteItem"]);
    });

    it("lists with a Query, never a Scan", async () => {
        await invoke("list-events");
        assert.deepStrictEqual(proxy.operations, ["Query"]);
    });
});
