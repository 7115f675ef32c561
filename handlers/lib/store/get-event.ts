import { documentClient, tableName } from "../dynamo";
import type { Event } from "../event";
import { eventKey, toEvent } from "./event-item";

export async function getEvent(id: string): Promise<Event | undefined> {
    const { Item } = await documentClient.get({ TableName: tableName, Key: eventKey(id) });
    return Item && toEvent(Item);
}
