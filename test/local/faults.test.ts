import * as assert from "assert";
import { mkdtempSync, rmSync } from "fs";
import * as net from "net";
import { tmpdir } from "os";
import * as path from "path";
import { routes } from "../../components/routes";
import { LocalDynamo, startDynalite } from "../../local/dynalite";
import type { LocalStack } from "../../local/stack";
import { startLocalStack } from "../../local/stack";
import type { ReceivedResponse } from "../support/local-http";
import { errorMessage } from "../support/local-stack-fixture";
import { CheckedClient, checkedClient } from "../support/openapi-contract";

/** Every answer is checked against the OpenAPI document of the stack in use. */
let client: CheckedClient;
const send: CheckedClient["send"] = (...args) => client.send(...args);
const postJson: CheckedClient["postJson"] = (...args) => client.postJson(...args);

const unknownId = "00000000-0000-4000-8000-000000000000";

/** One request per route of the route table. */
function everyRoute(url: string): Promise<ReceivedResponse>[] {
    return routes.map((route) => {
        if (route.method === "POST") return postJson(url, route.path, { name: "during the outage" });
        return send(url, { method: route.method, path: route.path.replace("{id}", unknownId) });
    });
}

function assertUnavailable(response: ReceivedResponse): void {
    errorMessage(response, 503);
    assert.match(String(response.headers["retry-after"]), /^\d+$/);
}

describe("faults on the local stack", function () {
    this.timeout(60_000);

    describe("DynamoDB stopped, then back", () => {
        const persistDir = mkdtempSync(path.join(tmpdir(), "events-api-faults-"));
        let dynamo: LocalDynamo;
        let stack: LocalStack;

        before(async () => {
            dynamo = await startDynalite({ path: persistDir });
            stack = await startLocalStack({ dynamoEndpoint: dynamo.endpoint });
            client = await checkedClient(stack.url);
        });
        after(async () => {
            await stack?.close();
            await dynamo?.close();
            rmSync(persistDir, { recursive: true, force: true });
        });

        it("answers 503 with Retry-After on every route within 3 s, then serves again without a restart and loses no acknowledged write", async () => {
            const acknowledged: string[] = [];
            const create = async (name: string) => {
                const response = await postJson(stack.url, "/events", { name });
                if (response.status === 201) acknowledged.push((response.json() as { id: string }).id);
                else assertUnavailable(response);
                return response.status;
            };
            for (let i = 0; i < 5; i++) assert.strictEqual(await create(`before ${i}`), 201);
            // Every function warm, so the outage hits warm environments with pooled connections.
            await Promise.all(everyRoute(stack.url));

            // A writer that keeps going through the outage and the recovery.
            let writing = true;
            const writer = (async () => {
                for (let i = 0; writing; i++) await create(`during ${i}`);
            })();

            await dynamo.close();
            const begun = performance.now();
            const responses = await Promise.all(everyRoute(stack.url));
            const elapsedMs = performance.now() - begun;
            responses.forEach(assertUnavailable);
            assert.ok(elapsedMs < 3000, `503s took ${elapsedMs.toFixed(0)} ms`);

            dynamo = await startDynalite({ port: dynamo.port, path: persistDir });
            let recovered = false;
            for (let attempt = 0; attempt < 20 && !recovered; attempt++) {
                recovered = (await send(stack.url, { path: "/events?limit=1" })).status === 200;
            }
            assert.ok(recovered, "the API did not recover");
            writing = false;
            await writer;
            assert.strictEqual(await create("after"), 201);
            for (const response of await Promise.all(everyRoute(stack.url))) assert.ok(response.status < 500, `${response.status} ${response.text}`);

            for (const id of acknowledged) {
                assert.strictEqual((await send(stack.url, { path: `/events/${id}` })).status, 200, `acknowledged ${id} is missing`);
            }
            assert.ok(acknowledged.length >= 7);
        });
    });

    describe("DynamoDB accepting connections and never answering", () => {
        let blackhole: net.Server;
        let dynamo: LocalDynamo;
        let stack: LocalStack;
        const sockets = new Set<net.Socket>();
        const functionTimeoutMs = 10_000;

        before(async () => {
            blackhole = net.createServer((socket) => sockets.add(socket));
            await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
            const endpoint = `http://127.0.0.1:${(blackhole.address() as net.AddressInfo).port}`;
            dynamo = await startDynalite();
            stack = await startLocalStack({
                dynamoEndpoint: dynamo.endpoint,
                functionTimeoutMs,
                environmentOverrides: Object.fromEntries(routes.map((route) => [route.name, { AWS_ENDPOINT_URL_DYNAMODB: endpoint }])),
            });
            client = await checkedClient(stack.url);
        });
        after(async () => {
            await stack?.close();
            await dynamo?.close();
            sockets.forEach((socket) => socket.destroy());
            blackhole?.close();
        });

        it("answers 503 with Retry-After on every route before the function timeout", async () => {
            const begun = performance.now();
            const responses = await Promise.all(everyRoute(stack.url));
            responses.forEach(assertUnavailable);
            assert.ok(performance.now() - begun < functionTimeoutMs);
            assert.ok(sockets.size > 0, "the functions never reached the silent endpoint");
        });
    });
});
