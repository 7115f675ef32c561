import * as assert from "assert";
import type { LocalStack } from "../../local/stack";
import { startLocalStack } from "../../local/stack";
import { postJson, send } from "../support/local-http";
import { errorMessage } from "../support/local-stack-fixture";

/** The HTTP contract (docs/api.md), row by row, through HTTP against the local stack running the real bundles. */
describe("HTTP contract on the local stack", function () {
    this.timeout(30_000);
    let stack: LocalStack;
    let url: string;
    const unknownId = "00000000-0000-4000-8000-000000000000";

    before(async () => {
        stack = await startLocalStack();
        url = stack.url;
    });
    after(() => stack?.close());

    describe("POST /events", () => {
        it("201 with the stored event and Location", async () => {
            const input = { name: "  Launch <b>party</b>  ", startsAt: "2030-05-01T18:00:00+02:00", location: "Berlin", description: "Bring friends" };
            const response = await postJson(url, "/events", input);
            assert.strictEqual(response.status, 201);
            const event = response.json() as Record<string, string>;
            assert.match(event.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
            assert.strictEqual(response.headers.location, `/events/${event.id}`);
            assert.ok(Math.abs(Date.parse(event.createdAt) - Date.now()) < 60_000);
            assert.deepStrictEqual(
                { name: event.name, startsAt: event.startsAt, location: event.location, description: event.description },
                { name: "Launch <b>party</b>", startsAt: input.startsAt, location: "Berlin", description: "Bring friends" },
            );
            assert.deepStrictEqual((await send(url, { path: `/events/${event.id}` })).json(), event);
        });

        it("400 for invalid JSON", async () => {
            errorMessage(await send(url, { method: "POST", path: "/events", headers: { "content-type": "application/json" }, body: "{name:" }), 400);
        });

        it("400 naming the field for a validation error, an unknown field and a server-made field", async () => {
            assert.match(errorMessage(await postJson(url, "/events", { name: "" }), 400), /name/);
            assert.match(errorMessage(await postJson(url, "/events", { name: "x", startsAt: "tomorrow" }), 400), /startsAt/);
            assert.match(errorMessage(await postJson(url, "/events", { name: "x", colour: "red" }), 400), /colour/);
            assert.match(errorMessage(await postJson(url, "/events", { name: "x", id: unknownId }), 400), /\bid\b/);
            assert.match(errorMessage(await postJson(url, "/events", { name: "x", createdAt: "2020-01-01T00:00:00Z" }), 400), /createdAt/);
        });

        it("413 for a body over 16 KiB", async () => {
            errorMessage(await postJson(url, "/events", { name: "x", description: "d".repeat(17 * 1024) }), 413);
        });

        it("415 for a non-JSON content type", async () => {
            errorMessage(await send(url, { method: "POST", path: "/events", headers: { "content-type": "text/plain" }, body: '{"name":"x"}' }), 415);
        });

        it("Idempotency-Key: the same body returns the first event, another body gets 422", async () => {
            const headers = { "idempotency-key": "contract-key-1" };
            const first = await postJson(url, "/events", { name: "Once" }, headers);
            const replay = await postJson(url, "/events", { name: "Once" }, headers);
            assert.strictEqual(first.status, 201);
            assert.strictEqual(replay.status, 201);
            assert.deepStrictEqual(replay.json(), first.json());
            errorMessage(await postJson(url, "/events", { name: "Twice" }, headers), 422);
        });
    });

    describe("GET /events", () => {
        it("200 with items newest first and a cursor that pages through them", async () => {
            for (const name of ["first", "second", "third"]) assert.strictEqual((await postJson(url, "/events", { name })).status, 201);
            const page = (await send(url, { path: "/events?limit=2" })).json() as { items: { name: string; createdAt: string }[]; nextCursor: string };
            assert.deepStrictEqual(page.items.map((item) => item.name), ["third", "second"]);
            assert.strictEqual(typeof page.nextCursor, "string");
            const next = (await send(url, { path: `/events?limit=2&cursor=${encodeURIComponent(page.nextCursor)}` })).json() as { items: { name: string }[] };
            assert.strictEqual(next.items[0].name, "first");
        });

        it("400 for a bad limit", async () => {
            for (const limit of ["0", "101", "abc", "1.5", "-1"]) errorMessage(await send(url, { path: `/events?limit=${limit}` }), 400);
        });

        it("400 for a bad or tampered cursor", async () => {
            const page = (await send(url, { path: "/events?limit=1" })).json() as { nextCursor: string };
            const tampered = page.nextCursor.slice(0, -2) + (page.nextCursor.endsWith("A") ? "BB" : "AA");
            for (const cursor of ["garbage", tampered, Buffer.from('{"pk":"EVENT#x"}').toString("base64url")]) {
                errorMessage(await send(url, { path: `/events?cursor=${encodeURIComponent(cursor)}` }), 400);
            }
        });
    });

    describe("GET /events/{id}", () => {
        it("400 for a malformed id and 404 for an unknown one", async () => {
            errorMessage(await send(url, { path: "/events/x%23y" }), 400);
            errorMessage(await send(url, { path: `/events/${unknownId}` }), 404);
        });
    });

    describe("DELETE /events/{id}", () => {
        it("204 with an empty body, then 404", async () => {
            const id = ((await postJson(url, "/events", { name: "Doomed" })).json() as { id: string }).id;
            const deleted = await send(url, { method: "DELETE", path: `/events/${id}` });
            assert.strictEqual(deleted.status, 204);
            assert.strictEqual(deleted.body.length, 0);
            errorMessage(await send(url, { method: "DELETE", path: `/events/${id}` }), 404);
            errorMessage(await send(url, { path: `/events/${id}` }), 404);
        });

        it("400 for a malformed id", async () => {
            errorMessage(await send(url, { method: "DELETE", path: "/events/..%2Fx" }), 400);
        });
    });

    describe("API Gateway", () => {
        it("answers an unmatched path or method 404 Not Found", async () => {
            for (const [method, path] of [["PUT", "/events"], ["PATCH", "/events/abc"], ["GET", "/"], ["POST", `/events/${unknownId}`]]) {
                const response = await send(url, { method, path });
                assert.strictEqual(response.status, 404);
                assert.deepStrictEqual(response.json(), { message: "Not Found" });
            }
        });

        it("answers a CORS preflight and adds CORS headers to responses", async () => {
            const preflight = await send(url, { method: "OPTIONS", path: "/events", headers: { origin: "https://app.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type,idempotency-key" } });
            assert.strictEqual(preflight.status, 204);
            assert.strictEqual(preflight.headers["access-control-allow-origin"], "*");
            assert.match(String(preflight.headers["access-control-allow-methods"]), /POST/);
            assert.match(String(preflight.headers["access-control-allow-headers"]), /idempotency-key/);
            const response = await postJson(url, "/events", { name: "Cors" }, { origin: "https://app.example" });
            assert.strictEqual(response.headers["access-control-allow-origin"], "*");
            // Every header the API sends that a browser would hide: Location, Retry-After, Idempotent-Replayed.
            assert.strictEqual(response.headers["access-control-expose-headers"], "location,retry-after,idempotent-replayed");
        });
    });
});
