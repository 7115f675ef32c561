import * as assert from "assert";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import * as fc from "fast-check";
import { openApiDocument } from "../../components/openapi";
import { AuthorizationSettings, routeAuthorization } from "../../components/route-authorization";
import { routes } from "../../components/routes";
import { HttpError } from "../../handlers/lib/errors";
import { eventInputRules, validateEventInput } from "../../handlers/lib/event-input";
import { idempotencyKeyPattern } from "../../handlers/lib/idempotency";

type Schema = Record<string, unknown> & { properties: Record<string, Schema> };
interface Document {
    paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string; schema: Schema }[]; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, Schema> };
}

const open: AuthorizationSettings = { writeScopes: [], authorizeReads: false, adminScopes: [] };
const guarded: AuthorizationSettings = {
    jwtIssuer: "https://issuer.example",
    jwtAudiences: ["app"],
    writeScopes: ["events-api/write"],
    authorizeReads: true,
    adminScopes: ["events-api/admin"],
};
const tokenOnly: AuthorizationSettings = { jwtIssuer: "https://issuer.example", jwtAudiences: ["app"], writeScopes: [], authorizeReads: false, adminScopes: [] };

const documentFor = (settings: AuthorizationSettings) =>
    openApiDocument({ authorization: (route) => routeAuthorization(route, settings), jwtIssuer: settings.jwtIssuer, serverUrl: "https://api.example/" }) as unknown as Document;

function operations(document: Document) {
    return Object.fromEntries(Object.values(document.paths).flatMap((methods) => Object.values(methods)).map((operation) => [operation.operationId, operation]));
}

describe("the OpenAPI document (components/openapi.ts)", () => {
    for (const [what, settings] of [["open", open], ["guarded with scopes and authorizeReads", guarded], ["guarded by a token without scopes", tokenOnly]] as const) {
        it(`is valid OpenAPI 3.1 by the specification's own schema, ${what}`, async () => {
            const result = await new Validator().validate(documentFor(settings) as never);
            assert.deepStrictEqual(result, { valid: true });
        });
    }

    it("has one operation per route of the table, by route name", () => {
        assert.deepStrictEqual(Object.keys(operations(documentFor(open))).sort(), routes.map((route) => route.name).sort());
    });

    it("lists each route's statuses: its handler's (not-owner only with an authorizer), API Gateway's throttle, payload limit and failure, and the authorizer's only where it guards", () => {
        const statuses = (settings: AuthorizationSettings) =>
            Object.fromEntries(Object.entries(operations(documentFor(settings))).map(([id, operation]) => [id, Object.keys(operation.responses).join(" ")]));
        assert.deepStrictEqual(statuses(open), {
            "list-events": "200 400 413 429 500 503",
            "create-event": "201 400 409 413 415 422 429 500 503",
            "get-event": "200 400 404 413 429 500 503",
            "delete-event": "204 400 404 413 429 500 503",
        });
        assert.deepStrictEqual(statuses(guarded), {
            "list-events": "200 400 401 413 429 500 503",
            "create-event": "201 400 401 403 409 413 415 422 429 500 503",
            "get-event": "200 400 401 404 413 429 500 503",
            "delete-event": "204 400 401 403 404 413 429 500 503",
        });
        // Without scopes the authorizer never answers 403; the delete route's handler does, to someone else's event.
        assert.deepStrictEqual(statuses(tokenOnly)["create-event"], "201 400 401 409 413 415 422 429 500 503");
        assert.deepStrictEqual(statuses(tokenOnly)["delete-event"], "204 400 401 403 404 413 429 500 503");
    });

    it("takes the page limits and the id rule from the handlers", () => {
        const { "list-events": list, "get-event": get } = operations(documentFor(open));
        assert.deepStrictEqual(list.parameters?.find((parameter) => parameter.name === "limit")?.schema, { type: "integer", minimum: 1, maximum: 100, default: 25 });
        assert.deepStrictEqual(get.parameters?.map(({ name, in: where, schema }) => [name, where, schema.pattern]), [["id", "path", "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"]]);
    });

    describe("event schemas, checked against the create route's own validation", () => {
        const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
        const { schemas } = documentFor(open).components;
        ajv.addSchema({ $id: "doc", $defs: schemas });
        const stored = (field: string) => ajv.compile({ $ref: `doc#/$defs/Event/properties/${field}` });
        const requested = (field: string) => ajv.compile({ $ref: `doc#/$defs/EventInput/properties/${field}` });

        /** The create route's verdict on `value` as the field, and the value it stores. */
        function handlerVerdict(field: string, value: string): { accepted: boolean; stored?: string } {
            try {
                const input = validateEventInput({ name: "x", [field]: value }) as unknown as Record<string, string>;
                return { accepted: true, stored: input[field] };
            } catch (error) {
                if (!(error instanceof HttpError)) throw error;
                return { accepted: false };
            }
        }

        // Letters and the characters the rules are about: spaces, tab, newline, controls, bidi controls,
        // a decomposed accent (NFC makes one character of two), an emoji (one code point, two UTF-16 units),
        // a lone surrogate, the line separator and a no-break space.
        const character = fc.constantFrom("a", "Z", " ", "\t", "\n", "\u0000", "\u001b", "\u007f", "\u0085", "\u202e", "\u2067", "e\u0301", "é", "😀", "\ud800", "\u2028", "\u00a0");
        const text = (max: number) => fc.oneof(fc.array(character, { maxLength: 12 }).map((parts) => parts.join("")), fc.array(character, { minLength: max - 2, maxLength: max + 2 }).map((parts) => parts.join("")));

        for (const field of ["name", "location", "description"] as const) {
            it(`accepts as ${field} exactly what the create route stores, in the form it stores it, and every stored value a request may send`, () => {
                const isStored = stored(field);
                const isRequest = requested(field);
                fc.assert(
                    fc.property(text(eventInputRules[field].max!), (value) => {
                        const verdict = handlerVerdict(field, value);
                        const normalised = eventInputRules[field].trim ? value.normalize().trim() : value.normalize();
                        assert.strictEqual(isStored(normalised), verdict.accepted, `${JSON.stringify(value)}: ${JSON.stringify(isStored.errors)}`);
                        if (verdict.accepted) {
                            assert.strictEqual(verdict.stored, normalised);
                            assert.ok(isRequest(verdict.stored), `the stored ${JSON.stringify(verdict.stored)} is no valid request`);
                        }
                    }),
                    { numRuns: 500 },
                );
            });
        }

        it("accepts as startsAt the date-times the create route accepts, and refuses the ones it refuses", () => {
            const isStored = stored("startsAt");
            for (const value of ["2030-05-01T18:00:00+02:00", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999-23:59", "2028-02-29T12:00:00Z"]) {
                assert.deepStrictEqual([handlerVerdict("startsAt", value).accepted, isStored(value)], [true, true], value);
            }
            for (const value of ["1899-12-31T23:59:59Z", "2030-02-30T00:00:00Z", "2029-02-29T00:00:00Z", "2030-05-01T24:00:00Z", "2030-05-01T18:00:00", "2030-05-01 18:00:00Z", "2030-05-01T18:00:60Z", "tomorrow"]) {
                assert.deepStrictEqual([handlerVerdict("startsAt", value).accepted, isStored(value)], [false, false], value);
            }
        });

        it("gives Idempotency-Key the handler's pattern", () => {
            const header = operations(documentFor(open))["create-event"].parameters?.find((parameter) => parameter.in === "header");
            assert.deepStrictEqual([header?.name, header?.schema.pattern], ["Idempotency-Key", idempotencyKeyPattern.source]);
        });

        it("requires the fields that have a minimum and refuses unknown ones, in requests and in events", () => {
            assert.deepStrictEqual([schemas.EventInput.required, schemas.EventInput.additionalProperties], [["name"], false]);
            assert.deepStrictEqual([schemas.Event.required, schemas.Event.additionalProperties], [["id", "name", "createdAt"], false]);
            assert.deepStrictEqual(Object.keys(schemas.Event.properties), ["id", "name", "startsAt", "location", "description", "createdAt", "createdBy"]);
        });
    });
});
