import * as assert from "assert";
import * as fc from "fast-check";
import { createRouter } from "../../local/router";
import { badRequestRuns as runs, badRequests } from "../support/local-bad-requests";
import { postJson, scanTable } from "../support/local-http";
import { useRecordedStack } from "../support/local-stack-fixture";
import { useCheckedClient } from "../support/openapi-contract";

const seed = process.env.FC_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.FC_SEED);
/** What a body must never show a client: stack frames, source locations, AWS internals. */
const leak = /\n\s+at |\.(?:ts|js):\d+|Exception\b|arn:aws|DynamoDB|amazonaws|\bSDK\b/;

describe("bad input on the local stack", function () {
    this.timeout(90_000);
    const local = useRecordedStack();
    /** Every answer checked against the OpenAPI document too. */
    const client = useCheckedClient(local);
    const router = createRouter();

    before(async () => {
        for (const name of ["kept one", "kept two", "kept three"]) {
            assert.strictEqual((await postJson(local.stack.url, "/events", { name }, { "idempotency-key": `seed-${name.replace(" ", "-")}` })).status, 201);
        }
    });

    it(`refuses ${runs} generated malformed requests with a 4xx JSON error the OpenAPI document lists and changes nothing`, async () => {
        console.log(`      fast-check seed ${seed} (replay: FC_SEED=${seed} npx mocha test/local/bad-input.test.ts)`);
        const before = await scanTable(local.stack.dynamo.endpoint, local.stack.dynamo.tableName);
        const kinds = new Map<string, number>();
        await fc.assert(
            fc.asyncProperty(badRequests, async (request) => {
                kinds.set(request.kind, (kinds.get(request.kind) ?? 0) + 1);
                const response = await client.send(local.stack.url, request);
                const what = `${request.kind}: ${request.method} ${request.path.slice(0, 120)} -> ${response.status} ${response.text.slice(0, 200)}`;
                assert.ok(response.status >= 400 && response.status < 500, what);
                assert.strictEqual(response.headers["content-type"], "application/json", what);
                const body = response.json() as Record<string, unknown>;
                if (router.match(request.method ?? "GET", request.path.split("?")[0])) {
                    // A handler's refusal, in the one error shape: `problems` exactly when the request's fields are wrong.
                    assert.deepStrictEqual(Object.keys(body), response.status === 400 ? ["message", "code", "problems"] : ["message", "code"], what);
                    assert.ok(typeof body.message === "string" && body.message.length > 0 && typeof body.code === "string", what);
                } else {
                    assert.deepStrictEqual([response.status, body], [404, { message: "Not Found" }], what);
                }
                assert.doesNotMatch(response.text, leak, what);
            }),
            { numRuns: runs, seed, endOnFailure: true },
        );
        const after = await scanTable(local.stack.dynamo.endpoint, local.stack.dynamo.tableName);
        assert.deepStrictEqual(after, before, "the table changed");
        assert.strictEqual([...kinds.values()].reduce((a, b) => a + b, 0), runs);
        console.log(`      ${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(", ")}`);
    });
});
