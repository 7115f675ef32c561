import { handlerEnv, tableSchema } from "../../../components/table-schema";
import type { ListPosition } from "../cursor";
import { documentClient, tableName } from "../dynamo";
import { requireEnv } from "../env";
import type { Event } from "../event";
import { eventKey, listKey, listPartition, toEvent } from "./event-item";

export const listIndexName = requireEnv(handlerEnv.listIndexName);

export interface EventPage {
    items: Event[];
    /** Where the next page starts; absent on the last page. */
    next?: ListPosition;
}

/** One page of events, newest first, from the sparse index (a Query, never a Scan). */
export async function listEvents(limit: number, after?: ListPosition): Promise<EventPage> {
    const { Items = [], LastEvaluatedKey } = await documentClient.query({
        TableName: tableName,
        IndexName: listIndexName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": tableSchema.listIndex.partitionKey },
        ExpressionAttributeValues: { ":pk": listPartition },
        ScanIndexForward: false,
        // One extra item tells whether another page exists, so the last page has no cursor.
        Limit: limit + 1,
        ExclusiveStartKey: after && { ...eventKey(after.id), ...listKey(after) },
    });
    const items = Items.slice(0, limit).map(toEvent);
    const last = items.at(-1);
    // Fewer items plus a LastEvaluatedKey means DynamoDB stopped at its 1 MB page size.
    const more = Items.length > limit || LastEvaluatedKey !== undefined;
    return { items, ...(more && last && { next: { createdAt: last.createdAt, id: last.id } }) };
}
