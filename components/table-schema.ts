/**
 * The table schema, shared by the component (which creates the table in AWS) and the local stack
 * (which creates it in dynalite), and read by the handlers through their environment.
 *
 * One on-demand table keyed by `pk`. Event items carry the listing attributes; any other item kind
 * leaves them out, which keeps the listing index sparse: a Query on it sees events only.
 */
export const tableSchema = {
    partitionKey: "pk",
    listIndex: {
        name: "events-by-created-at",
        /** Constant `EVENT` on event items: one index partition, sorted by the sort key. */
        partitionKey: "listPk",
        /** `<createdAt ISO>#<id>`: newest first with ScanIndexForward=false, unique per item. */
        sortKey: "listSk",
    },
} as const;

/** Environment variable names the handlers read, set by the component and the local stack alike. */
export const handlerEnv = {
    tableName: "TABLE_NAME",
    listIndexName: "LIST_INDEX_NAME",
} as const;

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
