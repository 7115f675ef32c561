import * as assert from "assert";
import { createHmac } from "crypto";
import { cursorCodec } from "../../../handlers/lib/cursor";
import { isDateTimeWithOffset } from "../../../handlers/lib/date-time";
import { newEventId, uuidV5 } from "../../../handlers/lib/idempotency";
import { toEvent } from "../../../handlers/lib/store/event-item";
import { isUnavailable } from "../../../handlers/lib/unavailable";

describe("handler lib", () => {
    describe("uuidV5", () => {
        it("matches the RFC 9562 example for www.example.com in the DNS namespace", () => {
            const dns = Buffer.from("6ba7b8109dad11d180b400c04fd430c8", "hex");
            assert.strictEqual(uuidV5(dns, "www.example.com"), "2ed6657d-e927-568b-95e1-2665a8aea6a2");
        });

        it("derives one stable id per Idempotency-Key and caller, the key alone for the anonymous scope", () => {
            assert.strictEqual(newEventId("order-1"), newEventId("order-1"));
            assert.notStrictEqual(newEventId("order-1"), newEventId("order-2"));
            // The name hashed is the key, then the sub after a space (a key has none): RFC 9562 v5 of each.
            const namespace = Buffer.from("6f1d2c4e8b3a4f0e9d7c5b1a2e3f4d6c", "hex");
            assert.strictEqual(newEventId("order-1", "alice"), uuidV5(namespace, "order-1 alice"));
            assert.strictEqual(newEventId("order-1"), uuidV5(namespace, "order-1"));
            assert.notStrictEqual(newEventId("order-1", "alice"), newEventId("order-1", "bob"));
            assert.notStrictEqual(newEventId("order-1", "alice"), newEventId("order-1"));
        });

        it("makes a random v4 id without a key, which no key's v5 id can equal", () => {
            const id = newEventId(undefined);
            assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
            assert.notStrictEqual(newEventId(undefined), id);
            assert.match(newEventId("order-1"), /^[0-9a-f]{8}-[0-9a-f]{4}-5/);
        });
    });

    describe("isDateTimeWithOffset", () => {
        const valid = ["2030-05-01T18:00:00Z", "2032-02-29T00:00:00+14:00", "2000-02-29T12:00:00Z", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2030-12-31T23:59:59.999999999-12:00"];
        const invalid = [
            "2031-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2030-04-31T00:00:00Z", "2030-13-01T00:00:00Z", "2030-00-10T00:00:00Z",
            "2030-05-01T18:60:00Z", "2030-05-01T18:00:60Z", "2030-05-01T18:00:00+24:00", "2030-05-01T18:00Z",
            "2030-05-01 18:00:00Z", "2030-05-01t18:00:00z", "+2030-05-01T18:00:00Z", "2030-05-01T18:00:00+0200",
            "0004-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "+010000-01-01T00:00:00Z",
        ];
        for (const value of valid) it(`accepts ${value}`, () => assert.strictEqual(isDateTimeWithOffset(value), true));
        it("refuses impossible dates and other formats", () => {
            assert.deepStrictEqual(invalid.filter(isDateTimeWithOffset), []);
        });
    });

    describe("cursorCodec", () => {
        const after = { createdAt: "2030-05-01T18:00:00.000Z", id: "0f8fad5b-d9cb-469f-a165-70867728950e" };
        const cursor = { after, exhausted: [false, true, false] };
        /** A payload signed as the codec signs it: what someone who knew the table and index names could forge. */
        const signed = (key: string, fields: unknown) => {
            const payload = Buffer.from(JSON.stringify(fields)).toString("base64url");
            return `${payload}.${createHmac("sha256", key).update(payload).digest().subarray(0, 16).toString("base64url")}`;
        };

        it("round-trips every shard's position through a base64url cursor", () => {
            const codec = cursorCodec("table/index", 3);
            const encoded = codec.encode(cursor);
            assert.match(encoded, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
            assert.deepStrictEqual(JSON.parse(Buffer.from(encoded.split(".")[0], "base64url").toString()), [after.createdAt, after.id, "010"]);
            assert.strictEqual(encoded, signed("table/index", [after.createdAt, after.id, "010"]));
            const problems: unknown[] = [];
            assert.deepStrictEqual(codec.decode(encoded, problems as never[]), cursor);
            assert.deepStrictEqual(problems, []);
        });

        it("stays short with the most shards: one character per shard", () => {
            const encoded = cursorCodec("k", 16).encode({ after, exhausted: Array(16).fill(true) });
            assert.ok(encoded.length <= 140, `${encoded.length} characters`);
            assert.deepStrictEqual(cursorCodec("k", 16).decode(encoded, [])?.exhausted, Array(16).fill(true));
        });

        /** What decoding finds wrong with a cursor: undefined and the problems, or the cursor and none. */
        const decoded = (codec: ReturnType<typeof cursorCodec>, text: string) => {
            const problems: { field: string; reason: string }[] = [];
            return { cursor: codec.decode(text, problems), problems };
        };
        const invalid = { cursor: undefined, problems: [{ field: "cursor", reason: "is invalid; pass the nextCursor of a previous page unchanged" }] };

        it("refuses a cursor made for another table or index", () => {
            const encoded = cursorCodec("table-a/index", 3).encode(cursor);
            assert.deepStrictEqual(decoded(cursorCodec("table-b/index", 3), encoded), invalid);
        });

        it("refuses a cursor made for another shard count, saying so", () => {
            const encoded = cursorCodec("k", 3).encode(cursor);
            assert.deepStrictEqual(decoded(cursorCodec("k", 4), encoded), {
                cursor: undefined,
                problems: [{ field: "cursor", reason: "is from a listing of 3 shards and this one has 4; list again without a cursor" }],
            });
            assert.match(decoded(cursorCodec("k", 1), encoded).problems[0].reason, /of 3 shards and this one has 1;/);
        });

        it("refuses correctly signed payloads of the wrong shape", () => {
            const codec = cursorCodec("k", 3);
            for (const bad of [
                ["2030-05-01T18:00:00Z", after.id, "000"],
                ["2030-02-30T18:00:00.000Z", after.id, "000"],
                [after.createdAt, "x#y", "000"],
                [1, after.id, "000"],
                [after.createdAt, after.id, "0a0"],
                [after.createdAt, after.id, ""],
                [after.createdAt, after.id, 101],
                [after.createdAt, after.id, ["0", "0", "0"]],
                [after.createdAt, after.id, "000", "extra"],
                [after.createdAt, after.id],
                { createdAt: after.createdAt, id: after.id },
                "text",
                null,
            ]) {
                assert.deepStrictEqual(decoded(codec, signed("k", bad)), invalid, JSON.stringify(bad));
            }
        });
    });

    describe("toEvent", () => {
        it("returns every event field in response order, and no key or bookkeeping attribute", () => {
            const item = {
                pk: "EVENT#1", listSk: "x", listPk: "EVENT", createdAt: "c", description: "d", location: "l", startsAt: "s", name: "n", id: "1", inputHash: "h",
            };
            const event = toEvent(item);
            assert.deepStrictEqual(Object.keys(event), ["id", "name", "startsAt", "location", "description", "createdAt"]);
            assert.deepStrictEqual(event, { id: "1", name: "n", startsAt: "s", location: "l", description: "d", createdAt: "c" });
        });

        it("leaves out optional fields the item does not have", () => {
            assert.deepStrictEqual(Object.keys(toEvent({ pk: "EVENT#1", id: "1", name: "n", createdAt: "c" })), ["id", "name", "createdAt"]);
        });
    });

    describe("isUnavailable", () => {
        const named = (name: string) => Object.assign(new Error("x"), { name });
        it("treats throttling, transient service errors, timeouts and refused sockets as unavailable", () => {
            for (const name of ["ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded", "TimeoutError"]) {
                assert.strictEqual(isUnavailable(named(name)), true, name);
            }
            for (const code of ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]) {
                assert.strictEqual(isUnavailable(Object.assign(new Error("connect"), { code })), true, code);
            }
            assert.strictEqual(isUnavailable(Object.assign(new Error("x"), { name: "InternalServerError", $fault: "server" })), true);
        });

        it("leaves everything else to the 500 path", () => {
            const clientFault = (name: string) => Object.assign(named(name), { $fault: "client" });
            const nodeBug = Object.assign(new TypeError("bad argument"), { code: "ERR_INVALID_ARG_TYPE" });
            for (const error of [clientFault("ValidationException"), clientFault("ResourceNotFoundException"), new TypeError("bug"), nodeBug, "text", null]) {
                assert.strictEqual(isUnavailable(error), false, String(error));
            }
        });
    });
});
