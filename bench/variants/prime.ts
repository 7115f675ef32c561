import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { tableSchema } from "../../components/table-schema";
import { documentClient, tableName } from "../../handlers/lib/dynamo";

/**
 * Primes the handlers' own DynamoDB client during Init: one GetItem of a key no event can have
 * (event keys are `EVENT#<uuid>`) runs the SDK's whole request path once (credentials, endpoint
 * rules, signing, marshalling) and opens the keep-alive connection the first invocation then
 * reuses. Failures are ignored: priming must never break a cold start.
 */
export function primeClient(): Promise<void> {
    return documentClient
        .send(new GetCommand({ TableName: tableName, Key: { [tableSchema.partitionKey]: "PRIME#never-an-event" } }))
        .then(
            () => undefined,
            () => undefined,
        );
}
