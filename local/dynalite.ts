import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createRequire } from "module";
import type { AddressInfo } from "net";
import type { Server } from "http";
import { settingDefaults } from "../components/settings";
import { createTableInput, handlerEnv, tableSchema } from "../components/table-schema";

// dynalite ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require("dynalite") as (options: Record<string, unknown>) => Server;

/** Loads a module as dynalite itself does: its own dependencies and files, at their versions. */
const requireFromDynalite = createRequire(require.resolve("dynalite"));

/** The LevelDB binding dynalite itself stores a `--persist` directory with (its own dependency, its own version). */
const { Level } = requireFromDynalite("level") as {
    Level: new (location: string) => { open(): Promise<void>; close(): Promise<void> };
};

/**
 * dynalite 4.0 predates ReturnValuesOnConditionCheckFailure (DynamoDB, June 2023): it accepts the parameter
 * and ignores it. DynamoDB answers a failed condition with `ALL_OLD` by adding the item it found, when there
 * is one, to the ConditionalCheckFailedException as `Item`, in attribute-value form
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html#DDB-DeleteItem-request-ReturnValuesOnConditionCheckFailure);
 * the SDK reads it from the error body into the exception's `Item`. This adds the parameter to the three
 * actions' request types (dynalite drops a parameter it does not know) and the item to dynalite's one
 * condition check, which they call with the request and the item found.
 */
for (const action of ["putItem", "deleteItem", "updateItem"]) {
    const { types } = requireFromDynalite(`./validations/${action}`) as { types: Record<string, unknown> };
    types.ReturnValuesOnConditionCheckFailure = { type: "String", enum: ["ALL_OLD", "NONE"] };
}
const dynaliteDb = requireFromDynalite("./db") as {
    checkConditional(data: Record<string, unknown>, existing: unknown): { body: Record<string, unknown> } | null | undefined;
};
const checkConditional = dynaliteDb.checkConditional;
dynaliteDb.checkConditional = (data, existing) => {
    const failed = checkConditional(data, existing);
    if (failed && existing && data.ReturnValuesOnConditionCheckFailure === "ALL_OLD") failed.body.Item = existing;
    return failed;
};

/** Another process (another `npm start -- --persist DIR`) holds the directory's LevelDB lock. */
export class PersistDirInUseError extends Error {}

/**
 * Opens and closes the directory's database once, before dynalite does: dynalite would only meet the
 * lock on its first request, and throw "Database is closed" from inside its server, uncaught.
 */
async function assertNotInUse(dir: string): Promise<void> {
    const db = new Level(dir);
    try {
        await db.open();
    } catch (error) {
        if ((error as { cause?: { code?: string } }).cause?.code === "LEVEL_LOCKED") {
            throw new PersistDirInUseError(`${dir} is in use by another process (another npm start -- --persist ${dir}?): stop it or choose another directory`);
        }
        throw error;
    }
    await db.close();
}

/** The table's name wherever this project runs it locally (in AWS, Pulumi names it). */
export const localTableName = "events";

/** Credentials and region for talking to dynalite; it accepts any. */
export const localAwsEnv = {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
} as const;

export interface LocalDynamo {
    /** `http://127.0.0.1:<port>` */
    endpoint: string;
    port: number;
    server: Server;
    close(): Promise<void>;
}

export interface StartDynaliteOptions {
    /** TCP port; 0 picks a free one. @default 0 */
    port?: number;
    /** LevelDB directory that keeps data between runs. @default - in memory */
    path?: string;
}

/** Starts a dynalite server on loopback; a `path` another process uses is a {@link PersistDirInUseError}. */
export async function startDynalite(options: StartDynaliteOptions = {}): Promise<LocalDynamo> {
    if (options.path) await assertNotInUse(options.path);
    const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, "127.0.0.1", () => {
            server.off("error", reject);
            resolve();
        });
    });
    const port = (server.address() as AddressInfo).port;
    return {
        endpoint: `http://127.0.0.1:${port}`,
        port,
        server,
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections?.();
                server.close(() => resolve());
            }),
    };
}

/** A DynamoDB client for a local endpoint (setup and assertions; handlers build their own). */
export function localClient(endpoint: string): DynamoDBClient {
    return new DynamoDBClient({
        endpoint,
        region: localAwsEnv.AWS_REGION,
        credentials: { accessKeyId: localAwsEnv.AWS_ACCESS_KEY_ID, secretAccessKey: localAwsEnv.AWS_SECRET_ACCESS_KEY },
    });
}

/** Creates the events table and its listing index from the shared schema, unless it exists. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
    const client = localClient(endpoint);
    try {
        try {
            await client.send(new DescribeTableCommand({ TableName: tableName }));
            return;
        } catch (error) {
            if ((error as Error).name !== "ResourceNotFoundException") throw error;
        }
        await client.send(new CreateTableCommand(createTableInput(tableName)));
    } finally {
        client.destroy();
    }
}

/** The environment a handler needs to reach a local table, as the component sets it in AWS. */
export function localHandlerEnv(endpoint: string, tableName: string, listShards = settingDefaults.listShards): Record<string, string> {
    return {
        ...localAwsEnv,
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
        [handlerEnv.tableName]: tableName,
        [handlerEnv.listIndexName]: tableSchema.listIndex.name,
        [handlerEnv.listShards]: String(listShards),
    };
}
