import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { createHash } from "crypto";
import type { Problem } from "./errors";

/** 1..255 visible ASCII characters; no comma, since API Gateway joins repeated headers with one. */
export const idempotencyKeyPattern = /^[\x21-\x2b\x2d-\x7e]{1,255}$/;

/** UUID v5 namespace for event ids derived from an Idempotency-Key (random, fixed for this API). */
const idempotencyNamespace = Buffer.from("6f1d2c4e8b3a4f0e9d7c5b1a2e3f4d6c", "hex");

/** The `Idempotency-Key` header, if sent; a malformed one is added to `problems`. */
export function idempotencyKey(event: APIGatewayProxyEventV2, problems: Problem[]): string | undefined {
    const key = event.headers?.["idempotency-key"];
    if (key === undefined || idempotencyKeyPattern.test(key)) return key;
    problems.push({ field: "Idempotency-Key", reason: "must be sent once, 1-255 visible ASCII characters, no comma" });
    return undefined;
}

/** A name-based UUID v5 (RFC 9562 section 5.5): SHA-1 of namespace and name, version and variant set. */
export function uuidV5(namespace: Buffer, name: string): string {
    const hash = createHash("sha1").update(namespace).update(name).digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    return hash.toString("hex", 0, 16).replace(/(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}

/**
 * The id of a new event: random (v4), or derived (v5) from its Idempotency-Key within the caller's scope,
 * so every request of one caller with one key targets the same item and the conditional put lets exactly
 * one of them create it, while another caller's same key names another item. The scope is the token's
 * `sub`; requests without one (open writes, a token without `sub`) share one anonymous scope, the key
 * alone, which is also what every key named before keys were scoped. A key has no space, so the name
 * `key sub` cannot be read two ways.
 */
export function newEventId(key: string | undefined, caller?: string): string {
    // The global Web Crypto's randomUUID is node:crypto's, without an import for the bundle to carry.
    return key === undefined ? crypto.randomUUID() : uuidV5(idempotencyNamespace, caller ? `${key} ${caller}` : key);
}

