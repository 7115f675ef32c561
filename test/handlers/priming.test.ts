import * as assert from "assert";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { routes } from "../../components/routes";
import { applyEnv, loadHandler } from "../support/bundled-handlers";
import { captureConsole } from "../support/console-capture";
import { startTestTable, TestTable } from "../support/dynalite-table";
import { closedPortEndpoint, RecordingProxy, startErroringDynamo, startHangingServer, startRecordingProxy, TestServer } from "../support/fake-dynamo";
import { localHandlerEnv } from "../../local/dynalite";

/**
 * Init's prime (handlers/lib/prime.ts), through each route's real bundle loaded as Lambda loads it (an
 * ES module whose top-level await Init waits for): which call it makes, that it changes nothing, and that
 * it never fails Init.
 */
describe("priming the DynamoDB client during Init", () => {
    describe("against a real table", () => {
        let table: TestTable;
        let proxy: RecordingProxy;
        let restoreEnv: () => void;

        before(async () => {
            table = await startTestTable();
            proxy = await startRecordingProxy(table.endpoint);
            restoreEnv = applyEnv({ ...table.env, AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint });
            const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
            await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: { pk: `EVENT#${id}`, id, name: "Kept" } }));
        });
        after(async () => {
            restoreEnv();
            await proxy.close();
            await table.close();
        });

        it("makes each route's own request, for an id no event has or a one-event page, with an action its role grants", async () => {
            const made: Record<string, { operation: string; input: Record<string, unknown> }[]> = {};
            for (const route of routes) {
                proxy.calls.length = 0;
                await loadHandler(route);
                // The list route's Queries run side by side: in shard order for the comparison.
                made[route.name] = proxy.calls
                    .map(({ operation, input }) => ({ operation, input }))
                    .sort((a, b) => JSON.stringify(a.input).localeCompare(JSON.stringify(b.input)));
                for (const { operation } of made[route.name]) assert.ok(route.dynamodbActions.includes(`dynamodb:${operation}`), `${route.name}: ${operation}`);
            }
            const TableName = table.tableName;
            assert.deepStrictEqual(made, {
                // The first page of one event: one Query per shard of the default four, limit + 1 items each.
                "list-events": ["EVENT", "EVENT#1", "EVENT#2", "EVENT#3"].map((partition) => ({
                    operation: "Query",
                    input: {
                        TableName,
                        IndexName: table.env.LIST_INDEX_NAME,
                        KeyConditionExpression: "listPk = :pk AND listSk < :sk",
                        ExpressionAttributeValues: { ":pk": { S: partition }, ":sk": { S: "~" } },
                        ScanIndexForward: false,
                        Limit: 2,
                    },
                })),
                "create-event": [{ operation: "GetItem", input: { TableName, Key: { pk: { S: "EVENT#prime" } }, ConsistentRead: true } }],
                "get-event": [{ operation: "GetItem", input: { TableName, Key: { pk: { S: "EVENT#prime" } }, ConsistentRead: true } }],
                // A conditional delete that finds no live event: its condition fails, and nothing changes.
                "delete-event": [
                    {
                        operation: "DeleteItem",
                        input: { TableName, Key: { pk: { S: "EVENT#prime" } }, ConditionExpression: "attribute_exists(createdAt)", ReturnValuesOnConditionCheckFailure: "ALL_OLD" },
                    },
                ],
            });
        });

        it("changes nothing in the table", async () => {
            const before = await table.items();
            for (const route of routes) await loadHandler(route);
            assert.deepStrictEqual(await table.items(), before);
            assert.strictEqual(before.length, 1);
        });
    });

    describe("when the table fails", () => {
        let refused: string;
        let hanging: TestServer;
        let throttling: TestServer;
        let denying: TestServer;
        before(async () => {
            refused = await closedPortEndpoint();
            hanging = await startHangingServer();
            throttling = await startErroringDynamo(400, "ThrottlingException");
            denying = await startErroringDynamo(400, "AccessDeniedException");
        });
        after(async () => {
            await Promise.all([hanging, throttling, denying].map((server) => server.close()));
        });

        const cases: [string, () => string, number][] = [
            ["refuses connections", () => refused, 1_000],
            // Two attempts of the client's 1 s request timeout, and a backoff.
            ["accepts connections but never answers", () => hanging.endpoint, 3_500],
            ["throttles", () => throttling.endpoint, 2_000],
            ["denies the action", () => denying.endpoint, 1_000],
        ];
        for (const [what, endpoint, boundMs] of cases) {
            it(`loads every route silently, within ${boundMs / 1000} s, when it ${what}`, async function () {
                this.timeout(10_000);
                const restoreEnv = applyEnv(localHandlerEnv(endpoint(), "events"));
                const logs = captureConsole();
                try {
                    const loads = await Promise.all(
                        routes.map(async (route) => {
                            const started = performance.now();
                            const handler = await loadHandler(route);
                            return { route: route.name, handler: typeof handler, ms: performance.now() - started };
                        }),
                    );
                    for (const load of loads) {
                        assert.strictEqual(load.handler, "function", load.route);
                        assert.ok(load.ms < boundMs, `${load.route} took ${Math.round(load.ms)} ms to load`);
                    }
                    assert.deepStrictEqual(logs.lines, []);
                } finally {
                    logs.restore();
                    restoreEnv();
                }
            });
        }
    });
});
