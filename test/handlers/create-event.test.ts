import * as assert from "assert";
import { useApiAgainstDynalite } from "../support/api-fixture";
import { jsonRequest } from "../support/bundled-handlers";
import { documentedPartition } from "../support/list-partition";
import type { ErrorBody } from "../../handlers/lib/errors";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("POST /events", () => {
    const api = useApiAgainstDynalite();
    const create = (body: unknown, headers: Record<string, string> = {}) =>
        api.invoke("create-event", jsonRequest(body, headers));

    /** Sends a request that must be refused, and checks that the table is unchanged: its error body's message. */
    async function refused(request: Parameters<typeof api.invoke>[1], status: number): Promise<string> {
        return (await refusal(request, status)).message;
    }

    /** The error body of a refused request, in the one error shape; the table is unchanged. */
    async function refusal(request: Parameters<typeof api.invoke>[1], status: number): Promise<ErrorBody> {
        const before = await api.table.items();
        const response = await api.invoke("create-event", request);
        assert.strictEqual(response.statusCode, status, response.text);
        assert.strictEqual(response.headers["content-type"], "application/json");
        const body = response.json as unknown as ErrorBody;
        assert.deepStrictEqual(Object.keys(body), status === 400 ? ["message", "code", "problems"] : ["message", "code"]);
        assert.strictEqual(typeof body.message, "string");
        if (status === 400) assert.strictEqual(body.message, body.problems!.map((p) => `${p.field} ${p.reason}`).join("; "));
        assert.deepStrictEqual(await api.table.items(), before);
        return body;
    }

    describe("success", () => {
        it("stores the event and answers 201 with it and its Location", async () => {
            const response = await create({ name: "Meetup", startsAt: "2030-05-01T18:00:00+02:00", location: "Berlin", description: "Talks" });
            assert.strictEqual(response.statusCode, 201);
            const event = response.json!;
            assert.match(String(event.id), uuid);
            assert.strictEqual(response.headers.location, `/events/${event.id}`);
            assert.deepStrictEqual(event, {
                id: event.id,
                name: "Meetup",
                startsAt: "2030-05-01T18:00:00+02:00",
                location: "Berlin",
                description: "Talks",
                createdAt: event.createdAt,
            });
            assert.ok(Math.abs(Date.parse(String(event.createdAt)) - Date.now()) < 5_000);
            const stored = (await api.table.items()).find((item) => item.id === event.id);
            assert.deepStrictEqual(
                { pk: stored?.pk, listPk: stored?.listPk, listSk: stored?.listSk },
                // In the listing shard of its id, of the default 4.
                { pk: `EVENT#${event.id}`, listPk: documentedPartition(String(event.id), 4), listSk: `${event.createdAt}#${event.id}` },
            );
        });

        it("omits optional fields that were not sent", async () => {
            const response = await create({ name: "Only a name" });
            assert.strictEqual(response.statusCode, 201);
            assert.deepStrictEqual(Object.keys(response.json!), ["id", "name", "createdAt"]);
        });

        it("stores strings as given, without HTML escaping, and trims the name", async () => {
            const response = await create({ name: "  <b>Tom & Jerry</b> 🎉  ", description: "<script>alert('x')</script>" });
            assert.strictEqual(response.json?.name, "<b>Tom & Jerry</b> 🎉");
            assert.strictEqual(response.json?.description, "<script>alert('x')</script>");
        });

        it("decodes a base64-encoded body first", async () => {
            const body = Buffer.from(JSON.stringify({ name: "Encoded" })).toString("base64");
            const response = await api.invoke("create-event", { headers: { "content-type": "application/json" }, body, isBase64Encoded: true });
            assert.strictEqual(response.statusCode, 201);
            assert.strictEqual(response.json?.name, "Encoded");
        });

        for (const contentType of ["application/json; charset=utf-8", "Application/JSON", "application/vnd.events+json"]) {
            it(`accepts the content type ${contentType}`, async () => {
                const response = await api.invoke("create-event", { headers: { "content-type": contentType }, body: '{"name":"x"}' });
                assert.strictEqual(response.statusCode, 201);
            });
        }

        it("accepts a body of exactly 16 KiB", async () => {
            const json = JSON.stringify({ name: "padded" });
            const body = json.slice(0, -1) + " ".repeat(16 * 1024 - Buffer.byteLength(json)) + "}";
            assert.strictEqual(Buffer.byteLength(body), 16 * 1024);
            const response = await api.invoke("create-event", { headers: { "content-type": "application/json" }, body });
            assert.strictEqual(response.statusCode, 201);
        });
    });

    describe("refusals (the table is unchanged)", () => {
        it("answers 415 to a non-JSON content type", async () => {
            assert.deepStrictEqual(await refusal({ headers: { "content-type": "text/plain" }, body: '{"name":"x"}' }, 415), { message: "Content-Type must be application/json", code: "unsupported-media-type" });
            await refused({ headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=x" }, 415);
            await refused({ headers: { "content-type": "application/json; charset=iso-8859-1" }, body: '{"name":"x"}' }, 415);
        });

        it("answers 415 when the content type is missing", async () => {
            await refused({ body: '{"name":"x"}' }, 415);
        });

        it("answers 413 to a body over 16 KiB, counted in decoded bytes", async () => {
            // 8193 two-byte characters: under 16 KiB as a string length, over it in UTF-8.
            assert.deepStrictEqual(await refusal(jsonRequest({ name: "x", description: "é".repeat(8193) }), 413), { message: "Request body must be at most 16384 bytes", code: "payload-too-large" });
            const big = Buffer.from(JSON.stringify({ name: "x".repeat(16 * 1024) })).toString("base64");
            await refused({ headers: { "content-type": "application/json" }, body: big, isBase64Encoded: true }, 413);
        });

        it("answers 400 to invalid JSON, with the body as the problem", async () => {
            const body = await refusal({ headers: { "content-type": "application/json" }, body: '{"name": "x"' }, 400);
            assert.deepStrictEqual(body, { message: "body must be a JSON object, in UTF-8", code: "invalid-request", problems: [{ field: "body", reason: "must be a JSON object, in UTF-8" }] });
        });

        it("answers 400 to an empty body", async () => {
            assert.strictEqual(await refused({ headers: { "content-type": "application/json" } }, 400), "body must be a JSON object, in UTF-8");
        });

        it("answers 400 to a content type with a parameter JSON does not define", async () => {
            await refused({ headers: { "content-type": "application/json; boundary=x" }, body: '{"name":"x"}' }, 415);
        });

        for (const body of ["[]", "null", '"text"', "42", "true"]) {
            it(`answers 400 to the non-object JSON ${body}`, async () => {
                assert.strictEqual(await refused({ headers: { "content-type": "application/json" }, body }, 400), "body must be a JSON object, in UTF-8");
            });
        }

        const invalidUtf8: [string, number[]][] = [
            ["a bad continuation byte", [0xc3, 0x28]],
            ["a lone continuation byte", [0x80]],
            ["an overlong encoding of /", [0xc0, 0xaf]],
            ["an encoded surrogate", [0xed, 0xa0, 0x80]],
            ["a truncated sequence", [0xe2, 0x82]],
            ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
        ];
        for (const [what, bytes] of invalidUtf8) {
            it(`answers 400 to invalid UTF-8 in a base64 body: ${what}`, async () => {
                const body = Buffer.concat([Buffer.from('{"name":"'), Buffer.from(bytes), Buffer.from('"}')]).toString("base64");
                const error = await refused({ headers: { "content-type": "application/json" }, body, isBase64Encoded: true }, 400);
                assert.strictEqual(error, "body must be a JSON object, in UTF-8");
            });
        }

        // A string body is text already: a raw lone surrogate can only sit in a value, a key or outside any string.
        for (const [where, body, message] of [
            ["a value", '{"name":"x","location":"\ud800"}', /^location must not contain control or bidirectional formatting characters$/],
            ["a key", '{"name":"x","\udc00":"y"}', /is not a field a client may set/],
            ["the JSON syntax", '{"name":"x"}\ud800', /^body must be a JSON object/],
        ] as const) {
            it(`answers 400 to a raw lone surrogate in ${where} of a string body`, async () => {
                assert.match(await refused({ headers: { "content-type": "application/json" }, body }, 400), message);
            });
        }

        it("answers 400 to deeply nested JSON without overflowing the stack", async () => {
            const body = '{"name":' + "[".repeat(5000) + "]".repeat(5000) + "}";
            assert.strictEqual(await refused({ headers: { "content-type": "application/json" }, body }, 400), "name must be a string");
        });

        it("answers 400 to a __proto__ key and does not pollute prototypes", async () => {
            const error = await refused({ headers: { "content-type": "application/json" }, body: '{"name":"x","__proto__":{"polluted":true}}' }, 400);
            assert.strictEqual(error, "__proto__ is not a field a client may set");
            assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
        });
    });

    describe("validation names the field", () => {
        const dateTime = "must be an ISO 8601 date-time with offset, years 1900 to 9999";
        const unsafeText = "must not contain control or bidirectional formatting characters";
        const notClientField = "is not a field a client may set";
        const cases: [string, Record<string, unknown>, string, string][] = [
            ["a missing name", {}, "name", "is required"],
            ["a name that is not a string", { name: 42 }, "name", "must be a string"],
            ["a blank name", { name: "   " }, "name", "must be 1 to 200 characters after trimming"],
            ["a name over 200 characters", { name: "n".repeat(201) }, "name", "must be 1 to 200 characters after trimming"],
            ["a startsAt without offset", { name: "x", startsAt: "2030-05-01T18:00:00" }, "startsAt", dateTime],
            ["a startsAt that is only a date", { name: "x", startsAt: "2030-05-01" }, "startsAt", dateTime],
            ["a startsAt on a day that does not exist", { name: "x", startsAt: "2031-02-29T10:00:00Z" }, "startsAt", dateTime],
            ["a startsAt at hour 24", { name: "x", startsAt: "2030-05-01T24:00:00Z" }, "startsAt", dateTime],
            ["a startsAt in year 0000", { name: "x", startsAt: "0000-01-01T00:00:00Z" }, "startsAt", dateTime],
            ["a startsAt in 1899", { name: "x", startsAt: "1899-12-31T23:59:59Z" }, "startsAt", dateTime],
            ["a startsAt after 9999", { name: "x", startsAt: "+10000-01-01T00:00:00Z" }, "startsAt", dateTime],
            ["a startsAt that is a number", { name: "x", startsAt: 1893456000 }, "startsAt", "must be a string"],
            ["a location over 200 characters", { name: "x", location: "l".repeat(201) }, "location", "must be at most 200 characters"],
            ["a location of null", { name: "x", location: null }, "location", "must be a string"],
            ["a description over 2000 characters", { name: "x", description: "d".repeat(2001) }, "description", "must be at most 2000 characters"],
            ["a description that is an object", { name: "x", description: { text: "d" } }, "description", "must be a string"],
            ["a lone surrogate in a string", { name: "x", location: "\ud800" }, "location", unsafeText],
            ["a NUL in the name", { name: "a\u0000b" }, "name", unsafeText],
            ["an ANSI escape in the location", { name: "x", location: "\u001b[31mred" }, "location", unsafeText],
            ["a right-to-left override in the name", { name: "invoice\u202egpj.exe" }, "name", unsafeText],
            ["a first-strong isolate in the description", { name: "x", description: "a\u2068b" }, "description", unsafeText],
            ["a C1 control in the description", { name: "x", description: "a\u0085b" }, "description", unsafeText],
            ["a carriage return in the description", { name: "x", description: "line\r\nline" }, "description", unsafeText],
            ["a newline in the name", { name: "two\nlines" }, "name", unsafeText],
            ["a tab in the location", { name: "x", location: "a\tb" }, "location", unsafeText],
            ["an unknown field", { name: "x", color: "red" }, "color", notClientField],
            ["a constructor field", { name: "x", constructor: "x" }, "constructor", notClientField],
            ["a server-made id", { name: "x", id: "0f8fad5b-d9cb-469f-a165-70867728950e" }, "id", notClientField],
            ["a server-made createdAt", { name: "x", createdAt: "2030-01-01T00:00:00Z" }, "createdAt", notClientField],
            ["a server-made createdBy", { name: "x", createdBy: "someone-else" }, "createdBy", notClientField],
        ];
        for (const [what, body, field, reason] of cases) {
            it(`answers 400 to ${what}, naming ${field}`, async () => {
                assert.deepStrictEqual(await refusal(jsonRequest(body), 400), { message: `${field} ${reason}`, code: "invalid-request", problems: [{ field, reason }] });
            });
        }

        it("reports every problem at once: a bad startsAt and the missing name, then the fields in rule order", async () => {
            assert.deepStrictEqual((await refusal(jsonRequest({ startsAt: "x" }), 400)).problems, [
                { field: "name", reason: "is required" },
                { field: "startsAt", reason: dateTime },
            ]);
            const many = await refusal(jsonRequest({ colour: "red", id: "x", name: "", location: 7, description: "d".repeat(2001) }), 400);
            assert.deepStrictEqual(many.problems, [
                { field: "colour", reason: notClientField },
                { field: "id", reason: notClientField },
                { field: "name", reason: "must be 1 to 200 characters after trimming" },
                { field: "location", reason: "must be a string" },
                { field: "description", reason: "must be at most 2000 characters" },
            ]);
        });

        it("reports a malformed Idempotency-Key together with the body's problems", async () => {
            const body = await refusal(jsonRequest({}, { "idempotency-key": "two words" }), 400);
            assert.deepStrictEqual(body.problems, [
                { field: "Idempotency-Key", reason: "must be sent once, 1-255 visible ASCII characters, no comma" },
                { field: "name", reason: "is required" },
            ]);
            const notJson = await refusal({ headers: { "content-type": "application/json", "idempotency-key": "" }, body: "{" }, 400);
            assert.deepStrictEqual(notJson.problems?.map((p) => p.field), ["Idempotency-Key", "body"]);
        });

        it("keeps tab and newline in the description", async () => {
            const response = await create({ name: "x", description: "line one\n\tline two" });
            assert.strictEqual(response.statusCode, 201, response.text);
            assert.strictEqual(response.json?.description, "line one\n\tline two");
        });

        it("stores names and descriptions in NFC, counting characters after normalisation", async () => {
            // "e" + U+0301 COMBINING ACUTE ACCENT is "é" (U+00E9) in NFC; 200 of them are 400 code points before.
            const decomposed = "e\u0301";
            const response = await create({ name: decomposed.repeat(200), description: `Caf${decomposed}`, location: `Z${decomposed}rich` });
            assert.strictEqual(response.statusCode, 201, response.text);
            assert.strictEqual(response.json?.name, "\u00e9".repeat(200));
            assert.strictEqual(response.json?.description, "Caf\u00e9");
            assert.strictEqual(response.json?.location, "Z\u00e9rich");
            const stored = (await api.table.items()).find((item) => item.id === response.json?.id);
            assert.strictEqual(stored?.description, "Caf\u00e9");
        });

        it("accepts the first and last instants of the years 1900 to 9999", async () => {
            for (const startsAt of ["1900-01-01T00:00:00Z", "9999-12-31T23:59:59.999+14:00"]) {
                const response = await create({ name: "x", startsAt });
                assert.strictEqual(response.statusCode, 201, `${startsAt}: ${response.text}`);
            }
        });

        it("accepts every field at its limit, and real dates with any offset", async () => {
            const response = await create({
                name: ` ${"n".repeat(200)} `,
                startsAt: "2032-02-29T23:59:59.123-09:30",
                location: "l".repeat(200),
                description: "😀".repeat(2000),
            });
            assert.strictEqual(response.statusCode, 201, response.text);
        });
    });

    describe("Idempotency-Key", () => {
        it("returns the first event again for the same key and body, storing one item", async () => {
            const key = `replay-${Date.now()}`;
            const first = await create({ name: "Once", location: "Here" }, { "Idempotency-Key": key });
            // Same event, other key order and spacing: the same request.
            const again = await api.invoke("create-event", {
                headers: { "content-type": "application/json", "idempotency-key": key },
                body: '{ "location": "Here",  "name": "Once" }',
            });
            assert.strictEqual(first.statusCode, 201);
            assert.strictEqual(again.statusCode, 201);
            assert.deepStrictEqual(again.json, first.json);
            assert.strictEqual(again.headers.location, first.headers.location);
            assert.strictEqual(again.headers["idempotent-replayed"], "true");
            assert.strictEqual(first.headers["idempotent-replayed"], undefined);
            const stored = (await api.table.items()).filter((item) => item.id === first.json?.id);
            assert.strictEqual(stored.length, 1);
            assert.deepStrictEqual(Object.keys(first.json!), ["id", "name", "location", "createdAt"]);
        });

        it("answers 422 when the key is reused with another body, leaving the first event as it was", async () => {
            const key = `reuse-${Date.now()}`;
            const first = await create({ name: "First" }, { "idempotency-key": key });
            const before = await api.table.items();
            const reused = await create({ name: "Second" }, { "idempotency-key": key });
            assert.strictEqual(reused.statusCode, 422);
            assert.deepStrictEqual(reused.json, { message: "Idempotency-Key already used with another body", code: "idempotency-key-reused" });
            assert.deepStrictEqual(await api.table.items(), before);
            const get = await api.invoke("get-event", { pathParameters: { id: String(first.json?.id) } });
            assert.strictEqual(get.json?.name, "First");
        });

        it("creates exactly one item for 20 concurrent requests with one key, with the same id every time", async () => {
            const key = `concurrent-${Date.now()}`;
            const responses = await Promise.all(
                Array.from({ length: 20 }, () => create({ name: "Race" }, { "idempotency-key": key })),
            );
            assert.deepStrictEqual(new Set(responses.map((r) => r.statusCode)), new Set([201]));
            const ids = new Set(responses.map((r) => r.json?.id));
            assert.strictEqual(ids.size, 1);
            const stored = (await api.table.items()).filter((item) => ids.has(String(item.id)));
            assert.strictEqual(stored.length, 1);
            assert.strictEqual(responses.filter((r) => r.headers["idempotent-replayed"] === undefined).length, 1);
        });

        it("gives different keys different events", async () => {
            const a = await create({ name: "Same" }, { "idempotency-key": `a-${Date.now()}` });
            const b = await create({ name: "Same" }, { "idempotency-key": `b-${Date.now()}` });
            assert.notStrictEqual(a.json?.id, b.json?.id);
        });

        for (const [what, key] of [
            ["an empty key", ""],
            ["a key over 255 characters", "k".repeat(256)],
            ["a key with a space", "two words"],
            ["a repeated header (comma-joined)", "one,two"],
        ]) {
            it(`answers 400 to ${what}`, async () => {
                assert.strictEqual(await refused(jsonRequest({ name: "x" }, { "idempotency-key": key }), 400), "Idempotency-Key must be sent once, 1-255 visible ASCII characters, no comma");
            });
        }
    });

    describe("the verified caller (a JWT authorizer's claims)", () => {
        const asCaller = (sub: string, body: unknown, headers: Record<string, string> = {}) =>
            api.invoke("create-event", { ...jsonRequest(body, headers), jwtClaims: { sub, iss: "https://issuer.test", aud: "events-api" } });

        it("records the token's sub as createdBy, in the answer and the table, and shows it to that caller only", async () => {
            const response = await asCaller("user-7f3a", { name: "Mine" });
            assert.strictEqual(response.statusCode, 201, response.text);
            assert.deepStrictEqual(Object.keys(response.json!), ["id", "name", "createdAt", "createdBy"]);
            assert.strictEqual(response.json?.createdBy, "user-7f3a");
            const stored = (await api.table.items()).find((item) => item.id === response.json?.id);
            assert.strictEqual(stored?.createdBy, "user-7f3a");
            const pathParameters = { id: String(response.json?.id) };
            const withoutCreator = { ...response.json };
            delete withoutCreator.createdBy;
            assert.deepStrictEqual((await api.invoke("get-event", { pathParameters })).json, withoutCreator, "a reader without a token");
            assert.deepStrictEqual((await api.invoke("get-event", { pathParameters, jwtClaims: { sub: "someone-else" } })).json, withoutCreator, "another caller");
            assert.deepStrictEqual((await api.invoke("get-event", { pathParameters, jwtClaims: { sub: "user-7f3a" } })).json, response.json, "its owner");
            const listed = (await api.invoke("list-events", { jwtClaims: { sub: "user-7f3a" } })).json?.items as Record<string, unknown>[];
            assert.deepStrictEqual(listed.find((item) => item.id === pathParameters.id), response.json);
            const anonymous = (await api.invoke("list-events", {})).json?.items as Record<string, unknown>[];
            assert.deepStrictEqual(anonymous.find((item) => item.id === pathParameters.id), withoutCreator);
        });

        it("records no createdBy for a token without sub", async () => {
            const response = await api.invoke("create-event", { ...jsonRequest({ name: "Anonymous client" }), jwtClaims: { client_id: "machine" } });
            assert.strictEqual(response.statusCode, 201, response.text);
            assert.deepStrictEqual(Object.keys(response.json!), ["id", "name", "createdAt"]);
        });

        it("scopes a key by caller: replayed to the caller who used it, another event for another caller", async () => {
            const key = `caller-${Date.now()}`;
            const first = await asCaller("alice", { name: "Shared key" }, { "idempotency-key": key });
            const replay = await asCaller("alice", { name: "Shared key" }, { "idempotency-key": key });
            assert.strictEqual(replay.headers["idempotent-replayed"], "true");
            assert.deepStrictEqual(replay.json, first.json);
            const other = await asCaller("bob", { name: "Shared key" }, { "idempotency-key": key });
            assert.strictEqual(other.statusCode, 201, other.text);
            assert.strictEqual(other.headers["idempotent-replayed"], undefined);
            assert.notStrictEqual(other.json?.id, first.json?.id);
            assert.strictEqual(other.json?.createdBy, "bob");
            const anonymous = await create({ name: "Shared key" }, { "idempotency-key": key });
            assert.strictEqual(anonymous.statusCode, 201, anonymous.text);
            assert.deepStrictEqual(new Set([first.json?.id, other.json?.id, anonymous.json?.id]).size, 3);
            const stored = (await api.table.items()).filter((item) => [first.json?.id, other.json?.id, anonymous.json?.id].includes(item.id));
            assert.strictEqual(stored.length, 3);
        });

        it("answers 422 to the same caller reusing its key with another body, changing nothing", async () => {
            const key = `caller-reuse-${Date.now()}`;
            await asCaller("alice", { name: "First" }, { "idempotency-key": key });
            const before = await api.table.items();
            const reused = await asCaller("alice", { name: "Second" }, { "idempotency-key": key });
            assert.strictEqual(reused.statusCode, 422);
            assert.deepStrictEqual(reused.json, { message: "Idempotency-Key already used with another body", code: "idempotency-key-reused" });
            assert.deepStrictEqual(await api.table.items(), before);
        });
    });
});
