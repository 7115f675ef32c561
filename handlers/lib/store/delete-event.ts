import { documentClient, tableName } from "../dynamo";
import { eventKey } from "./event-item";

/** Deletes an event in one call; `false` when there was none (ALL_OLD returns nothing then). */
export async function deleteEvent(id: string): Promise<boolean> {
    const { Attributes } = await documentClient.delete({ TableName: tableName, Key: eventKey(id), ReturnValues: "ALL_OLD" });
    return Attributes !== undefined;
}
