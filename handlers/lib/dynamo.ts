import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import { tableNameVariable } from "../../components/table-schema";
import { requireEnv } from "./env";

export const tableName = requireEnv(tableNameVariable);

// Created once per execution environment: warm invocations reuse its connections. The endpoint comes
// from the SDK's own AWS_ENDPOINT_URL_DYNAMODB, which is how the local stack points it at dynalite.
// DynamoDBDocument's methods (put, get, ...) spare each store module its own import of the commands.
export const documentClient = DynamoDBDocument.from(
    new DynamoDBClient({
        // Worst case before the handler answers 503: 2 attempts x 1 s + backoff (<= 50 ms, or <= 1 s
        // after a throttle) ~ 2-3 s, well inside the 10 s function timeout. A healthy in-region call
        // takes single-digit ms, a cold one (TLS handshake) ~100 ms, so 1 s only cuts off a lost table.
        maxAttempts: 2,
        // A plain options object: the SDK builds its NodeHttpHandler from it, so no @smithy/* package is
        // imported (and bundled) here. SDK v3 sets no timeout by default, and @smithy/node-http-handler
        // (4.14 installed) only logs a warning when requestTimeout passes unless throwOnRequestTimeout.
        requestHandler: { connectionTimeout: 1_000, requestTimeout: 1_000, throwOnRequestTimeout: true },
    }),
);
