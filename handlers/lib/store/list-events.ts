import { listIndexNameVariable, listPartition, listPartitionKeyAttribute, listSortKeyAttribute } from "../../../components/table-schema";
import type { ListCursor, ListPosition } from "../cursor";
import { documentClient, tableName } from "../dynamo";
import { requireEnv } from "../env";
import type { Event } from "../event";
import { mergeShards, ShardRead } from "../list-merge";
import { listSortKey, toEvent } from "./event-item";
import { listShards } from "./list-shards";

export const listIndexName = requireEnv(listIndexNameVariable);

export interface EventPage {
    items: Event[];
    /** Where the next page starts; absent on the last page. */
    next?: ListCursor;
}

/** Up to `limit` of one shard's events older than `after` (all of them without it), newest first. */
async function readShard(shard: number, limit: number, after?: ListPosition): Promise<ShardRead> {
    const { Items = [], LastEvaluatedKey } = await documentClient.query({
        TableName: tableName,
        IndexName: listIndexName,
        // "~" sorts after every ISO time, so the first page needs no expression of its own. The schema's
        // attribute names are no DynamoDB reserved words (dynalite, which checks, runs every test).
        KeyConditionExpression: `${listPartitionKeyAttribute} = :pk AND ${listSortKeyAttribute} < :sk`,
        ExpressionAttributeValues: { ":pk": listPartition(shard), ":sk": after ? listSortKey(after) : "~" },
        ScanIndexForward: false,
        Limit: limit,
    });
    return { items: Items, more: LastEvaluatedKey !== undefined };
}

/**
 * One page of events, newest first, from the sharded index (Queries, never a Scan).
 *
 * What a page costs: one Query per shard the cursor does not mark exhausted, all in parallel, each
 * reading at most `limit + 1` items (one shard may hold the whole page; the extra item tells whether
 * another page exists). So at most `listShards * (limit + 1)` items, and per Query half a read unit for
 * each started 4 KB of items (index reads are eventually consistent), at least half a unit. An event
 * reaches the index shortly after its PutItem answers (global secondary indexes are eventually consistent),
 * so a page may miss one created a moment ago; `GET /events/{id}` does not.
 */
export async function listEvents(limit: number, cursor?: ListCursor, caller?: string): Promise<EventPage> {
    const settled = await Promise.allSettled(
        Array.from({ length: listShards }, (_, shard) => (cursor?.exhausted[shard] ? undefined : readShard(shard, limit + 1, cursor?.after))),
    );
    // Every Query has finished before a failure is answered: Lambda freezes the environment when the
    // handler returns, and a request still in flight would resume, and fail, in a later invocation.
    const failed = settled.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    const { items, next } = mergeShards(limit, settled.map((result) => (result as PromiseFulfilledResult<ShardRead | undefined>).value));
    return { items: items.map((item) => toEvent(item, caller)), ...(next && { next }) };
}
