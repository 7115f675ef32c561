import { listShardOf, partitionKeyAttribute } from "../../../components/table-schema";
import { documentClient, tableName } from "../dynamo";
import { HttpError } from "../errors";
import { type Event, eventFields, type EventInput } from "../event";
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
 * Creates an event, at most once per Idempotency-Key and without transactions or TTL: the id is
 * derived from the key, so concurrent requests race on one conditional put and exactly one wins;
 * the others read the winner (strongly consistent) and replay it if it holds the same input (and
 * creator: another caller's key is refused, not replayed to them).
 */
export async function createEvent(input: EventInput, key?: string, createdBy?: string): Promise<CreatedEvent> {
    const event: Event = {
        id: newEventId(key),
        ...input,
        createdAt: new Date().toISOString(),
        ...(createdBy && { createdBy }),
    };
    let replayed = false;
    try {
        await documentClient.put({
            TableName: tableName,
            Item: toItem(event, listShardOf(event.id, listShards)),
            // The schema's attribute names are no DynamoDB reserved words (dynalite, which checks, runs every test).
            // Concatenated rather than a template literal: esbuild folds it into one string.
            ConditionExpression: "attribute_not_exists(" + partitionKeyAttribute + ")",
        });
    } catch (error) {
        if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
        // Without a key the id is random (a v4 UUID, 122 random bits), so only this request's own put can
        // hold it: one that landed although the SDK saw it fail (a timeout, a reset) and retried it, the
        // retry's condition then failing on it. The event exists once, as sent: it was created. (With a
        // key, the same case is answered as the replay it is, from the client's side.)
        if (key !== undefined) {
            const { Item } = await readEventItem(event.id);
            // The winner was deleted between our put and this read: a retry succeeds.
            if (!Item) throw new HttpError(409, "Event id conflict; retry the request");
            // The same input gives the same event in every field but its creation time.
            if (eventFields.some((field) => field !== "createdAt" && Item[field] !== event[field])) {
                throw new HttpError(422, "Idempotency-Key was already used with another request body");
            }
            event.createdAt = Item.createdAt;
            replayed = true;
        }
    }
    return { event, replayed };
}
