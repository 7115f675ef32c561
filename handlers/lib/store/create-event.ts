import { expiresAtAttribute, listShardOf, partitionKeyAttribute } from "../../../components/table-schema";
import { documentClient, tableName } from "../dynamo";
import { HttpError } from "../errors";
import type { Event, EventInput } from "../event";
import { eventInputRules } from "../event-input";
import { newEventId } from "../idempotency";
import { eventKey, toItem } from "./event-item";
import { listShards } from "./list-shards";

export interface CreatedEvent {
    event: Event;
    /** True when an earlier request with the same Idempotency-Key created it. */
    replayed: boolean;
}

/** An event's item as it is now (strongly consistent): what a conditional put that failed found. */
export function readEventItem(id: string) {
    return documentClient.get({ TableName: tableName, Key: eventKey(id), ConsistentRead: true });
}

/**
 * Creates an event, at most once per caller and Idempotency-Key and without transactions: the id is
 * derived from both, so concurrent requests race on one conditional put and exactly one wins; the others
 * read the winner (strongly consistent) and replay it if it holds the same input. The put also wins over
 * a tombstone past its `expiresAt` (TTL deletes it days later), so a key is spent for the tombstone's day
 * and no longer.
 */
export async function createEvent(input: EventInput, key?: string, createdBy?: string): Promise<CreatedEvent> {
    const now = new Date();
    const event: Event = {
        id: newEventId(key, createdBy),
        ...input,
        createdAt: now.toISOString(),
        ...(createdBy && { createdBy }),
    };
    let replayed = false;
    try {
        await documentClient.put({
            TableName: tableName,
            Item: toItem(event, listShardOf(event.id, listShards)),
            // The schema's attribute names are no DynamoDB reserved words (dynalite, which checks, runs every test).
            // Concatenated rather than a template literal: esbuild folds it into one string.
            ConditionExpression: "attribute_not_exists(" + partitionKeyAttribute + ") OR " + expiresAtAttribute + " < :now",
            ExpressionAttributeValues: { ":now": Math.floor(+now / 1000) },
        });
    } catch (error) {
        if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
        // Without a key the id is random (a v4 UUID, 122 random bits), so only this request's own put can
        // hold it: one that landed although the SDK saw it fail (a timeout, a reset) and retried it, the
        // retry's condition then failing on it. The event exists once, as sent: it was created. (With a
        // key, the same case is answered as the replay it is, from the client's side.)
        if (key !== undefined) {
            const { Item } = await readEventItem(event.id);
            // A tombstone (no createdAt), or none at all: it expired and TTL removed it between our put and
            // this read. Either way the key's event was deleted.
            if (!Item?.createdAt) throw new HttpError(409, "event-deleted", "The event of this Idempotency-Key was deleted; use another key");
            // The same input gives the same event in every field but its creation time (the id, and so the
            // creator, are the same by construction).
            if (Object.keys(eventInputRules).some((field) => Item[field] !== event[field as keyof EventInput])) {
                throw new HttpError(422, "idempotency-key-reused", "Idempotency-Key already used with another body");
            }
            event.createdAt = Item.createdAt;
            replayed = true;
        }
    }
    return { event, replayed };
}
