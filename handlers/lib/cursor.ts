import { createHmac, timingSafeEqual } from "crypto";
import { BadRequestError } from "./errors";
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

const macBytes = 16;
const cursorPattern = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{22})$/;
const createdAtPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function invalidCursor(): BadRequestError {
    return new BadRequestError("cursor is invalid; pass the nextCursor of a previous page unchanged");
}

function isPosition(value: unknown): value is ListPosition {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    const { createdAt, id } = value as Record<string, unknown>;
    return (
        Object.keys(value).length === 2 &&
        typeof createdAt === "string" &&
        createdAtPattern.test(createdAt) &&
        !Number.isNaN(Date.parse(createdAt)) &&
        new Date(createdAt).toISOString() === createdAt &&
        typeof id === "string" &&
        isEventId(id)
    );
}

/**
 * Opaque cursors: base64url JSON of the position, then a truncated HMAC-SHA256 of it. The MAC is an
 * integrity check (an edited cursor is a 400, not a malformed ExclusiveStartKey reaching DynamoDB);
 * it keys on the table and index names, so a cursor from another table or stage is refused too.
 * Forging one gains nothing: the listing it resumes is public anyway.
 */
export function cursorCodec(key: string): CursorCodec {
    const mac = (payload: string) => createHmac("sha256", key).update(payload).digest().subarray(0, macBytes);
    return {
        encode(position) {
            const payload = Buffer.from(JSON.stringify({ createdAt: position.createdAt, id: position.id })).toString("base64url");
            return `${payload}.${mac(payload).toString("base64url")}`;
        },
        decode(cursor) {
            const match = cursorPattern.exec(cursor);
            if (!match) throw invalidCursor();
            const [, payload, signature] = match;
            const given = Buffer.from(signature, "base64url");
            if (given.length !== macBytes || !timingSafeEqual(given, mac(payload))) throw invalidCursor();
            let position: unknown;
            try {
                position = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
            } catch {
                throw invalidCursor();
            }
            if (!isPosition(position)) throw invalidCursor();
            return position;
        },
    };
}
