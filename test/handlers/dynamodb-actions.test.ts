import * as assert from "assert";
import { pathParameterNames, RouteDefinition, routes } from "../../components/routes";
import { acceptedRequest, TestRequest } from "../support/api-gateway-event";
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
    let keyedId: string;

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
        keyedId = String((await invoke("create-event", jsonRequest({ name: "Keyed" }, { "idempotency-key": `delete-${Date.now()}` }))).json?.id);
        proxy.operations.length = 0;
    });

    const absentId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    /**
     * Every way a route can reach the table. Each route gets, from its shape in the route table, a request
     * it accepts (with an existing event's id, and with an absent one when it takes an id); paths only one
     * route has are added by name below.
     */
    const requestsFor = (route: RouteDefinition): TestRequest[] => [
        acceptedRequest(route, existingId),
        ...(pathParameterNames(route.path).length > 0 ? [acceptedRequest(route, absentId)] : []),
        ...(routeSpecificRequests()[route.name] ?? []),
    ];
    const routeSpecificRequests = (): Record<string, TestRequest[]> => ({
        // An event made with an Idempotency-Key, whose delete leaves a tombstone.
        "delete-event": [{ pathParameters: { id: keyedId } }],
        "list-events": [{ queryStringParameters: { limit: "1" } }],
        // A first keyed create, its replay, and the same key with another body (422).
        "create-event": [
            jsonRequest({ name: "Keyed" }, { "idempotency-key": "actions-key" }),
            jsonRequest({ name: "Keyed" }, { "idempotency-key": "actions-key" }),
            jsonRequest({ name: "Other body" }, { "idempotency-key": "actions-key" }),
        ],
    });

    it("adds route-specific requests only for routes of the route table", () => {
        const names = routes.map((route) => route.name);
        assert.deepStrictEqual(Object.keys(routeSpecificRequests()).filter((name) => !names.includes(name)), []);
    });

    for (const route of routes) {
        it(`${route.name} calls exactly ${route.dynamodbActions.join(", ")}: every action its role grants, and no other`, async () => {
            for (const request of requestsFor(route)) {
                const response = await invoke(route.name, request);
                assert.ok(response.statusCode < 500, `${route.name}: ${response.statusCode} ${response.text}`);
            }
            const used = [...new Set(proxy.operations.map(iamAction))].sort();
            assert.deepStrictEqual(used, [...route.dynamodbActions].sort());
        });
    }

    it("delete tells deleted from absent with exactly one conditional call each, a PutItem of a tombstone for a keyed event", async () => {
        const route = routes.find((r) => r.name === "delete-event") as RouteDefinition;
        assert.strictEqual((await invoke(route.name, { pathParameters: { id: existingId } })).statusCode, 204);
        assert.deepStrictEqual(proxy.operations, ["DeleteItem"]);
        assert.strictEqual((await invoke(route.name, { pathParameters: { id: existingId } })).statusCode, 404);
        assert.deepStrictEqual(proxy.operations, ["DeleteItem", "DeleteItem"]);
        assert.strictEqual((await invoke(route.name, { pathParameters: { id: keyedId } })).statusCode, 204);
        assert.strictEqual((await invoke(route.name, { pathParameters: { id: keyedId } })).statusCode, 404);
        assert.deepStrictEqual(proxy.operations, ["DeleteItem", "DeleteItem", "PutItem", "PutItem"]);
    });

    it("lists with one Query per shard (the default four), never a Scan", async () => {
        await invoke("list-events");
        assert.deepStrictEqual(proxy.operations, ["Query", "Query", "Query", "Query"]);
    });
});
