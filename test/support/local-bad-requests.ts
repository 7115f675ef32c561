import * as fc from "fast-check";
import type { SentRequest } from "./local-http";

/**
 * Generators of malformed requests for the four routes: every one must be refused with a 4xx and
 * change nothing. Each is tagged with the kind of damage, so a failure says what broke.
 */
export interface BadRequest extends SentRequest {
    kind: string;
}

/** How many generated requests test/local/bad-input.test.ts sends (the README's test table says so). */
export const badRequestRuns = 600;

const json = { "content-type": "application/json" };
const post = (kind: string, body: string | Buffer, headers: Record<string, string> = json): BadRequest => ({
    kind,
    method: "POST",
    path: "/events",
    headers,
    body,
});

const fields = ["name", "startsAt", "location", "description"] as const;
const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notJson = fc.oneof(
    fc.string().map((s) => `{${s}`),
    fc.constantFrom("{name:'x'}", '{"name":"x",}', '{"name":"x"', "", " ", "nul", "{'name':'x'}", '{"name":"x"}}', "\u0000"),
);

const nonObject = fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.integer(), fc.string(), fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }));

const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }));

const wrongTypeField = fc.tuple(fc.constantFrom(...fields), wrongType).map(([field, value]) => ({ name: "valid", [field]: value }));

const blankOrOversize = fc.oneof(
    fc.constantFrom("", " ", "\t\n ").map((name) => ({ name })),
    fc.integer({ min: 201, max: 400 }).map((n) => ({ name: "n".repeat(n) })),
    fc.integer({ min: 201, max: 300 }).map((n) => ({ name: "ok", location: "l".repeat(n) })),
    fc.integer({ min: 2001, max: 2500 }).map((n) => ({ name: "ok", description: "d".repeat(n) })),
);

const badStartsAt = fc
    .oneof(
        fc.constantFrom("tomorrow", "2030-05-01", "2030-05-01T18:00:00", "2030-13-01T00:00:00Z", "2030-02-30T00:00:00Z", "2030-05-01T25:00:00Z", "2030-05-01 18:00:00Z", "1714586400"),
        fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-\d{2}-\d{2}T/.test(s)),
    )
    .map((startsAt) => ({ name: "ok", startsAt }));

const unknownOrServerField = fc
    .oneof(
        fc.constantFrom("id", "createdAt", "pk", "listPk", "listSk", "constructor", "prototype"),
        fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !(fields as readonly string[]).includes(k) && k !== "__proto__"),
    )
    .map((key) => ({ name: "ok", [key]: "x" }));

const protoKey = fc.constantFrom(
    '{"name":"x","__proto__":{"admin":true}}',
    '{"__proto__":{"name":"x"}}',
    '{"name":"x","__proto__":null}',
    '{"name":"x","constructor":{"prototype":{"polluted":true}}}',
);

const deepNesting = fc.integer({ min: 500, max: 5000 }).map((depth) => `{"name":"x","location":${"[".repeat(depth)}${"]".repeat(depth)}}`);

const oversizeBody = fc.integer({ min: 16 * 1024 + 1, max: 64 * 1024 }).map((n) => JSON.stringify({ name: "x", description: "d".repeat(n) }));

const invalidUtf8 = fc
    .uint8Array({ minLength: 1, maxLength: 8 })
    .map((bytes) => Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff]), Buffer.from(bytes), Buffer.from([0xc3]), Buffer.from('"}')]));

const wrongContentType = fc
    .constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "application/jsonp", "application/json; charset=latin1", "application/xml", "", "image/png")
    .map((type): Record<string, string> => (type === "" ? {} : { "content-type": type }));

const createRequests: fc.Arbitrary<BadRequest> = fc.oneof(
    notJson.map((body) => post("invalid JSON", body)),
    nonObject.map((value) => post("non-object JSON", JSON.stringify(value))),
    wrongTypeField.map((value) => post("wrong field type", JSON.stringify(value))),
    blankOrOversize.map((value) => post("blank or oversize string", JSON.stringify(value))),
    badStartsAt.map((value) => post("bad startsAt", JSON.stringify(value))),
    unknownOrServerField.map((value) => post("unknown or server-made field", JSON.stringify(value))),
    protoKey.map((body) => post("__proto__ key", body)),
    deepNesting.map((body) => post("deep nesting", body)),
    oversizeBody.map((body) => post("oversize body", body)),
    invalidUtf8.map((body) => post("invalid UTF-8", body)),
    wrongContentType.map((headers) => post("wrong or missing content type", '{"name":"ok"}', headers)),
);

const malformedId = fc
    .oneof(
        fc.constantFrom("x#y", "../x", "..", "\u0000", "EVENT#1", "00000000-0000-4000-8000-00000000000g", " 00000000-0000-4000-8000-000000000000", "00000000000040008000000000000000"),
        fc.string({ minLength: 37, maxLength: 300 }),
        fc.string({ minLength: 1, maxLength: 36 }).filter((s) => !uuidShape.test(s)),
    )
    .map((id) => encodeURIComponent(id))
    .chain((encoded) => fc.constantFrom(encoded, encoded.replace(/%23/g, "#").replace(/%2F/g, "/")))
    .filter((encoded) => !encoded.includes("#"));

const idRequests: fc.Arbitrary<BadRequest> = fc
    .oneof(
        malformedId.map((id) => ({ path: `/events/${id}`, kind: "malformed id" })),
        fc.constantFrom("/events/%00", "/events/%zz", "/events/..%2Fx", "/events/x%2523y").map((path) => ({ path, kind: "malformed id" })),
        fc.constantFrom("/events/../x", "/events/a/b", "/events//x", "/Events/x").map((path) => ({ path, kind: "unmatched path" })),
    )
    .chain((request) => fc.constantFrom("GET", "DELETE").map((method) => ({ ...request, method })));

const badLimit = fc
    .oneof(
        fc.integer({ min: -1000, max: 0 }).map(String),
        fc.integer({ min: 101, max: 1e9 }).map(String),
        fc.constantFrom("", "abc", "1.5", "1e2", "0x10", " 5", "5 ", "+5", "05", "NaN", "Infinity", "10,20"),
        fc.string({ maxLength: 12 }).filter((s) => !/^[1-9]\d{0,2}$/.test(s) || Number(s) > 100),
    )
    .map((limit) => `limit=${encodeURIComponent(limit)}`);

const forgedCursor = fc
    .oneof(
        fc.string({ maxLength: 200 }),
        fc.base64String({ maxLength: 200 }),
        fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? "null").toString("base64url")),
        fc.constantFrom('{"pk":"EVENT#x","listPk":"EVENT","listSk":"z"}').map((v) => Buffer.from(v).toString("base64url")),
    )
    .map((cursor) => `cursor=${encodeURIComponent(cursor)}`);

const listRequests: fc.Arbitrary<BadRequest> = fc.oneof(
    badLimit.map((query) => ({ kind: "bad limit", path: `/events?${query}` })),
    forgedCursor.map((query) => ({ kind: "forged cursor", path: `/events?${query}` })),
    fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 })).map(([a, b]) => ({ kind: "repeated limit", path: `/events?limit=${a}&limit=${b}` })),
);

/** Any malformed request for any of the four routes. */
export const badRequests: fc.Arbitrary<BadRequest> = fc.oneof(
    { arbitrary: createRequests, weight: 5 },
    { arbitrary: idRequests, weight: 2 },
    { arbitrary: listRequests, weight: 2 },
);
