import * as assert from "assert";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { devAudience, startDevIssuer } from "../../local/dev-issuer";
import { send } from "../support/local-http";

describe("the dev issuer (npm start -- --dev-auth)", () => {
    it("publishes a discovery document and a key set on loopback, and mints RS256 tokens for its audience", async () => {
        const issuer = await startDevIssuer({ lifetimeSeconds: 120, defaultScopes: ["events-api/write"] });
        try {
            assert.match(issuer.issuer, /^http:\/\/127\.0\.0\.1:\d+$/);
            const discovery = (await send(issuer.issuer, { path: "/.well-known/openid-configuration" })).json() as Record<string, unknown>;
            assert.deepStrictEqual([discovery.issuer, discovery.jwks_uri, discovery.token_endpoint], [issuer.issuer, `${issuer.issuer}/.well-known/jwks.json`, `${issuer.issuer}/token`]);
            const { keys } = (await send(issuer.issuer, { path: "/.well-known/jwks.json" })).json() as { keys: Record<string, string>[] };
            assert.deepStrictEqual(keys.map(({ kty, alg, use }) => ({ kty, alg, use })), [{ kty: "RSA", alg: "RS256", use: "sig" }]);
            assert.strictEqual(keys[0].d, undefined, "no private key material");

            const token = await issuer.token({ sub: "alice" });
            assert.deepStrictEqual(decodeProtectedHeader(token), { alg: "RS256", typ: "JWT", kid: keys[0].kid });
            const claims = decodeJwt(token);
            assert.deepStrictEqual([claims.iss, claims.aud, claims.sub, claims.scope, Number(claims.exp) - Number(claims.iat)], [issuer.issuer, devAudience, "alice", "events-api/write", 120]);
            const minted = (await send(issuer.issuer, { method: "POST", path: "/token?scope=openid" })).json() as Record<string, unknown>;
            assert.deepStrictEqual([decodeJwt(String(minted.access_token)).sub, decodeJwt(String(minted.access_token)).scope, minted.token_type, minted.expires_in], ["dev-user", "openid", "Bearer", 120]);
            assert.strictEqual((await send(issuer.issuer, { path: "/token" })).status, 404, "tokens only by POST");
        } finally {
            await issuer.close();
        }
    });
});
