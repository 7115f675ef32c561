import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { createHash } from "crypto";
import { BadRequestError } from "./errors";
import type { EventInput } from "./event";
import { header } from "./http";

/** 1..255 visible ASCII characters; no comma, since API Gateway joins repeated headers with one. */
const idempotencyKeyPattern = /^[\x21-\x2b\x2d-\x7e]{1,255}$/;

/** UUID v5 namespace for event ids derived from an Idempotency-Key (random, fixed for this API). */
const idempotencyNamespace = Buffer.from("6f1d2c4e8b3a4f0e9d7c5b1a2e3f4d6c", "hex");

/** The `Idempotency-Key` header, if sent. */
export function idempotencyKey(event: APIGatewayProxyEventV2): string | undefined {
    const key = header(event, "idempotency-key");
    if (key === undefined) return undefined;
    if (!idempotencyKeyPattern.test(key)) {
        throw new BadRequestError("Idempotency-Key must be 1 to 255 visible ASCII characters without commas");
    }
    return key;
}

/** A name-based UUID v5 (RFC 9562 section 5.5): SHA-1 of namespace and name, version and variant set. */
export function uuidV5(namespace: Buffer, name: string): string {
    const hash = createHash("sha1").update(namespace).update(name, "utf8").digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    const hex = hash.subarray(0, 16).toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The event id for a key: every request with the same key targets the same item, so the
 * conditional put lets exactly one of them create it.
 */
export function eventIdForKey(key: string): string {
    return uuidV5(idempotencyNamespace, key);
}

/** Hash of the validated input in a fixed field order: the same event sent twice hashes the same. */
export function inputHash(input: EventInput): string {
    const canonical = JSON.stringify([input.name, input.startsAt, input.location, input.description]);
    return createHash("sha256").update(canonical, "utf8").digest("base64url");
}
