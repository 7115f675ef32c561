import * as assert from "assert";
import { ReceivedResponse, send as sendUnchecked } from "../support/local-http";
import { errorMessage, useRecordedStack } from "../support/local-stack-fixture";
import { checkedClient, Contract, contractOf, ContractViolation, useCheckedClient } from "../support/openapi-contract";

/**
 * The HTTP contract (docs/api.md), row by row, through HTTP against the local stack running the real
 * bundles; every response is checked against the OpenAPI document the stack serves.
 */
describe("HTTP contract on the local stack", function () {
    this.timeout(30_000);
    const local = useRecordedStack();
    /** Every answer checked against the OpenAPI document the stack serves. */
    const client = useCheckedClient(local);
    const { send, postJson } = client;
    const unknownId = "00000000-0000-4000-8000-000000000000";


    describe("POST /events", () => {
        it("201 with the stored event and Location", async () => {
            const input = { name: "  Launch <b>party</b>  ", startsAt: "2030-05-01T18:00:00+02:00", location: "Berlin", description: "Bring friends" };
            const response = await postJson(local.stack.url, "/events", input);
            assert.strictEqual(response.status, 201);
            const event = response.json() as Record<string, string>;
            assert.match(event.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
            assert.strictEqual(response.headers.location, `/events/${event.id}`);
            assert.ok(Math.abs(Date.parse(event.createdAt) - Date.now()) < 60_000);
            assert.deepStrictEqual(
                { name: event.name, startsAt: event.startsAt, location: event.location, description: event.description },
                { name: "Launch <b>party</b>", startsAt: input.startsAt, location: "Berlin", description: "Bring friends" },
            );
            assert.deepStrictEqual((await send(local.stack.url, { path: `/events/${event.id}` })).json(), event);
        });

        it("400 for invalid JSON", async () => {
            errorMessage(await send(local.stack.url, { method: "POST", path: "/events", headers: { "content-type": "application/json" }, body: "{name:" }), 400);
        });

        it("400 naming the field for a validation error, an unknown field and a server-made field", async () => {
            assert.match(errorMessage(await postJson(local.stack.url, "/events", { name: "" }), 400), /name/);
            assert.match(errorMessage(await postJson(local.stack.url, "/events", { name: "x", startsAt: "tomorrow" }), 400), /startsAt/);
            assert.match(errorMessage(await postJson(local.stack.url, "/events", { name: "x", colour: "red" }), 400), /colour/);
            assert.match(errorMessage(await postJson(local.stack.url, "/events", { name: "x", id: unknownId }), 400), /\bid\b/);
            assert.match(errorMessage(await postJson(local.stack.url, "/events", { name: "x", createdAt: "2020-01-01T00:00:00Z" }), 400), /createdAt/);
        });

        it("413 for a body over 16 KiB", async () => {
            errorMessage(await postJson(local.stack.url, "/events", { name: "x", description: "d".repeat(17 * 1024) }), 413);
        });

        it("415 for a non-JSON content type", async () => {
            errorMessage(await send(local.stack.url, { method: "POST", path: "/events", headers: { "content-type": "text/plain" }, body: '{"name":"x"}' }), 415);
        });

        it("Idempotency-Key: the same body returns the first event, another body gets 422", async () => {
            const headers = { "idempotency-key": "contract-key-1" };
            const first = await postJson(local.stack.url, "/events", { name: "Once" }, headers);
            const replay = await postJson(local.stack.url, "/events", { name: "Once" }, headers);
            assert.strictEqual(first.status, 201);
            assert.strictEqual(replay.status, 201);
            assert.deepStrictEqual(replay.json(), first.json());
            errorMessage(await postJson(local.stack.url, "/events", { name: "Twice" }, headers), 422);
        });

        it("409 for a retry of an Idempotency-Key whose event was deleted", async () => {
            const headers = { "idempotency-key": "contract-key-deleted" };
            const id = ((await postJson(local.stack.url, "/events", { name: "Gone" }, headers)).json() as { id: string }).id;
            assert.strictEqual((await send(local.stack.url, { method: "DELETE", path: `/events/${id}` })).status, 204);
            assert.match(errorMessage(await postJson(local.stack.url, "/events", { name: "Gone" }, headers), 409), /deleted/);
        });
    });

    describe("GET /events", () => {
        it("200 with items newest first and a cursor that pages through them", async () => {
            for (const name of ["first", "second", "third"]) assert.strictEqual((await postJson(local.stack.url, "/events", { name })).status, 201);
            const page = (await send(local.stack.url, { path: "/events?limit=2" })).json() as { items: { name: string; createdAt: string }[]; nextCursor: string };
            assert.deepStrictEqual(page.items.map((item) => item.name), ["third", "second"]);
            assert.strictEqual(typeof page.nextCursor, "string");
            const next = (await send(local.stack.url, { path: `/events?limit=2&cursor=${encodeURIComponent(page.nextCursor)}` })).json() as { items: { name: string }[] };
            assert.strictEqual(next.items[0].name, "first");
        });

        it("400 for a bad limit", async () => {
            for (const limit of ["0", "101", "abc", "1.5", "-1"]) errorMessage(await send(local.stack.url, { path: `/events?limit=${limit}` }), 400);
        });

        it("400 for a bad or tampered cursor", async () => {
            const page = (await send(local.stack.url, { path: "/events?limit=1" })).json() as { nextCursor: string };
            const tampered = page.nextCursor.slice(0, -2) + (page.nextCursor.endsWith("A") ? "BB" : "AA");
            for (const cursor of ["garbage", tampered, Buffer.from('{"pk":"EVENT#x"}').toString("base64url")]) {
                errorMessage(await send(local.stack.url, { path: `/events?cursor=${encodeURIComponent(cursor)}` }), 400);
            }
        });
    });

    describe("GET /events/{id}", () => {
        it("400 for a malformed id and 404 for an unknown one", async () => {
            errorMessage(await send(local.stack.url, { path: "/events/x%23y" }), 400);
            errorMessage(await send(local.stack.url, { path: `/events/${unknownId}` }), 404);
        });
    });

    describe("DELETE /events/{id}", () => {
        it("204 with an empty body, then 404", async () => {
            const id = ((await postJson(local.stack.url, "/events", { name: "Doomed" })).json() as { id: string }).id;
            const deleted = await send(local.stack.url, { method: "DELETE", path: `/events/${id}` });
            assert.strictEqual(deleted.status, 204);
            assert.strictEqual(deleted.body.length, 0);
            errorMessage(await send(local.stack.url, { method: "DELETE", path: `/events/${id}` }), 404);
            errorMessage(await send(local.stack.url, { path: `/events/${id}` }), 404);
        });

        it("400 for a malformed id", async () => {
            errorMessage(await send(local.stack.url, { method: "DELETE", path: "/events/..%2Fx" }), 400);
        });
    });

    describe("API Gateway", () => {
        it("answers a body over the HTTP API's 10 MB limit 413 Request Entity Too Large, before any function", async () => {
            const response = await send(local.stack.url, { method: "POST", path: "/events", headers: { "content-type": "application/json" }, body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) });
            assert.strictEqual(response.status, 413);
            assert.deepStrictEqual(response.json(), { message: "Request Entity Too Large" });
        });

        it("answers an unmatched path or method 404 Not Found", async () => {
            for (const [method, path] of [["PUT", "/events"], ["PATCH", "/events/abc"], ["GET", "/"], ["POST", `/events/${unknownId}`]]) {
                const response = await send(local.stack.url, { method, path });
                assert.strictEqual(response.status, 404);
                assert.deepStrictEqual(response.json(), { message: "Not Found" });
            }
        });

        it("answers a CORS preflight and adds CORS headers to responses", async () => {
            // A CORS preflight is API Gateway's own (the API's CORS configuration), outside the OpenAPI document.
            const preflight = await sendUnchecked(local.stack.url, { method: "OPTIONS", path: "/events", headers: { origin: "https://app.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type,idempotency-key" } });
            assert.strictEqual(preflight.status, 204);
            assert.strictEqual(preflight.headers["access-control-allow-origin"], "*");
            assert.match(String(preflight.headers["access-control-allow-methods"]), /POST/);
            assert.match(String(preflight.headers["access-control-allow-headers"]), /idempotency-key/);
            const response = await postJson(local.stack.url, "/events", { name: "Cors" }, { origin: "https://app.example" });
            assert.strictEqual(response.headers["access-control-allow-origin"], "*");
            // Every header the API sends that a browser would hide: Location, Retry-After, Idempotent-Replayed.
            assert.strictEqual(response.headers["access-control-expose-headers"], "location,retry-after,idempotent-replayed");
        });
    });

    describe("the OpenAPI document", () => {
        it("is served at /openapi.json as OpenAPI 3.1: one operation per route of the table, the stack's URL as server, no security without an authorizer", async () => {
            const response = await sendUnchecked(local.stack.url, { path: "/openapi.json" });
            assert.strictEqual(response.status, 200);
            assert.strictEqual(response.headers["content-type"], "application/json");
            const document = response.json() as { openapi: string; servers: unknown; paths: Record<string, Record<string, { operationId: string; security?: unknown }>>; components: Record<string, unknown> };
            assert.deepStrictEqual(document, local.stack.openApi);
            assert.strictEqual(document.openapi, "3.1.0");
            assert.deepStrictEqual(document.servers, [{ url: local.stack.url }]);
            const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => `${method.toUpperCase()} ${path} ${operation.operationId}`));
            assert.deepStrictEqual(operations.sort(), ["DELETE /events/{id} delete-event", "GET /events list-events", "GET /events/{id} get-event", "POST /events create-event"]);
            assert.ok(Object.values(document.paths).every((methods) => Object.values(methods).every((operation) => operation.security === undefined)));
            assert.strictEqual(document.components.securitySchemes, undefined);
        });

        describe("catches a response that drifts from it", () => {
            let contract: Contract;
            let created: ReceivedResponse;
            before(async () => {
                contract = await contractOf(local.stack.openApi);
                created = await postJson(local.stack.url, "/events", { name: "Drift" });
            });

            /** `response` with its status, headers or body changed. */
            const drift = (response: ReceivedResponse, change: { status?: number; headers?: Record<string, string | undefined>; body?: unknown }): ReceivedResponse => {
                const text = "body" in change ? JSON.stringify(change.body) : response.text;
                const headers = Object.fromEntries(Object.entries({ ...response.headers, ...change.headers }).filter(([, value]) => value !== undefined));
                return { status: change.status ?? response.status, headers, body: Buffer.from(text), text, json: () => JSON.parse(text) };
            };
            const event = () => created.json() as Record<string, unknown>;

            it("passes the response as it is", () => {
                assert.deepStrictEqual(contract.check("POST", "/events", created), { operationId: "create-event", problems: [] });
            });

            for (const [what, change, problem] of [
                ["an extra field in the event", () => ({ body: { ...event(), internal: "pk" } }), /must NOT have additional properties.*internal/],
                ["a required field missing", () => ({ body: { ...event(), createdAt: undefined } }), /must have required property 'createdAt'/],
                ["a field of the wrong type", () => ({ body: { ...event(), name: 7 } }), /body\/name must be string/],
                ["an id that is no lowercase UUID", () => ({ body: { ...event(), id: "EVENT#1" } }), /body\/id must match pattern/],
                ["no Location header", () => ({ headers: { location: undefined } }), /without its required header Location/],
                ["a status the operation does not list", () => ({ status: 200 }), /a status its operation does not list/],
                ["another content type", () => ({ headers: { "content-type": "text/plain" } }), /content-type text\/plain/],
                ["the old error shape", () => ({ status: 400, body: { error: "name is required" } }), /must have required property 'message'/],
                ["an error code of another status", () => ({ status: 400, body: { message: "x", code: "not-found", problems: [{ field: "name", reason: "r" }] } }), /body\/code must be equal to one of the allowed values/],
                ["a 400 without its problems", () => ({ status: 400, body: { message: "x", code: "invalid-request" } }), /must have required property 'problems'/],
            ] as const) {
                it(`refuses ${what}`, () => {
                    const { problems } = contract.check("POST", "/events", drift(created, change()));
                    assert.ok(problems.some((text) => problem.test(text)), problems.join("\n"));
                });
            }

            it("refuses an answer to a path no route has that is not API Gateway's 404", () => {
                const { problems } = contract.check("GET", "/nowhere", drift(created, { status: 404, body: { message: "Not here" } }));
                assert.match(problems.join(), /matches no operation/);
            });

            it("matches a path with a trailing slash to no operation, as API Gateway routes it: /events/{id}/ is no event's path", async () => {
                const answer = await send(local.stack.url, { method: "DELETE", path: "/events/EmoKR/" });
                assert.deepStrictEqual([answer.status, answer.json()], [404, { message: "Not Found" }]);
                assert.deepStrictEqual(contract.check("DELETE", "/events/EmoKR/", answer), { problems: [] });
                assert.deepStrictEqual(contract.check("GET", "/events/", drift(created, { status: 404, body: { message: "Not Found" } })), { problems: [] });
            });

            it("makes the checked client throw, so a response that drifts from the document fails the test that gets it", async () => {
                // A document whose events have no location: a real event with one has a field the document does not know.
                const document = structuredClone(local.stack.openApi) as { components: { schemas: { Event: { properties: Record<string, unknown> } } } };
                delete document.components.schemas.Event.properties.location;
                const strict = await checkedClient(local.stack.url, document);
                assert.strictEqual((await strict.postJson(local.stack.url, "/events", { name: "Kept" })).status, 201);
                await assert.rejects(strict.postJson(local.stack.url, "/events", { name: "Drifts", location: "Berlin" }), (error: Error) => error instanceof ContractViolation && /create-event answered 201: body must NOT have additional properties \{"additionalProperty":"location"\}/.test(error.message));
            });
        });

        it("has been kept by every answer this open stack can give, each status of each route", () => {
            assert.deepStrictEqual([...client.checked].sort(), [
                "create-event 201",
                "create-event 400",
                "create-event 409",
                "create-event 413",
                "create-event 415",
                "create-event 422",
                "delete-event 204",
                "delete-event 400",
                "delete-event 404",
                "gateway 404",
                "get-event 200",
                "get-event 400",
                "get-event 404",
                "list-events 200",
                "list-events 400",
            ]);
        });
    });
});
