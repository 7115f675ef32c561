import { version } from "../package.json";
import { cursorPattern } from "../handlers/lib/cursor";
import { dateTimePattern } from "../handlers/lib/date-time";
import { ErrorCode, errorCodes } from "../handlers/lib/error-codes";
import type { EventInput } from "../handlers/lib/event";
import { uuidPattern } from "../handlers/lib/event-id";
import { eventInputRules, TextRule } from "../handlers/lib/event-input";
import { idempotencyKeyPattern } from "../handlers/lib/idempotency";
import { maxBodyBytes } from "../handlers/lib/json-body";
import { pageLimits } from "../handlers/lib/list-query";
import { forbiddenCharacters, lineBreaks } from "../handlers/lib/text-rules";
import { gatewayAnswers, GatewayStatus } from "./gateway-answers";
import type { RouteAuthorization } from "./route-authorization";
import { pathParameterNames, RouteDefinition, routeKey, routes } from "./routes";

/**
 * The API's OpenAPI 3.1 document, made from what the code itself uses: the route table (paths, methods,
 * path parameters, operation ids), each route's authorization (the JWT security scheme and its scopes),
 * the handlers' validation rules (event fields, date-times, ids, Idempotency-Key, page limits, cursors),
 * their error codes (handlers/lib/error-codes.ts) and API Gateway's own answers
 * (components/gateway-answers.ts). `npm start` serves it at `/openapi.json`; a stack exports it as its
 * `openapi` output. The contract tests validate every response of the local API against it.
 */

type Schema = Record<string, unknown>;

export interface OpenApiOptions {
    /** Who may call each route: components/route-authorization.ts's rule for the stack's settings. */
    authorization: (route: RouteDefinition) => RouteAuthorization;
    /** The JWT authorizer's issuer, named in the security scheme. */
    jwtIssuer?: string;
    /** The API's base URL, as the document's one server. */
    serverUrl?: string;
}

/** Where the emulator serves the document (`npm start`); no route of the table may have this path. */
export const openApiPath = "/openapi.json";

/** What the server makes `createdAt` with: `new Date().toISOString()`. */
const isoTimestampPattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** No leading or trailing whitespace (what `trim()` removes is what `\s` matches). */
const trimmedPattern = /^\S(?:[\s\S]*\S)?$/;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** The text a field's rule allows, in words. */
function ruleText(rule: TextRule): string {
    if (rule.dateTime) return "An RFC 3339 date-time with an offset (2030-05-01T18:00:00+02:00), years 1900 to 9999, on a day the calendar has.";
    const length = rule.min ? `${rule.min} to ${rule.max}` : `At most ${rule.max}`;
    const after = rule.trim ? "normalised to NFC and trimmed" : "normalised to NFC";
    const lines = rule.multiline ? ", except tab and newline" : ", tab and newline included";
    return `${length} characters (code points) once ${after}; no control characters${lines}, no bidirectional formatting characters, no unpaired surrogates.`;
}

/**
 * A text field's schema. `stored` is the field as responses carry it (normalised, trimmed); a request's
 * value is checked after the server normalises and trims it, so its schema cannot hold it to the stored
 * form: it asks for at least one non-space character where the stored form has a minimum.
 */
function textSchema(rule: TextRule, stored: boolean): Schema {
    const description = ruleText(rule);
    if (rule.dateTime) return { type: "string", format: "date-time", pattern: dateTimePattern.source, description };
    const forbidden = rule.multiline ? forbiddenCharacters.source : `${forbiddenCharacters.source}|${lineBreaks.source}`;
    const shape = stored && rule.trim ? { pattern: trimmedPattern.source } : rule.min ? { pattern: "\\S" } : {};
    return { type: "string", ...(rule.min && { minLength: rule.min }), maxLength: rule.max, ...shape, not: { pattern: forbidden }, description };
}

function eventFieldSchemas(stored: boolean): Record<string, Schema> {
    return Object.fromEntries(Object.entries(eventInputRules).map(([field, rule]) => [field, textSchema(rule, stored)]));
}

const requiredInputFields = (Object.keys(eventInputRules) as (keyof EventInput)[]).filter((field) => eventInputRules[field].min);

const eventIdSchema: Schema = { type: "string", format: "uuid", pattern: uuidPattern.source, description: "A lowercase UUID the server made." };

/** The schema of each path parameter a route of the table may have. */
const pathParameterSchemas: Record<string, Schema> = { id: eventIdSchema };

const schemas: Record<string, Schema> = {
    EventInput: {
        type: "object",
        description: "A new event. Fields the server makes (`id`, `createdAt`, `createdBy`) and unknown fields are refused.",
        properties: eventFieldSchemas(false),
        required: requiredInputFields,
        additionalProperties: false,
    },
    Event: {
        type: "object",
        properties: {
            id: eventIdSchema,
            ...eventFieldSchemas(true),
            createdAt: { type: "string", format: "date-time", pattern: isoTimestampPattern.source, description: "Server time of creation (UTC, milliseconds)." },
            createdBy: {
                type: "string",
                description: "The `sub` of the token that created the event; only in answers to that same caller (with a JWT authorizer), so no one learns who created what.",
            },
        },
        required: ["id", ...requiredInputFields, "createdAt"],
        additionalProperties: false,
    },
    EventPage: {
        type: "object",
        properties: {
            items: { type: "array", items: ref("Event"), maxItems: pageLimits.max, description: "Newest first." },
            nextCursor: {
                type: ["string", "null"],
                pattern: cursorPattern.source,
                description: "Pass it back unchanged as `cursor` for the next page; null on the last page.",
            },
        },
        required: ["items", "nextCursor"],
        additionalProperties: false,
    },
    Problem: {
        type: "object",
        properties: {
            field: { type: "string", description: "A body field, `body`, a query parameter, `id` or a header name." },
            reason: { type: "string", description: "Why, as the end of a sentence that starts with the field." },
        },
        required: ["field", "reason"],
        additionalProperties: false,
    },
    Error: {
        type: "object",
        description: "A handler's error: API Gateway's `{message}`, with a stable `code` and, on a 400, every problem found.",
        properties: {
            message: { type: "string", minLength: 1, description: "Human text." },
            code: { enum: Object.keys(errorCodes), description: "Stable: what a client branches on." },
            problems: { type: "array", items: ref("Problem"), minItems: 1 },
        },
        required: ["message", "code"],
        additionalProperties: false,
    },
    GatewayError: {
        type: "object",
        description: "API Gateway's own answer (it cannot be customised on an HTTP API): `message` only.",
        properties: { message: { type: "string" } },
        required: ["message"],
        additionalProperties: false,
    },
};

/** What each route's operation says beyond what the route table does. */
interface OperationText {
    summary: string;
    description?: string;
    success: { status: 200 | 201 | 204; description: string; schema?: string; headers?: Record<string, Schema> };
    /** Every code the route's handler may answer (besides those of every handler: internal-error, unavailable). */
    errors: ErrorCode[];
    query?: Schema[];
    headers?: Schema[];
    body?: string;
}

const idempotencyKeyHeader: Schema = {
    name: "Idempotency-Key",
    in: "header",
    required: false,
    description:
        "Makes retries safe: every request of one caller with one key creates at most one event, and a retry with the same body answers it again " +
        "(`Idempotent-Replayed: true`). Keys are the caller's own: another caller's same key is another event. After the event is deleted the key " +
        "answers 409 `event-deleted` for a day, then it is free again.",
    schema: { type: "string", pattern: idempotencyKeyPattern.source },
};

const operationTexts: Record<string, OperationText> = {
    "list-events": {
        summary: "List events, newest first",
        description: "Eventually consistent: an event created a moment ago may be missing from a page for a moment. `GET /events/{id}` is not.",
        success: { status: 200, description: "A page of events.", schema: "EventPage" },
        errors: ["invalid-request"],
        query: [
            { name: "limit", in: "query", required: false, description: "Events per page.", schema: { type: "integer", minimum: 1, maximum: pageLimits.max, default: pageLimits.default } },
            { name: "cursor", in: "query", required: false, description: "The `nextCursor` of the previous page, unchanged.", schema: { type: "string", pattern: cursorPattern.source } },
        ],
    },
    "create-event": {
        summary: "Create an event",
        success: {
            status: 201,
            description: "The event as stored; on a replay of an Idempotency-Key, the event it created.",
            schema: "Event",
            headers: {
                Location: { required: true, description: "The event's URL path.", schema: { type: "string", pattern: `^/events/${uuidPattern.source.slice(1)}` } },
                "Idempotent-Replayed": { required: false, description: "Present on a replay.", schema: { const: "true" } },
            },
        },
        errors: ["invalid-request", "payload-too-large", "unsupported-media-type", "event-deleted", "idempotency-key-reused"],
        headers: [idempotencyKeyHeader],
        body: "EventInput",
    },
    "get-event": {
        summary: "Get an event",
        description: "Strongly consistent: an event is readable as soon as its POST has answered.",
        success: { status: 200, description: "The event.", schema: "Event" },
        errors: ["invalid-request", "not-found"],
    },
    "delete-event": {
        summary: "Delete an event",
        description: "With a JWT authorizer, only the caller's own event, unless the token has an admin scope.",
        success: { status: 204, description: "Deleted." },
        errors: ["invalid-request", "not-owner", "not-found"],
    },
};

/** API Gateway's answer, in words. */
const gatewayAnswerText = (status: GatewayStatus) => `\`${gatewayAnswers[status].message}\`, ${gatewayAnswers[status].when}.`;

/** What every handler may answer, whatever its route. */
const everyHandlersErrors: ErrorCode[] = ["internal-error", "unavailable"];

/** A response's JSON body: the handler's error with these codes, API Gateway's answer, or either. */
function errorContent(codes: ErrorCode[], gateway: GatewayStatus | undefined): Schema {
    const handler = codes.length && {
        allOf: [ref("Error"), { properties: { code: { enum: codes } }, ...(codes.includes("invalid-request") && { required: ["problems"] }) }],
    };
    const fromGateway = gateway && { allOf: [ref("GatewayError"), { properties: { message: { const: gatewayAnswers[gateway].message } } }] };
    const schema = handler && fromGateway ? { oneOf: [handler, fromGateway] } : (handler || fromGateway);
    return { "application/json": { schema } };
}

/** API Gateway's answers on a route: the throttle, the payload limit and a failed function always, the authorizer's on a guarded route. */
function gatewayStatuses(authorization: RouteAuthorization): GatewayStatus[] {
    const authorizer: GatewayStatus[] = authorization.type === "JWT" ? (authorization.scopes?.length ? [401, 403] : [401]) : [];
    return [...authorizer, 413, 429, 500];
}

function operation(route: RouteDefinition, authorization: RouteAuthorization): Schema {
    const text = operationTexts[route.name];
    if (!text) throw new Error(`route ${routeKey(route)} has no operation text in components/openapi.ts`);
    const guarded = authorization.type === "JWT";
    const codes = [...text.errors, ...everyHandlersErrors].filter((code) => guarded || !("needsAuthorizer" in errorCodes[code]));
    const gateway = gatewayStatuses(authorization);
    const statuses = [...new Set([...codes.map((code) => errorCodes[code].status), ...gateway])].sort();
    const responses: Record<string, Schema> = {
        [text.success.status]: {
            description: text.success.description,
            ...(text.success.headers && { headers: text.success.headers }),
            ...(text.success.schema && { content: { "application/json": { schema: ref(text.success.schema) } } }),
        },
    };
    for (const status of statuses) {
        const atStatus = codes.filter((code) => errorCodes[code].status === status);
        const fromGateway = gateway.find((candidate) => candidate === status);
        const descriptions = [
            ...atStatus.map((code) => `\`${code}\`: ${errorCodes[code].description}`),
            ...(fromGateway ? [`API Gateway: ${gatewayAnswerText(fromGateway)}`] : []),
        ];
        responses[status] = {
            description: descriptions.join("\n\n"),
            ...(status === 503 && { headers: { "Retry-After": { required: true, description: "Seconds to wait before retrying.", schema: { type: "integer", minimum: 1 } } } }),
            ...(status === 401 && { headers: { "WWW-Authenticate": { required: true, description: "The Bearer challenge (RFC 6750).", schema: { type: "string", pattern: "^Bearer( |$)" } } } }),
            content: errorContent(atStatus, fromGateway),
        };
    }
    const parameters = [
        ...pathParameterNames(route.path).map((name) => {
            const schema = pathParameterSchemas[name];
            if (!schema) throw new Error(`path parameter {${name}} of ${routeKey(route)} has no schema in components/openapi.ts`);
            return { name, in: "path", required: true, schema };
        }),
        ...(text.query ?? []),
        ...(text.headers ?? []),
    ];
    return {
        operationId: route.name,
        summary: text.summary,
        ...(text.description && { description: text.description }),
        ...(parameters.length && { parameters }),
        ...(text.body && {
            requestBody: {
                required: true,
                description: `JSON (\`application/json\`, or \`application/<type>+json\`, UTF-8), at most ${maxBodyBytes.toLocaleString("en-US")} bytes.`,
                content: { "application/json": { schema: ref(text.body) } },
            },
        }),
        // Any one of the route's scopes will do: one security requirement per scope.
        ...(guarded && { security: authorization.scopes?.length ? authorization.scopes.map((scope) => ({ jwt: [scope] })) : [{ jwt: [] }] }),
        responses,
    };
}

/** The API's OpenAPI 3.1 document for these authorization settings. */
export function openApiDocument(options: OpenApiOptions): Schema {
    const paths: Record<string, Record<string, Schema>> = {};
    for (const route of routes) {
        if (route.path === openApiPath) throw new Error(`route ${routeKey(route)} has the path the local stack serves the OpenAPI document at`);
        (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, options.authorization(route));
    }
    const guarded = routes.some((route) => options.authorization(route).type === "JWT");
    return {
        openapi: "3.1.0",
        info: {
            title: "Events API",
            version,
            description:
                "Every error is JSON with a `message`. A handler's error adds a stable `code` (and, on a 400, `problems`); API Gateway's own answers " +
                `have \`message\` only, such as API Gateway's 404 for a path or method no route has: ${gatewayAnswerText(404)}`,
        },
        // Paths start with "/": a stage URL's own trailing slash would double it.
        ...(options.serverUrl && { servers: [{ url: options.serverUrl.replace(/\/$/, "") }] }),
        paths,
        components: {
            schemas,
            ...(guarded && {
                securitySchemes: {
                    jwt: {
                        type: "http",
                        scheme: "bearer",
                        bearerFormat: "JWT",
                        description: `A JWT${options.jwtIssuer ? ` of ${options.jwtIssuer}` : ""} in \`Authorization\` (\`Bearer \` optional), checked by API Gateway's JWT authorizer.`,
                    },
                },
            }),
        },
    };
}
