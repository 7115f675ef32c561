import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { createHash } from "crypto";
import { badRequest } from "./errors";

/** 1..255 visible ASCII characters; no comma, since API Gateway joins repeated headers with one. */
const idempotencyKeyPattern = /^[\x21-\x2b\x2d-\x7e]{1,255}$/;

/** UUID v5 namespace for event ids derived from an Idempotency-Key (random, fixed for this API). */
const idempotencyNamespace = Buffer.from("6f1d2c4e8b3a4f0e9d7c5b1a2e3f4d6c", "hex");

/** The `Idempotency-Key` header, if sent. */
export function idempotencyKey(event: APIGatewayProxyEventV2): string | undefined {
    const key = event.headers?.["idempotency-key"];
    if (key !== undefined && !idempotencyKeyPattern.test(key)) {
        throw badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters, no commas");
    }
    return key;
}

/** A name-based UUID v5 (RFC 9562 section 5.5): SHA-1 of namespace and name, version and variant set. */
export function uuidV5(namespace: Buffer, name: string): string {
    const hash = createHash("sha1").update(namespace).update(name).digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    return hash.toString("hex", 0, 16).replace(/(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}

/**
 * The id of a new event: random, or derived from its Idempotency-Key, so every request with the same
 * key targets the same item and the conditional put lets exactly one of them create it.
 */
export function newEventId(key: string | undefined): string {
    // The global Web Crypto's randomUUID is node:crypto's, without an import for the bundle to carry.
    return key === undefined ? crypto.randomUUID() : uuidV5(idempotencyNamespace, key);
}
