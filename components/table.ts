import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Settings } from "./settings";
import { createTableInput, expiresAtAttribute } from "./table-schema";

export type TableOptions = Pick<Settings, "pointInTimeRecovery" | "deletionProtection">;

/** The events table, on demand, with the shared schema's key and sparse listing index. */
export function createTable(name: string, options: TableOptions, parent: pulumi.Resource): aws.dynamodb.Table {
    // The shared schema in CreateTable's shape; the table name there is unused (Pulumi auto-names).
    const schema = createTableInput("");
    return new aws.dynamodb.Table(
        `${name}-table`,
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
        { parent },
    );
}
