import * as assert from "assert";
import { useApiAgainstDynalite } from "../support/api-fixture";
import { jsonRequest } from "../support/bundled-handlers";

const unknownId = "0f8fad5b-d9cb-469f-a165-70867728950e";

/** Ids that must be refused before they reach a key: API Gateway has already URL-decoded them. */
const malformedIds: [string, Record<string, string> | undefined][] = [
    ["x#y", { id: "x#y" }],
    ["../x", { id: "../x" }],
    ["a NUL byte", { id: "\0" }],
    ["a literal %00", { id: "%00" }],
    ["an uppercase UUID", { id: unknownId.toUpperCase() }],
    ["an overlong id", { id: `${unknownId}0` }],
    ["a UUID with a key suffix", { id: `${unknownId}#x` }],
    ["an empty id", { id: "" }],
    ["no path parameters", undefined],
];

describe("GET and DELETE /events/{id}", () => {
    const api = useApiAgainstDynalite();
    const createEvent = async () =>
        (await api.invoke("create-event", jsonRequest({ name: "Find me", startsAt: "2030-01-01T09:00:00Z" }))).json!;

    it("GET answers 200 with the stored event", async () => {
        const event = await createEvent();
        const response = await api.invoke("get-event", { pathParameters: { id: String(event.id) } });
        assert.strictEqual(response.statusCode, 200);
        assert.strictEqual(response.headers["content-type"], "application/json");
        assert.deepStrictEqual(response.json, event);
    });

    it("GET answers 404 to an unknown id", async () => {
        const response = await api.invoke("get-event", { pathParameters: { id: unknownId } });
        assert.strictEqual(response.statusCode, 404);
        assert.deepStrictEqual(response.json, { message: `Event ${unknownId} not found`, code: "not-found" });
    });

    it("DELETE answers 204 with an empty body, after which the event is gone", async () => {
        const event = await createEvent();
        const id = String(event.id);
        const response = await api.invoke("delete-event", { pathParameters: { id } });
        assert.strictEqual(response.statusCode, 204);
        assert.ok(!response.text, "no body");
        assert.strictEqual((await api.invoke("get-event", { pathParameters: { id } })).statusCode, 404);
        assert.strictEqual((await api.table.items()).some((item) => item.id === id), false);
    });

    it("DELETE answers 404 to an unknown id, and to an id already deleted", async () => {
        const id = String((await createEvent()).id);
        assert.strictEqual((await api.invoke("delete-event", { pathParameters: { id } })).statusCode, 204);
        const again = await api.invoke("delete-event", { pathParameters: { id } });
        assert.strictEqual(again.statusCode, 404);
        assert.deepStrictEqual(again.json, { message: `Event ${id} not found`, code: "not-found" });
        assert.strictEqual((await api.invoke("delete-event", { pathParameters: { id: unknownId } })).statusCode, 404);
    });

    for (const routeName of ["get-event", "delete-event"]) {
        for (const [what, pathParameters] of malformedIds) {
            it(`${routeName} answers 400 to ${what}`, async () => {
                const before = await api.table.items();
                const response = await api.invoke(routeName, { pathParameters });
                assert.strictEqual(response.statusCode, 400);
                const reason = "must be a lowercase UUID, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e";
                assert.deepStrictEqual(response.json, { message: `id ${reason}`, code: "invalid-request", problems: [{ field: "id", reason }] });
                assert.deepStrictEqual(await api.table.items(), before);
            });
        }
    }
});
