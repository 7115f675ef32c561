import { documentClient, tableName } from "../dynamo";
import type { Event } from "../event";
import { eventKey, toEvent } from "./event-item";

/**
 * The event, or undefined for none (a tombstone has no `createdAt`). Strongly consistent, so an event is
 * readable as soon as its POST has answered: a read unit per 4 KB instead of half of one.
 */
export async function getEvent(id: string, caller?: string): Promise<Event | undefined> {
    const { Item } = await documentClient.get({ TableName: tableName, Key: eventKey(id), ConsistentRead: true });
    return Item?.createdAt ? toEvent(Item, caller) : undefined;
}
