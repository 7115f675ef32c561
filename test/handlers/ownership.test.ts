import * as assert from "assert";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { adminScopesVariable } from "../../components/table-schema";
import { useApiAgainstDynalite } from "../support/api-fixture";
import { jsonRequest } from "../support/bundled-handlers";

const unknownId = "0f8fad5b-d9cb-469f-a165-70867728950e";
const day = 86_400;

/**
 * Who may delete what, and what a retry after a delete gets, against dynalite through the bundles: the
 * JWT authorizer's claims arrive in the event as API Gateway passes them (strings; `scopes` null on a
 * route without authorization scopes, the token's scopes on one with them).
 */
describe("each caller's own events", () => {
    const api = useApiAgainstDynalite({ env: { [adminScopesVariable]: "events-api/admin other/admin" } });
    const claims = (sub: string, extra: Record<string, string> = {}) => ({ sub, iss: "https://issuer.test", aud: "events-api", ...extra });
    const createAs = async (sub: string | undefined, key?: string) => {
        const response = await api.invoke("create-event", {
            ...jsonRequest({ name: `by ${sub}` }, key ? { "idempotency-key": key } : {}),
            ...(sub !== undefined && { jwtClaims: claims(sub) }),
        });
        assert.strictEqual(response.statusCode, 201, response.text);
        return String(response.json?.id);
    };
    const deleteAs = (id: string, jwtClaims?: Record<string, string>, scopes?: string[]) =>
        api.invoke("delete-event", { pathParameters: { id }, ...(jwtClaims && { jwtClaims }), ...(scopes && { jwtScopes: scopes }) });
    const exists = async (id: string) => (await api.invoke("get-event", { pathParameters: { id } })).statusCode === 200;

    describe("DELETE /events/{id} with a JWT authorizer", () => {
        it("deletes the caller's own event: 204, and it is gone", async () => {
            const id = await createAs("alice");
            const response = await deleteAs(id, claims("alice"));
            assert.strictEqual(response.statusCode, 204, response.text);
            assert.strictEqual(await exists(id), false);
        });

        it("answers 403 to someone else's event and leaves it as it was", async () => {
            const id = await createAs("alice");
            const before = await api.table.items();
            const response = await deleteAs(id, claims("bob"));
            assert.strictEqual(response.statusCode, 403);
            assert.deepStrictEqual(response.json, {
                message: `Event ${id} was created by another caller: only its creator, or a token with an admin scope, may delete it`,
                code: "not-owner",
            });
            assert.deepStrictEqual(await api.table.items(), before);
        });

        it("answers 404 to a missing event, and to one already deleted, whoever asks", async () => {
            assert.deepStrictEqual((await deleteAs(unknownId, claims("bob"))).json, { message: `Event ${unknownId} not found`, code: "not-found" });
            const id = await createAs("alice");
            assert.strictEqual((await deleteAs(id, claims("alice"))).statusCode, 204);
            assert.strictEqual((await deleteAs(id, claims("alice"))).statusCode, 404);
            assert.strictEqual((await deleteAs(id, claims("bob"))).statusCode, 404);
        });

        it("answers 403 to a token without sub, which owns nothing, and to any token for an event created without one", async () => {
            const owned = await createAs("alice");
            assert.strictEqual((await deleteAs(owned, { client_id: "machine" })).statusCode, 403);
            const ownerless = await createAs(undefined);
            assert.strictEqual((await deleteAs(ownerless, claims("alice"))).statusCode, 403);
            assert.strictEqual(await exists(owned), true);
            assert.strictEqual(await exists(ownerless), true);
        });

        it("lets a token with an admin scope delete anyone's event, read from the scope claim or from API Gateway's scopes", async () => {
            const first = await createAs("alice");
            assert.strictEqual((await deleteAs(first, claims("carol", { scope: "openid events-api/admin" }))).statusCode, 204);
            const second = await createAs("alice");
            assert.strictEqual((await deleteAs(second, claims("carol"), ["events-api/write", "other/admin"])).statusCode, 204);
            assert.strictEqual(await exists(first), false);
            assert.strictEqual(await exists(second), false);
        });

        it("answers 403 to a scope that only resembles an admin scope", async () => {
            const id = await createAs("alice");
            for (const scope of ["events-api/admins", "events-api", "EVENTS-API/ADMIN"]) {
                assert.strictEqual((await deleteAs(id, claims("carol", { scope }))).statusCode, 403, scope);
            }
            assert.strictEqual((await deleteAs(id, claims("carol"), ["events-api/write"])).statusCode, 403);
        });
    });

    describe("DELETE /events/{id} without an authorizer (open writes)", () => {
        it("deletes any event, as before ownership existed", async () => {
            const id = await createAs("alice");
            assert.strictEqual((await deleteAs(id)).statusCode, 204);
            assert.strictEqual(await exists(id), false);
        });
    });

    describe("an Idempotency-Key after its event is deleted", () => {
        it("leaves a tombstone that expires a day after the delete, out of every read, and none for an event without a key", async () => {
            const key = `tomb-${Date.now()}`;
            const keyed = await createAs("alice", key);
            const plain = await createAs("alice");
            const before = Math.floor(Date.now() / 1000);
            assert.strictEqual((await deleteAs(keyed, claims("alice"))).statusCode, 204);
            assert.strictEqual((await deleteAs(plain, claims("alice"))).statusCode, 204);
            const items = await api.table.items();
            assert.strictEqual(items.some((item) => item.pk === `EVENT#${plain}`), false, "a plain event is deleted outright");
            const tombstone = items.find((item) => item.pk === `EVENT#${keyed}`)!;
            assert.deepStrictEqual(Object.keys(tombstone).sort(), ["deletedAt", "expiresAt", "pk"]);
            assert.ok(Math.abs((tombstone.expiresAt as number) - (before + day)) <= 5, String(tombstone.expiresAt));
            assert.strictEqual((await api.invoke("get-event", { pathParameters: { id: keyed } })).statusCode, 404);
            const listed = (await api.invoke("list-events", { queryStringParameters: { limit: "100" } })).json?.items as { id: string }[];
            assert.strictEqual(listed.some((item) => item.id === keyed), false);
        });

        it("answers a retry of the POST 409 while the tombstone lasts, with the same or another body, and creates nothing", async () => {
            const key = `retry-${Date.now()}`;
            const id = await createAs("alice", key);
            assert.strictEqual((await deleteAs(id, claims("alice"))).statusCode, 204);
            const before = await api.table.items();
            for (const name of ["by alice", "another body"]) {
                const retry = await api.invoke("create-event", { ...jsonRequest({ name }, { "idempotency-key": key }), jwtClaims: claims("alice") });
                assert.strictEqual(retry.statusCode, 409, retry.text);
                assert.deepStrictEqual(retry.json, { message: "The event of this Idempotency-Key was deleted; use another key", code: "event-deleted" });
            }
            assert.deepStrictEqual(await api.table.items(), before);
            const otherCaller = await api.invoke("create-event", { ...jsonRequest({ name: "by alice" }, { "idempotency-key": key }), jwtClaims: claims("bob") });
            assert.strictEqual(otherCaller.statusCode, 201, "another caller's key is another event");
        });

        it("creates the event anew once the tombstone is past its expiresAt, before TTL has removed it", async () => {
            const key = `expired-${Date.now()}`;
            const id = await createAs("alice", key);
            assert.strictEqual((await deleteAs(id, claims("alice"))).statusCode, 204);
            // A day later: DynamoDB's TTL deletes an expired item within days, so the tombstone may still be there.
            await api.table.documentClient.send(
                new UpdateCommand({ TableName: api.table.tableName, Key: { pk: `EVENT#${id}` }, UpdateExpression: "SET expiresAt = :past", ExpressionAttributeValues: { ":past": Math.floor(Date.now() / 1000) - 1 } }),
            );
            const again = await api.invoke("create-event", { ...jsonRequest({ name: "again" }, { "idempotency-key": key }), jwtClaims: claims("alice") });
            assert.strictEqual(again.statusCode, 201, again.text);
            assert.strictEqual(again.headers["idempotent-replayed"], undefined);
            assert.strictEqual(again.json?.id, id, "the key names the same id");
            const item = (await api.table.items()).find((entry) => entry.pk === `EVENT#${id}`)!;
            assert.strictEqual(item.name, "again");
            assert.strictEqual(item.expiresAt, undefined, "the new event carries no expiry");
            assert.strictEqual(item.deletedAt, undefined);
        });

        it("refuses to delete a tombstone again (404), leaving its expiry as it was", async () => {
            const id = await createAs("alice", `twice-${Date.now()}`);
            assert.strictEqual((await deleteAs(id, claims("alice"))).statusCode, 204);
            const before = await api.table.items();
            assert.strictEqual((await deleteAs(id, claims("alice"))).statusCode, 404);
            assert.strictEqual((await deleteAs(id)).statusCode, 404);
            assert.deepStrictEqual(await api.table.items(), before);
        });
    });
});
