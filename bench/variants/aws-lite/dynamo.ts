/**
 * The peer variant's `handlers/lib/dynamo.ts`: the same exports (`tableName`, and a `documentClient`
 * with the four calls the store modules make), made with aws-lite (@aws-lite/client and its
 * @aws-lite/dynamodb plugin) instead of the AWS SDK. The bench builds the handlers with this file in
 * place of ours (BundleOptions.substitute), so every other line of them is the same code. aws-lite is not
 * in the Lambda runtime: the bundle carries it.
 */
import awsLite from "@aws-lite/client";
import dynamodb from "@aws-lite/dynamodb";
import type {
    DeleteCommandInput,
    DeleteCommandOutput,
    GetCommandInput,
    GetCommandOutput,
    PutCommandInput,
    PutCommandOutput,
    QueryCommandInput,
    QueryCommandOutput,
} from "@aws-sdk/lib-dynamodb";
import { tableNameVariable } from "../../../components/table-schema";
import { requireEnv } from "../../../handlers/lib/env";

export const tableName = requireEnv(tableNameVariable);

type Call = (input: object) => Promise<Record<string, unknown>>;
type DynamoDbPlugin = { DynamoDB: Record<"GetItem" | "PutItem" | "DeleteItem" | "Query", Call> };

// Created once per execution environment, as ours is, and awaited by the first call (the prime, during
// Init). aws-lite's limits against ours (2 attempts, 1 s connection and request timeouts):
// - `retries: 1` is 2 attempts, with aws-lite's backoff (up to 100 ms before the retry) for throttling,
//   clock skew, 5xx and the connection errors it lists.
// - it has no connection or request timeout at all (no option; its http.request sets none), so a table
//   that accepts connections and never answers holds the prime (and so Init) and each request until
//   Lambda's timeouts, where ours answers 503 after ~2 s.
// aws-lite reads AWS_ENDPOINT_URL but not the SDK's per-service AWS_ENDPOINT_URL_DYNAMODB, the variable
// the local stack (and the bench) point the handlers at dynalite with; in AWS neither is set.
const client = awsLite({
    plugins: [dynamodb],
    retries: 1,
    ...(process.env.AWS_ENDPOINT_URL_DYNAMODB && { endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }),
}) as unknown as Promise<DynamoDbPlugin>;

/**
 * aws-lite's error in the SDK's terms, which the handlers read: `name` is the exception's (the plugin
 * sets it, ConditionalCheckFailedException included, and the item of ReturnValuesOnConditionCheckFailure
 * stays on the error as `Item`); a 5xx gets the SDK's `$fault: "server"`; a socket error, whose `code`
 * aws-lite drops and keeps only in the message, gets its `code` back (handlers/lib/unavailable.ts).
 */
export function sdkError(error: unknown): unknown {
    if (!(error instanceof Error)) return error;
    const mapped = error as Error & { statusCode?: number; code?: unknown; $fault?: string };
    if (mapped.statusCode !== undefined && mapped.statusCode >= 500) mapped.$fault = "server";
    const socketCode = mapped.statusCode === undefined ? /\b(E[A-Z_]+)\b/.exec(mapped.message)?.[1] : undefined;
    if (socketCode) mapped.code = socketCode;
    return mapped;
}

async function call<Output>(operation: keyof DynamoDbPlugin["DynamoDB"], input: object): Promise<Output> {
    const aws = await client;
    try {
        return (await aws.DynamoDB[operation](input)) as Output;
    } catch (error) {
        throw sdkError(error);
    }
}

export const documentClient = {
    get: (input: GetCommandInput) => call<GetCommandOutput>("GetItem", input),
    put: (input: PutCommandInput) => call<PutCommandOutput>("PutItem", input),
    delete: (input: DeleteCommandInput) => call<DeleteCommandOutput>("DeleteItem", input),
    query: (input: QueryCommandInput) => call<QueryCommandOutput>("Query", input),
};
