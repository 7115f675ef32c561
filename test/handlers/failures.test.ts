import * as assert from "assert";
import { localAwsEnv, localHandlerEnv } from "../../local/dynalite";
import { routes } from "../../components/routes";
import { settingDefaults } from "../../components/settings";
import { handlerEnv } from "../../components/table-schema";
import { acceptedRequest } from "../support/api-gateway-event";
import { applyEnv, Invoke, loadApi, loadHandler, routeNamed, TestResponse } from "../support/bundled-handlers";
import { captureConsole } from "../support/console-capture";
import { startTestTable } from "../support/dynalite-table";
import { closedPortEndpoint, startErroringDynamo, startHangingServer, TestServer } from "../support/fake-dynamo";

const someId = "0f8fad5b-d9cb-469f-a165-70867728950e";


/**
 * Hooks that point the handlers at `endpoint()` and load them fresh, as new environments would. What the
 * handlers log is kept off the test output; test/local/function-logs.test.ts checks those records as the
 * Lambda runtime writes them.
 */
function useApiAt(endpoint: () => string, tableName = "events"): { invoke: Invoke } {
    const api = {} as { invoke: Invoke };
    let restoreEnv: () => void;
    let restoreConsole: () => void;
    before(async () => {
        restoreEnv = applyEnv(localHandlerEnv(endpoint(), tableName));
        api.invoke = await loadApi();
        restoreConsole = captureConsole().restore;
    });
    after(() => {
        restoreConsole();
        restoreEnv();
    });
    return api;
}

async function timed(invoke: Invoke, routeName: string): Promise<{ response: TestResponse; ms: number }> {
    const started = performance.now();
    // A request the route accepts, so only the table's failure decides the answer.
    const response = await invoke(routeName, acceptedRequest(routeNamed(routeName), someId));
    return { response, ms: performance.now() - started };
}

function assertUnavailable(response: TestResponse): void {
    assert.strictEqual(response.statusCode, 503, response.text);
    assert.strictEqual(response.headers["retry-after"], "1");
    assert.strictEqual(response.headers["content-type"], "application/json");
    assert.deepStrictEqual(response.json, { message: "Service unavailable", code: "unavailable" });
    assert.doesNotMatch(String(response.text), /ECONN|Timeout|127\.0\.0\.1|Exception|arn:|\bat /);
}

describe("when the table fails", () => {
    describe("and its endpoint refuses connections", () => {
        let endpoint: string;
        before(async () => {
            endpoint = await closedPortEndpoint();
        });
        const api = useApiAt(() => endpoint);

        it("every route answers 503 with Retry-After within 3 s", async () => {
            const results = await Promise.all(routes.map((route) => timed(api.invoke, route.name)));
            for (const { response, ms } of results) {
                assertUnavailable(response);
                assert.ok(ms < 3_000, `answered after ${Math.round(ms)} ms`);
            }
        });
    });

    describe("and its endpoint accepts connections but never answers", () => {
        let server: TestServer;
        before(async () => {
            server = await startHangingServer();
        });
        after(() => server.close());
        const api = useApiAt(() => server.endpoint);

        it("every route answers 503 before 5 s, after a bounded number of attempts", async function () {
            // Two 1 s request timeouts per route, run side by side: over mocha's 2 s default without .mocharc.
            this.timeout(10_000);
            server.operations.length = 0; // The primes' calls, made while the functions loaded.
            const results = await Promise.all(routes.map((route) => timed(api.invoke, route.name)));
            for (const { response, ms } of results) {
                assertUnavailable(response);
                assert.ok(ms < 5_000, `answered after ${Math.round(ms)} ms`);
            }
            // Two attempts per DynamoDB call: one call per route, except the list route's one Query per shard.
            const calls = routes.length - 1 + settingDefaults.listShards;
            assert.strictEqual(server.operations.length, 2 * calls, server.operations.join(","));
        });
    });

    describe("and DynamoDB throttles", () => {
        let server: TestServer;
        before(async () => {
            server = await startErroringDynamo(400, "ProvisionedThroughputExceededException");
        });
        after(() => server.close());
        const api = useApiAt(() => server.endpoint);

        it("answers 503 with Retry-After and no SDK message", async () => {
            const { response } = await timed(api.invoke, "get-event");
            assertUnavailable(response);
            assert.doesNotMatch(String(response.text), /from the fake/);
        });
    });

    describe("with an unexpected error (the table does not exist)", () => {
        let close: () => Promise<void>;
        let endpoint: string;
        before(async () => {
            const table = await startTestTable();
            endpoint = table.endpoint;
            close = () => table.close();
        });
        after(() => close());
        const api = useApiAt(() => endpoint, "no-such-table");

        it("every route answers 500 Internal error", async () => {
            for (const route of routes) {
                const { response } = await timed(api.invoke, route.name);
                assert.strictEqual(response.statusCode, 500);
                assert.deepStrictEqual(response.json, { message: "Internal error", code: "internal-error" });
            }
        });
    });
});

describe("a cold start without configuration", () => {
    // Init primes the client: give it a table that is down (and credentials), so it never looks for AWS.
    let restoreAws: () => void;
    before(async () => {
        restoreAws = applyEnv({ ...localAwsEnv, AWS_ENDPOINT_URL_DYNAMODB: await closedPortEndpoint() });
    });
    after(() => restoreAws());

    it("fails to load every route when TABLE_NAME is missing, naming it", async () => {
        const restore = applyEnv({ [handlerEnv.tableName]: undefined, [handlerEnv.listIndexName]: "index", [handlerEnv.listShards]: "4" });
        try {
            for (const route of routes) {
                await assert.rejects(loadHandler(route), new RegExp(`${handlerEnv.tableName} is not set`));
            }
        } finally {
            restore();
        }
    });

    it("fails to load only the list route when LIST_INDEX_NAME is missing", async () => {
        const restore = applyEnv({ [handlerEnv.tableName]: "events", [handlerEnv.listIndexName]: undefined, [handlerEnv.listShards]: "4" });
        try {
            await assert.rejects(loadHandler(routeNamed("list-events")), new RegExp(`${handlerEnv.listIndexName} is not set`));
            for (const route of routes.filter((r) => r.name !== "list-events")) {
                assert.strictEqual(typeof (await loadHandler(route)), "function");
            }
        } finally {
            restore();
        }
    });

    for (const [value, problem] of [
        [undefined, "LIST_SHARDS is not set"],
        ["0", "LIST_SHARDS must be an integer from 1 to 16"],
        ["17", "LIST_SHARDS must be an integer from 1 to 16"],
        ["2.5", "LIST_SHARDS must be an integer from 1 to 16"],
        ["four", "LIST_SHARDS must be an integer from 1 to 16"],
    ]) {
        it(`fails to load only the list and create routes when LIST_SHARDS is ${value === undefined ? "missing" : JSON.stringify(value)}`, async () => {
            const restore = applyEnv({ [handlerEnv.tableName]: "events", [handlerEnv.listIndexName]: "index", [handlerEnv.listShards]: value });
            try {
                for (const route of routes) {
                    if (route.name === "list-events" || route.name === "create-event") {
                        await assert.rejects(loadHandler(route), { message: `environment variable ${problem}` }, route.name);
                    } else {
                        assert.strictEqual(typeof (await loadHandler(route)), "function", route.name);
                    }
                }
            } finally {
                restore();
            }
        });
    }
});
