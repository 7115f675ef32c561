import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { badRequest, HttpError } from "./errors";

/** Largest accepted request body, in decoded bytes. */
export const maxBodyBytes = 16_384;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** `application/json` or a structured `application/*+json` type (RFC 6839), parameters allowed. */
const jsonMediaType = /^\s*application\/([\w!#$&^.-]+\+)?json\s*(;|$)/i;
/** JSON is UTF-8 (RFC 8259 section 8.1): a request that declares another charset is refused. */
const otherCharset = /;\s*charset\s*=\s*(?!"?utf-8"?\s*(;|$))/i;

/**
 * The request body as a plain JSON object: checks the content type (415), the decoded size (413), the
 * encoding and the syntax (400). HTTP API base64-encodes bodies it does not treat as text; those bytes
 * must be UTF-8. A string body is text already: a lone surrogate in it can only land in a key (an
 * unknown field) or a value (refused by validation). `__proto__` keys stay own data properties
 * (JSON.parse never sets a prototype), and V8's JSON.parse is iterative, so deep nesting cannot
 * overflow the stack.
 */
export function readJsonObject(event: APIGatewayProxyEventV2): Record<string, unknown> {
    // API Gateway lower-cases header names in payload 2.0 (HTTP API developer guide, "Payload format structure").
    const contentType = event.headers?.["content-type"] ?? "";
    if (!jsonMediaType.test(contentType) || otherCharset.test(contentType)) {
        throw new HttpError(415, "Content-Type must be application/json");
    }
    const body = event.body ?? "";
    const bytes = Buffer.from(body, event.isBase64Encoded ? "base64" : "utf8");
    if (bytes.length > maxBodyBytes) throw new HttpError(413, `Request body must be at most ${maxBodyBytes} bytes`);
    if (!bytes.length) throw badRequest("Request body is required");
    let value: unknown;
    try {
        value = JSON.parse(event.isBase64Encoded ? utf8.decode(bytes) : body);
    } catch {
        throw badRequest("Request body is not valid JSON in UTF-8");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw badRequest("Request body must be a JSON object");
    }
    return value as Record<string, unknown>;
}
