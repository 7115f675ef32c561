import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "crypto";
import { ensureTable, localClient, localHandlerEnv, startDynalite } from "../../local/dynalite";

export interface TestTable {
    endpoint: string;
    tableName: string;
    /** The environment the component would give a handler for this table. */
    env: Record<string, string>;
    documentClient: DynamoDBDocumentClient;
    /** Every item in the table, for assertions (tests may Scan; handlers never do). */
    items(): Promise<Record<string, unknown>[]>;
    close(): Promise<void>;
}

/** A real dynalite server on a free port with a freshly created events table, listed over `listShards` shards. */
export async function startTestTable(listShards?: number): Promise<TestTable> {
    const dynamo = await startDynalite();
    const tableName = `events-${randomUUID()}`;
    await ensureTable(dynamo.endpoint, tableName);
    const client = localClient(dynamo.endpoint);
    const documentClient = DynamoDBDocumentClient.from(client);
    return {
        endpoint: dynamo.endpoint,
        tableName,
        env: localHandlerEnv(dynamo.endpoint, tableName, listShards),
        documentClient,
        async items() {
            const { Items = [] } = await documentClient.send(new ScanCommand({ TableName: tableName }));
            return Items;
        },
        async close() {
            client.destroy();
            await dynamo.close();
        },
    };
}
