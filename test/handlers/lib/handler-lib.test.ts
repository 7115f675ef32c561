import * as assert from "assert";
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

        it("derives one stable id per Idempotency-Key", () => {
            assert.strictEqual(newEventId("order-1"), newEventId("order-1"));
            assert.notStrictEqual(newEventId("order-1"), newEventId("order-2"));
        });

        it("makes a random v4 id without a key, which no key's v5 id can equal", () => {
            const id = newEventId(undefined);
            assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
            assert.notStrictEqual(newEventId(undefined), id);
            assert.match(newEventId("order-1"), /^[0-9a-f]{8}-[0-9a-f]{4}-5/);
        });
    });

    describe("isDateTimeWithOffset", () => {
        const valid = ["2030-05-01T18:00:00Z", "2032-02-29T00:00:00+14:00", "2000-02-29T12:00:00Z", "0004-02-29T00:00:00Z", "2030-12-31T23:59:59.999999999-12:00"];
        const invalid = [
            "2031-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2030-04-31T00:00:00Z", "2030-13-01T00:00:00Z", "2030-00-10T00:00:00Z",
            "2030-05-01T18:60:00Z", "2030-05-01T18:00:60Z", "2030-05-01T18:00:00+24:00", "2030-05-01T18:00Z",
            "2030-05-01 18:00:00Z", "2030-05-01t18:00:00z", "+2030-05-01T18:00:00Z", "2030-05-01T18:00:00+0200",
        ];
        for (const value of valid) it(`accepts ${value}`, () => assert.strictEqual(isDateTimeWithOffset(value), true));
        it("refuses impossible dates and other formats", () => {
            assert.deepStrictEqual(invalid.filter(isDateTimeWithOffset), []);
        });
    });

    describe("cursorCodec", () => {
        const position = { createdAt: "2030-05-01T18:00:00.000Z", id: "0f8fad5b-d9cb-469f-a165-70867728950e" };

        it("round-trips a position through a base64url cursor", () => {
            const codec = cursorCodec("table/index");
            const cursor = codec.encode(position);
            assert.match(cursor, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
            assert.deepStrictEqual(codec.decode(cursor), position);
        });

        it("refuses a cursor made for another table or index", () => {
            const cursor = cursorCodec("table-a/index").encode(position);
            assert.throws(() => cursorCodec("table-b/index").decode(cursor), { statusCode: 400 });
        });

        it("refuses correctly signed payloads of the wrong shape", () => {
            const codec = cursorCodec("k");
            for (const bad of [
                { createdAt: "2030-05-01T18:00:00Z", id: position.id },
                { createdAt: "2030-02-30T18:00:00.000Z", id: position.id },
                { createdAt: position.createdAt, id: "x#y" },
                { createdAt: 1, id: position.id },
            ]) {
                assert.throws(() => codec.decode(codec.encode(bad as typeof position)), { statusCode: 400 }, JSON.stringify(bad));
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
            for (const name of ["ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded", "InternalServerError", "TimeoutError"]) {
                assert.strictEqual(isUnavailable(named(name)), true, name);
            }
            assert.strictEqual(isUnavailable(Object.assign(new Error("connect"), { code: "ECONNREFUSED" })), true);
        });

        it("leaves everything else to the 500 path", () => {
            for (const error of [named("ValidationException"), named("ResourceNotFoundException"), new TypeError("bug"), "text", null]) {
                assert.strictEqual(isUnavailable(error), false, String(error));
            }
        });
    });
});
