import { maxBodyBytes } from "./json-body";

/**
 * Every error a handler answers, by its stable `code`: its status and what it means. Handlers import
 * this file's type only (errors.ts checks each `HttpError`'s status against it), so no bundle carries the
 * table; the OpenAPI document (components/openapi.ts) and docs/api.md are made from it.
 */
export const errorCodes = {
    "invalid-request": {
        status: 400,
        description: "Something in the request is wrong (a body field, the body, a query parameter, the id, a header): `problems` names every field with its reason.",
    },
    "not-owner": {
        status: 403,
        /** Callers are known only through the JWT authorizer: without one, anyone may delete any event. */
        needsAuthorizer: true,
        description: "The event was created by another caller: only its creator, or a token with an admin scope, may delete it.",
    },
    "not-found": { status: 404, description: "No event has this id (or it was deleted)." },
    "event-deleted": {
        status: 409,
        description: "The event this caller's Idempotency-Key created has been deleted; the key stays spent for a day after the delete, so a retry is not taken for a new event. Send another key.",
    },
    "payload-too-large": { status: 413, description: `The body is over ${maxBodyBytes.toLocaleString("en-US")} bytes.` },
    "unsupported-media-type": { status: 415, description: "The body is not `application/json` (nor `application/<type>+json`), or has a parameter other than `charset=utf-8`." },
    "idempotency-key-reused": { status: 422, description: "This caller already used the Idempotency-Key with another body." },
    "internal-error": { status: 500, description: "Something failed that is not the client's doing; the function's log has the details under the request id." },
    unavailable: { status: 503, description: "The table is throttled or cannot be reached: retry after `Retry-After` seconds." },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** The status an error code comes with. */
export type ErrorStatus<C extends ErrorCode> = (typeof errorCodes)[C]["status"];
