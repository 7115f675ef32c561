import { adminScopesVariable, expiresAtAttribute } from "../../../components/table-schema";
import { documentClient, tableName } from "../dynamo";
import { HttpError } from "../errors";
import { notFound } from "../event-id";
import { eventKey, tombstoneSeconds } from "./event-item";

/** The `adminScopes` setting: a token with one of them may delete anyone's event. */
const adminScopes = process.env[adminScopesVariable]?.split(" ").filter(Boolean) ?? [];

/** Whether the caller's scopes (API Gateway's `scopes` on a route with scopes, else the `scope` claim) hold an admin scope. */
export function isAdmin(scopes: readonly string[]): boolean {
    return scopes.some((scope) => adminScopes.includes(scope));
}

/**
 * Deletes an event in one conditional request, no read first: only a live event (a tombstone has no
 * `createdAt`), and with `owner`, only one whose `createdBy` is the owner. When the condition fails,
 * DynamoDB returns the item it found (ReturnValuesOnConditionCheckFailure), which tells someone else's
 * event (403) from none (404) without a second request. An event whose id came from an Idempotency-Key
 * (a v5 id, idempotency.ts) is overwritten by a tombstone instead, so a retry of its POST is not taken
 * for a new event while the tombstone lasts.
 */
export async function deleteEvent(id: string, owner?: string): Promise<void> {
    const now = new Date();
    const request = {
        TableName: tableName,
        ConditionExpression: "attribute_exists(createdAt)" + (owner === undefined ? "" : " AND createdBy = :owner"),
        ...(owner !== undefined && { ExpressionAttributeValues: { ":owner": owner } }),
        ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
    };
    try {
        await (id[14] === "5"
            ? documentClient.put({ ...request, Item: { ...eventKey(id), deletedAt: now.toISOString(), [expiresAtAttribute]: Math.floor(+now / 1000) + tombstoneSeconds } })
            : documentClient.delete({ ...request, Key: eventKey(id) }));
    } catch (error) {
        if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
        // The item as DynamoDB returns it, in its attribute-value form: only whether it is a live event matters.
        if ((error as { Item?: Record<string, unknown> }).Item?.createdAt) {
            throw new HttpError(403, "not-owner", `Event ${id} was created by another caller: only its creator, or a token with an admin scope, may delete it`);
        }
        throw notFound(id);
    }
}
