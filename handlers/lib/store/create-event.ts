import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "crypto";
import { tableSchema } from "../../../components/table-schema";
import { documentClient, tableName } from "../dynamo";
import { ConflictError, UnprocessableEntityError } from "../errors";
import type { Event, EventInput } from "../event";
import { eventIdForKey, inputHash } from "../idempotency";
import { eventKey, toEvent, toItem } from "./event-item";

/** Stored on events created with an Idempotency-Key, to tell a replay from a reuse with another body. */
const inputHashAttribute = "inputHash";

export interface CreatedEvent {
    event: Event;
    /** True when an earlier request with the same Idempotency-Key created it. */
    replayed: boolean;
}

function newEvent(id: string, input: EventInput): Event {
    return { id, ...input, createdAt: new Date().toISOString() };
}

/** Puts the item unless its key exists; `false` when it did. */
async function putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    try {
        await documentClient.send(
            new PutCommand({
                TableName: tableName,
                Item: item,
                ConditionExpression: "attribute_not_exists(#pk)",
                ExpressionAttributeNames: { "#pk": tableSchema.partitionKey },
            }),
        );
        return true;
    } catch (error) {
        if ((error as Error).name === "ConditionalCheckFailedException") return false;
        throw error;
    }
}

/** Creates an event with a random id; the condition guards against (astronomically unlikely) reuse. */
export async function createEvent(input: EventInput): Promise<CreatedEvent> {
    const event = newEvent(randomUUID(), input);
    if (!(await putIfAbsent(toItem(event)))) throw new ConflictError("Event id collision; retry the request");
    return { event, replayed: false };
}

/**
 * Creates the event for an Idempotency-Key at most once, without transactions or TTL: the id is
 * derived from the key, so concurrent requests race on one conditional put and exactly one wins;
 * the others read the winner (strongly consistent) and compare the stored input hash.
 */
export async function createEventOnce(input: EventInput, key: string): Promise<CreatedEvent> {
    const hash = inputHash(input);
    const event = newEvent(eventIdForKey(key), input);
    if (await putIfAbsent(toItem(event, { [inputHashAttribute]: hash }))) return { event, replayed: false };
    const { Item } = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: eventKey(event.id), ConsistentRead: true }),
    );
    if (Item === undefined) {
        throw new ConflictError("The event for this Idempotency-Key was deleted while this request ran; retry");
    }
    if (Item[inputHashAttribute] !== hash) {
        throw new UnprocessableEntityError("Idempotency-Key was already used with a different request body");
    }
    return { event: toEvent(Item), replayed: true };
}
