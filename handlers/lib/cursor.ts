import { createHmac, timingSafeEqual } from "crypto";
import { badRequest } from "./errors";
import { isEventId } from "./event-id";

/** Where a listing page ended: the last event returned (newest first). */
export interface ListPosition {
    createdAt: string;
    id: string;
}

export interface CursorCodec {
    encode(position: ListPosition): string;
    /** The position a client's cursor points at; a 400 for anything this codec did not make. */
    decode(cursor: string): ListPosition;
}

/** Payload and a 16-byte MAC, both base64url; the payload bound keeps hashing cheap. */
const cursorPattern = /^([\w-]{1,200})\.([\w-]{22})$/;

/** A server-made `createdAt`: what `toISOString()` gives, and only that (no Feb 30, no other format). */
function isCreatedAt(value: unknown): value is string {
    return typeof value === "string" && new Date(value).toJSON() === value;
}

/**
 * Opaque cursors: base64url JSON of the position, then a truncated HMAC-SHA256 of it. The MAC is an
 * integrity check (an edited cursor is a 400, not a malformed ExclusiveStartKey reaching DynamoDB);
 * it keys on the table and index names, so a cursor from another table or stage is refused too.
 * Forging one gains nothing: the listing it resumes is public anyway.
 */
export function cursorCodec(key: string): CursorCodec {
    const mac = (payload: string) => createHmac("sha256", key).update(payload).digest().subarray(0, 16);
    return {
        encode({ createdAt, id }) {
            const payload = Buffer.from(JSON.stringify({ createdAt, id })).toString("base64url");
            return `${payload}.${mac(payload).toString("base64url")}`;
        },
        decode(cursor) {
            const [, payload, signature] = cursorPattern.exec(cursor) ?? [];
            if (payload && timingSafeEqual(Buffer.from(signature, "base64url"), mac(payload))) {
                try {
                    const { createdAt, id, ...rest } = JSON.parse(Buffer.from(payload, "base64url").toString());
                    if (isCreatedAt(createdAt) && isEventId(id) && Object.keys(rest).length === 0) return { createdAt, id };
                } catch {
                    // Not JSON, or not an object: refused below like any other cursor this codec did not make.
                }
            }
            throw badRequest("cursor is invalid; pass the nextCursor of a previous page unchanged");
        },
    };
}
