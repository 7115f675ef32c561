import { createHmac, timingSafeEqual } from "crypto";
import type { Problem } from "./errors";
import { isEventId } from "./event-id";

/** An event's place in the listing order (newest first; the id breaks ties). */
export interface ListPosition {
    createdAt: string;
    id: string;
}

/**
 * Where a listing page ended, as every shard's position. The page took every event newer than its last
 * one from every shard, so each shard resumes right after that same event, `after`, unless it is known
 * to hold nothing older (`exhausted`: that shard is not queried again).
 */
export interface ListCursor {
    after: ListPosition;
    /** One entry per shard, in shard order: the cursor's shard count is its length. */
    exhausted: boolean[];
}

export interface CursorCodec {
    encode(cursor: ListCursor): string;
    /** The cursor a client sent back; undefined, with the reason in `problems`, for anything this codec did not make or made for another shard count. */
    decode(cursor: string, problems: Problem[]): ListCursor | undefined;
}

/** Payload and a 16-byte MAC, both base64url; the payload bound keeps hashing cheap. */
export const cursorPattern = /^([\w-]{1,200})\.([\w-]{22})$/;

/** A server-made `createdAt`: what `toISOString()` gives, and only that (no Feb 30, no other format). */
function isCreatedAt(value: unknown): value is string {
    return typeof value === "string" && new Date(value).toJSON() === value;
}

/**
 * Opaque cursors: base64url JSON `[createdAt, id, "<one 0 or 1 per shard>"]`, then a truncated
 * HMAC-SHA256 of it. The MAC is an integrity check (an edited cursor is a 400, not a malformed key
 * condition reaching DynamoDB); it keys on the table and index names, so a cursor from another table or
 * stage is refused too. Forging one gains nothing: the listing it resumes is public anyway. A cursor
 * made before `listShards` changed no longer names every shard, and is refused with its own reason.
 */
export function cursorCodec(key: string, shards: number): CursorCodec {
    const mac = (payload: string) => createHmac("sha256", key).update(payload).digest().subarray(0, 16);
    return {
        encode({ after, exhausted }) {
            const flags = exhausted.map(Number).join("");
            const payload = Buffer.from(JSON.stringify([after.createdAt, after.id, flags])).toString("base64url");
            return `${payload}.${mac(payload).toString("base64url")}`;
        },
        decode(cursor, problems) {
            const refuse = (reason = "is invalid; pass the nextCursor of a previous page unchanged") => void problems.push({ field: "cursor", reason });
            const [, payload, signature] = cursorPattern.exec(cursor) ?? [];
            if (!payload || !timingSafeEqual(Buffer.from(signature, "base64url"), mac(payload))) return refuse();
            let fields: unknown;
            try {
                fields = JSON.parse(Buffer.from(payload, "base64url").toString());
            } catch {
                // Not JSON: refused below like any other shape this codec does not make.
            }
            const [createdAt, id, flags, ...rest] = Array.isArray(fields) ? fields : [];
            if (!isCreatedAt(createdAt) || !isEventId(id) || typeof flags !== "string" || !/^[01]+$/.test(flags) || rest.length) return refuse();
            if (flags.length !== shards) return refuse(`is from a listing of ${flags.length} shards and this one has ${shards}; list again without a cursor`);
            return { after: { createdAt, id }, exhausted: [...flags].map((flag) => flag === "1") };
        },
    };
}
