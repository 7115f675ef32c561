import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { HttpError, invalidRequest, Problem } from "./errors";

/** Largest accepted request body, in decoded bytes. */
export const maxBodyBytes = 16_384;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * `application/json` or a structured `application/*+json` type (RFC 6839), with no parameter but an
 * optional `charset=utf-8`: JSON is UTF-8 (RFC 8259 section 8.1) and defines no parameter of its own.
 */
const jsonMediaType = /^\s*application\/([\w!#$&^.-]+\+)?json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * The request body as a plain JSON object: checks the content type (415), the decoded size (413), the
 * encoding and the syntax (400). HTTP API base64-encodes bodies it does not treat as text; those bytes
 * must be UTF-8. A string body is text already: a lone surrogate in it can only land in a key (an
 * unknown field) or a value (refused by validation). `__proto__` keys stay own data properties
 * (JSON.parse never sets a prototype), and V8's JSON.parse is iterative, so deep nesting cannot
 * overflow the stack. A body it cannot read is a 400 that also lists the `problems` found before it.
 */
export function readJsonObject(event: APIGatewayProxyEventV2, problems: Problem[] = []): Record<string, unknown> {
    // API Gateway lower-cases header names in payload 2.0 (HTTP API developer guide, "Payload format structure").
    const contentType = event.headers?.["content-type"] ?? "";
    if (!jsonMediaType.test(contentType)) {
        throw new HttpError(415, "unsupported-media-type", "Content-Type must be application/json");
    }
    const body = event.body ?? "";
    const bytes = Buffer.from(body, event.isBase64Encoded ? "base64" : "utf8");
    if (bytes.length > maxBodyBytes) throw new HttpError(413, "payload-too-large", `Request body must be at most ${maxBodyBytes} bytes`);
    try {
        // An empty body is no JSON either.
        const value: unknown = JSON.parse(event.isBase64Encoded ? utf8.decode(bytes) : body);
        if (typeof value === "object" && value && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
        // Refused below, like JSON that is not an object.
    }
    throw invalidRequest([...problems, { field: "body", reason: "must be a JSON object, in UTF-8" }]);
}
