import * as assert from "assert";
import { routes } from "../../components/routes";
import { adminScopesVariable } from "../../components/table-schema";
import { localHandlerEnv } from "../../local/dynalite";
import { cachedBundle } from "../../components/bundle";
import { peer } from "../../bench/lib/variants";
import { inlinedSdkIn } from "../../policy/inspection/sdk-markers";
import { acceptedRequest, TestRequest } from "../support/api-gateway-event";
import { applyEnv, Invoke, jsonRequest, loadApi, loadHandler, routeNamed, TestResponse } from "../support/bundled-handlers";
import { captureConsole } from "../support/console-capture";
import { startTestTable, TestTable } from "../support/dynalite-table";
import { closedPortEndpoint, startErroringDynamo, startHangingServer, TestServer } from "../support/fake-dynamo";

const unknownId = "0f8fad5b-d9cb-469f-a165-70867728950e";
const claims = (sub: string) => ({ jwtClaims: { sub, iss: "https://issuer.test", aud: "events-api" } });
const launch = { name: "Launch", location: "Hall 1" };

/** What a client sees of a response: status, headers and the body as sent. */
const seen = ({ statusCode, headers, text }: TestResponse) => ({ statusCode, headers, text });

/**
 * The peer variant's bundles (aws-lite in place of handlers/lib/dynamo.ts, bench/variants/aws-lite/)
 * answer every request as ours do: both loaded through the local runtime against one dynalite table, each
 * request sent to ours and then to the peer wherever the first does not change what the second finds.
 */
describe("the peer variant (aws-lite) against dynalite", () => {
    let table: TestTable;
    let restoreEnv: () => void;
    let ours: Invoke;
    let lite: Invoke;
    before(async () => {
        table = await startTestTable();
        restoreEnv = applyEnv({ ...table.env, [adminScopesVariable]: "events-api/admin" });
        ours = await loadApi();
        lite = await loadApi(peer.options);
    });
    after(async () => {
        restoreEnv?.();
        await table?.close();
    });

    /** Sends `request` to ours, then to the peer; they must answer alike. Returns ours. */
    async function same(routeName: string, request: TestRequest): Promise<TestResponse> {
        const mine = await ours(routeName, request);
        assert.deepStrictEqual(seen(await lite(routeName, request)), seen(mine));
        return mine;
    }

    it("carries aws-lite in every bundle, importing only Node's built-ins", async () => {
        for (const route of routes) {
            const bundle = await cachedBundle(route.entry, peer.options);
            assert.ok(bundle.inputs.includes("bench/variants/aws-lite/dynamo.ts"), route.name);
            assert.ok(!bundle.inputs.includes("handlers/lib/dynamo.ts"), route.name);
            assert.ok(bundle.inputs.includes("node_modules/@aws-lite/client/src/index.js"), route.name);
            assert.deepStrictEqual(bundle.imports.filter((specifier) => specifier.startsWith("@")), [], route.name);
        }
    });

    it("is what the pack's lambda-no-bundled-aws-sdk rejects: aws-lite vendors @aws-sdk/util-dynamodb's marshalling", async () => {
        for (const route of routes) {
            assert.strictEqual(inlinedSdkIn((await cachedBundle(route.entry, peer.options)).code), `@aws-sdk/util-dynamodb's "options.removeUndefinedValues=true" inlined`, route.name);
            assert.strictEqual(inlinedSdkIn((await cachedBundle(route.entry)).code), undefined, route.name);
        }
    });

    it("creates an event as ours does: 201, the same fields, read back alike by both", async () => {
        const mine = await ours("create-event", { ...jsonRequest(launch, { "idempotency-key": "ours-1" }), ...claims("alice") });
        const theirs = await lite("create-event", { ...jsonRequest(launch, { "idempotency-key": "lite-1" }), ...claims("alice") });
        assert.strictEqual(theirs.statusCode, 201, theirs.text);
        const id = String(theirs.json?.id);
        assert.deepStrictEqual(theirs.json, { id, name: "Launch", location: "Hall 1", createdAt: theirs.json?.createdAt, createdBy: "alice" });
        assert.deepStrictEqual(theirs.headers, { ...mine.headers, location: `/events/${id}` });
        const read = await same("get-event", { pathParameters: { id }, ...claims("alice") });
        assert.strictEqual(read.text, theirs.text);
    });

    it("replays an Idempotency-Key's event, and refuses the key with another body, as ours does", async () => {
        const replay = await same("create-event", { ...jsonRequest(launch, { "idempotency-key": "ours-1" }), ...claims("alice") });
        assert.strictEqual(replay.statusCode, 201);
        assert.strictEqual(replay.headers["idempotent-replayed"], "true");
        const reused = await same("create-event", { ...jsonRequest({ name: "Other" }, { "idempotency-key": "ours-1" }), ...claims("alice") });
        assert.strictEqual(reused.statusCode, 422);
        assert.deepStrictEqual(reused.json, { message: "Idempotency-Key already used with another body", code: "idempotency-key-reused" });
    });

    it("answers a missing event 404 and a malformed id 400, as ours does", async () => {
        const missing = await same("get-event", { pathParameters: { id: unknownId } });
        assert.deepStrictEqual([missing.statusCode, missing.json], [404, { message: `Event ${unknownId} not found`, code: "not-found" }]);
        assert.strictEqual((await same("get-event", { pathParameters: { id: "not-an-id" } })).statusCode, 400);
    });

    it("lists the same pages, cursor after cursor, as ours does", async () => {
        for (let i = 0; i < 3; i++) await ours("create-event", jsonRequest({ name: `Listed ${i}` }));
        const names: unknown[] = [];
        let cursor: string | null = null;
        do {
            const page = await same("list-events", { queryStringParameters: { limit: "2", ...(cursor && { cursor }) } });
            assert.strictEqual(page.statusCode, 200, page.text);
            const body = page.json as { items: { name: string }[]; nextCursor: string | null };
            names.push(...body.items.map((item) => item.name));
            cursor = body.nextCursor;
        } while (cursor !== null);
        assert.deepStrictEqual(names, ["Listed 2", "Listed 1", "Listed 0", "Launch", "Launch"]);
        assert.strictEqual((await same("list-events", { queryStringParameters: { cursor: "not-a-cursor" } })).statusCode, 400);
    });

    it("deletes as ours does: 403 to another caller, 204 to the creator, then 404", async () => {
        const create = async () => String((await ours("create-event", { ...jsonRequest({ name: "Doomed" }), ...claims("alice") })).json?.id);
        const [first, second] = [await create(), await create()];
        const notOwner = await same("delete-event", { pathParameters: { id: first }, ...claims("bob") });
        assert.deepStrictEqual([notOwner.statusCode, notOwner.json?.code], [403, "not-owner"]);
        const mine = await ours("delete-event", { pathParameters: { id: first }, ...claims("alice") });
        const theirs = await lite("delete-event", { pathParameters: { id: second }, ...claims("alice") });
        assert.strictEqual(mine.statusCode, 204);
        assert.deepStrictEqual(seen(theirs), seen(mine));
        const gone = await same("delete-event", { pathParameters: { id: second }, ...claims("alice") });
        assert.deepStrictEqual([gone.statusCode, gone.json], [404, { message: `Event ${second} not found`, code: "not-found" }]);
    });

    it("leaves a tombstone for an Idempotency-Key's event, which both answer 409 to its key", async () => {
        const request = { ...jsonRequest({ name: "Keyed" }, { "idempotency-key": "lite-delete" }), ...claims("alice") };
        const id = String((await ours("create-event", request)).json?.id);
        assert.strictEqual((await lite("delete-event", { pathParameters: { id }, ...claims("alice") })).statusCode, 204);
        const retried = await same("create-event", request);
        assert.deepStrictEqual([retried.statusCode, retried.json?.code], [409, "event-deleted"]);
    });
});

describe("the peer variant (aws-lite) when the table fails", () => {
    const cases: { what: string; status: number; endpoint: () => Promise<{ endpoint: string; tableName?: string; close?: () => Promise<void> }> }[] = [
        { what: "refuses connections", status: 503, endpoint: async () => ({ endpoint: await closedPortEndpoint() }) },
        { what: "throttles", status: 503, endpoint: () => erroring(400, "ThrottlingException") },
        { what: "fails (500)", status: 503, endpoint: () => erroring(500, "InternalServerError") },
        {
            what: "has no such table",
            status: 500,
            endpoint: async () => {
                const table = await startTestTable();
                return { endpoint: table.endpoint, tableName: "no-such-table", close: () => table.close() };
            },
        },
    ];

    async function erroring(status: number, errorType: string) {
        const server: TestServer = await startErroringDynamo(status, errorType);
        return { endpoint: server.endpoint, close: () => server.close() };
    }

    for (const { what, status, endpoint } of cases) {
        it(`answers every route ${status} as ours does when it ${what}`, async () => {
            const target = await endpoint();
            const restoreEnv = applyEnv(localHandlerEnv(target.endpoint, target.tableName ?? "events"));
            const logs = captureConsole();
            try {
                const [ours, lite] = [await loadApi(), await loadApi(peer.options)];
                for (const route of routes) {
                    const request = acceptedRequest(routeNamed(route.name), unknownId);
                    const mine = await ours(route.name, request);
                    assert.strictEqual(mine.statusCode, status, `${route.name}: ${mine.text}`);
                    assert.deepStrictEqual(seen(await lite(route.name, request)), seen(mine), route.name);
                }
            } finally {
                logs.restore();
                restoreEnv();
                await target.close?.();
            }
        });
    }
});

describe("the peer variant (aws-lite) when the table accepts connections and never answers", () => {
    it("has no timeout: its Init still waits on the prime after ours has primed, failed and answered 503", async () => {
        const server = await startHangingServer();
        const restoreEnv = applyEnv(localHandlerEnv(server.endpoint, "events"));
        const logs = captureConsole();
        const request = acceptedRequest(routeNamed("get-event"), unknownId);
        const loading = loadHandler(routeNamed("get-event"), peer.options);
        let loaded = false;
        void loading.then(() => (loaded = true));
        try {
            const ours = await loadApi();
            assert.strictEqual((await ours("get-event", request)).statusCode, 503);
            assert.strictEqual(loaded, false);
        } finally {
            // Closing the server ends the held connection: aws-lite's retry is refused, the prime gives up, Init ends.
            await server.close();
            await loading;
            logs.restore();
            restoreEnv();
        }
    });
});
