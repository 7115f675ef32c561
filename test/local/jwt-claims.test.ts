import * as assert from "assert";
import { authorizerContext, claimStrings, tokenScopes } from "../../local/jwt-claims";

describe("a verified token's claims in the payload 2.0 event", () => {
    it("arrive as strings: numbers and booleans printed, lists as Go prints a slice, objects as JSON, nulls left out", () => {
        assert.deepStrictEqual(
            claimStrings({
                sub: "6418b458-d091-705e-122e-04bf2945fcdf",
                exp: 1787996002,
                ratio: 0.5,
                email_verified: true,
                "cognito:groups": ["admin", "ops"],
                nested: [["a", "b"], 3],
                address: { country: "DE" },
                empty: [],
                missing: null,
            }),
            {
                sub: "6418b458-d091-705e-122e-04bf2945fcdf",
                exp: "1787996002",
                ratio: "0.5",
                email_verified: "true",
                "cognito:groups": "[admin ops]",
                nested: "[[a b] 3]",
                address: '{"country":"DE"}',
                empty: "[]",
            },
        );
    });

    it("give the token's scopes from scope (space-separated) or scp (string or list), and null without either", () => {
        assert.deepStrictEqual(tokenScopes({ scope: "events-api/write  openid" }), ["events-api/write", "openid"]);
        assert.deepStrictEqual(tokenScopes({ scp: ["events-api/write", 7, "profile"] }), ["events-api/write", "profile"]);
        assert.deepStrictEqual(tokenScopes({ scp: "a b" }), ["a", "b"]);
        assert.strictEqual(tokenScopes({ sub: "x" }), null);
    });

    it("carry scopes only on a route that asks for scopes, as API Gateway sends them", () => {
        const payload = { sub: "u", scope: "events-api/write openid" };
        assert.deepStrictEqual(authorizerContext(payload, ["events-api/write"]), {
            claims: { sub: "u", scope: "events-api/write openid" },
            scopes: ["events-api/write", "openid"],
        });
        assert.deepStrictEqual(authorizerContext(payload, undefined), { claims: { sub: "u", scope: "events-api/write openid" }, scopes: null });
        assert.deepStrictEqual(authorizerContext(payload, []).scopes, null);
    });
});
