import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient, tableName } from "../dynamo";
import type { Event } from "../event";
import { eventKey, toEvent } from "./event-item";

export async function getEvent(id: string): Promise<Event | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: eventKey(id) }));
    return Item && toEvent(Item);
}
