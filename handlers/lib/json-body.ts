import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "./errors";
import { header } from "./http";

/** Largest accepted request body, in decoded bytes. */
export const maxBodyBytes = 16 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });
/** With the `u` flag a surrogate pair is one code point, so this matches only unpaired halves. */
export const loneSurrogate = /\p{Cs}/u;

/** `application/json` or a structured `application/*+json` type, with any charset other than UTF-8 refused. */
function isJsonContentType(value: string | undefined): boolean {
    if (value === undefined) return false;
    const [mediaType, ...params] = value.split(";").map((part) => part.trim().toLowerCase());
    if (!/^application\/([a-z0-9!#$&^_.-]+\+)?json$/.test(mediaType)) return false;
    return params.every((param) => !param.startsWith("charset=") || /^charset="?utf-8"?$/.test(param));
}

/** The request body's bytes: HTTP API base64-encodes bodies it does not treat as text. */
function bodyBytes(event: APIGatewayProxyEventV2): Buffer {
    const body = event.body ?? "";
    return event.isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8");
}

function decodeText(event: APIGatewayProxyEventV2, bytes: Buffer): string {
    if (!event.isBase64Encoded) {
        // Already a string; a lone surrogate is the only way it can be broken.
        const text = event.body ?? "";
        if (loneSurrogate.test(text)) throw new BadRequestError("Request body is not valid UTF-8");
        return text;
    }
    try {
        return utf8.decode(bytes);
    } catch {
        throw new BadRequestError("Request body is not valid UTF-8");
    }
}

/**
 * The request body as a plain JSON object: checks the content type (415), the decoded size (413), the
 * encoding and the syntax (400). `__proto__` keys stay own data properties (JSON.parse never sets a
 * prototype), and V8's JSON.parse is iterative, so deep nesting cannot overflow the stack.
 */
export function readJsonObject(event: APIGatewayProxyEventV2): Record<string, unknown> {
    if (!isJsonContentType(header(event, "content-type"))) {
        throw new UnsupportedMediaTypeError("Content-Type must be application/json");
    }
    const bytes = bodyBytes(event);
    if (bytes.length > maxBodyBytes) {
        throw new PayloadTooLargeError(`Request body must be at most ${maxBodyBytes} bytes`);
    }
    if (bytes.length === 0) throw new BadRequestError("Request body is required");
    let value: unknown;
    try {
        value = JSON.parse(decodeText(event, bytes));
    } catch (error) {
        if (error instanceof BadRequestError) throw error;
        throw new BadRequestError("Request body is not valid JSON");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new BadRequestError("Request body must be a JSON object");
    }
    return value as Record<string, unknown>;
}
