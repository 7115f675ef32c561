/**
 * The table schema, shared by the component (which creates the table in AWS) and the local stack
 * (which creates it in dynalite), and read by the handlers through their environment.
 *
 * One on-demand table keyed by `pk`. Event items carry the listing attributes; any other item kind
 * leaves them out, which keeps the listing index sparse: a Query on it sees events only.
 */
// Each name is a constant of its own: a handler bundle then inlines the few it uses as literals
// instead of carrying the objects below (every handler bundle has a 5,000-byte budget).
export const partitionKeyAttribute = "pk";
/** The event's listing shard, `listPartition(shard)`: `listShards` index partitions, each sorted by the sort key. */
export const listPartitionKeyAttribute = "listPk";
/** `<createdAt ISO>#<id>`: newest first with ScanIndexForward=false, unique per item. */
export const listSortKeyAttribute = "listSk";

/**
 * Epoch seconds after which DynamoDB's time to live deletes the item: set on tombstones only. TTL deletes
 * within days of that time, not at it, so the handlers treat an item past it as gone themselves.
 */
export const expiresAtAttribute = "expiresAt";

export const tableNameVariable = "TABLE_NAME";
export const listIndexNameVariable = "LIST_INDEX_NAME";
export const listShardsVariable = "LIST_SHARDS";
/** The `adminScopes` setting, space-separated, for the routes that let an admin act on anyone's event. */
export const adminScopesVariable = "ADMIN_SCOPES";

export const tableSchema = {
    partitionKey: partitionKeyAttribute,
    listIndex: { name: "events-by-created-at", partitionKey: listPartitionKeyAttribute, sortKey: listSortKeyAttribute },
} as const;

/** Environment variable names the handlers read, set by the component and the local stack alike. */
export const handlerEnv = {
    tableName: tableNameVariable,
    listIndexName: listIndexNameVariable,
    listShards: listShardsVariable,
    adminScopes: adminScopesVariable,
} as const;

/**
 * The most listing shards a stack may have. A page queries every shard, so its read units grow with the
 * count (16x one shard's at 16, measured by `npm run bench -- --only list`), while the write ceiling 16
 * shards buy, about 16,000 small creates a second, is already past API Gateway's default account quota
 * of 10,000 requests a second (docs/listing.md).
 */
export const maxListShards = 16;

/**
 * The index partition key value of a shard. Shard 0 keeps the value every event had before the index
 * was sharded (`EVENT`), so a stack that raises `listShards` from 1 keeps listing its existing events.
 */
export function listPartition(shard: number): string {
    return shard ? `EVENT#${shard}` : "EVENT";
}

/**
 * The shard an event is written to, from its id alone: the id's first 32 bits (random in a v4 UUID,
 * SHA-1 output in the v5 ids derived from an Idempotency-Key), modulo the shard count. It is stored
 * with the event and never rewritten, so an event stays in the shard it was created in.
 */
export function listShardOf(id: string, shards: number): number {
    return parseInt(id.slice(0, 8), 16) % shards;
}

/** The attribute definitions and key schema in DynamoDB's CreateTable shape. */
export function createTableInput(tableName: string) {
    const { partitionKey, listIndex } = tableSchema;
    return {
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST" as const,
        AttributeDefinitions: [
            { AttributeName: partitionKey, AttributeType: "S" as const },
            { AttributeName: listIndex.partitionKey, AttributeType: "S" as const },
            { AttributeName: listIndex.sortKey, AttributeType: "S" as const },
        ],
        KeySchema: [{ AttributeName: partitionKey, KeyType: "HASH" as const }],
        GlobalSecondaryIndexes: [
            {
                IndexName: listIndex.name,
                KeySchema: [
                    { AttributeName: listIndex.partitionKey, KeyType: "HASH" as const },
                    { AttributeName: listIndex.sortKey, KeyType: "RANGE" as const },
                ],
                Projection: { ProjectionType: "ALL" as const },
            },
        ],
    };
}
