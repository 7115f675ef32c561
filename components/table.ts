import * as aws from "@pulumi/aws";
import { ChildNaming } from "./naming";
import { Settings } from "./settings";
import { createTableInput, expiresAtAttribute } from "./table-schema";

export type TableOptions = Pick<Settings, "pointInTimeRecovery" | "deletionProtection">;

/**
 * The events table, on demand, with the shared schema's key and sparse listing index. With deletion
 * protection on, the table is also Pulumi-`protect`ed: a change that would replace it then fails the
 * preview before any step, instead of creating a new, empty table, repointing every function to it and
 * only then failing to delete the old one (which DynamoDB's deletion protection alone would do).
 */
export function createTable(naming: ChildNaming, options: TableOptions): aws.dynamodb.Table {
    // The shared schema in CreateTable's shape; the table name there is unused (Pulumi auto-names).
    const schema = createTableInput("");
    return new aws.dynamodb.Table(
        naming.name("table"),
        {
            billingMode: "PAY_PER_REQUEST",
            hashKey: schema.KeySchema[0].AttributeName,
            attributes: schema.AttributeDefinitions.map((a) => ({ name: a.AttributeName, type: a.AttributeType })),
            globalSecondaryIndexes: schema.GlobalSecondaryIndexes.map((index) => ({
                name: index.IndexName,
                keySchemas: index.KeySchema.map((k) => ({ attributeName: k.AttributeName, keyType: k.KeyType })),
                projectionType: index.Projection.ProjectionType,
            })),
            pointInTimeRecovery: { enabled: options.pointInTimeRecovery },
            deletionProtectionEnabled: options.deletionProtection,
            // Deletes the tombstones a deleted event with an Idempotency-Key leaves, within days of their expiry.
            ttl: { attributeName: expiresAtAttribute, enabled: true },
        },
        // Only ever set, never cleared: a `protect` the program gives the component reaches the table too.
        naming.opts("table", options.deletionProtection ? { protect: true } : {}),
    );
}

