import * as assert from "assert";
import { randomUUID } from "crypto";
import * as http from "http";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import type { AddressInfo } from "net";
import { DevIssuer, startDevIssuer } from "../../local/dev-issuer";
import { postJson, ReceivedResponse, scanTable, send, send as sendUnchecked } from "../support/local-http";
import { fixtureEntries, reportLines, startRecordedStack, useRecordedStack } from "../support/local-stack-fixture";
import { useCheckedClient } from "../support/openapi-contract";

/**
 * The local stack's JWT authorizer against a test issuer on loopback (the dev issuer: discovery document,
 * key set, RS256 tokens), through HTTP as a client sees it. Refused requests must reach no function and
 * write nothing.
 */

const writeScopes = ["events-api/write", "events-api/admin"];
const now = () => Math.floor(Date.now() / 1000);
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("JWT authorization on the local stack", function () {
    this.timeout(30_000);
    let issuer: DevIssuer;
    before(async () => {
        issuer = await startDevIssuer();
    });
    after(() => issuer?.close());

    /** Claims of a token the stack accepts on a write route; each refusal case breaks one. */
    const valid = (claims: JWTPayload = {}): JWTPayload => ({
        iss: issuer.issuer,
        aud: issuer.audience,
        sub: "alice",
        iat: now() - 5,
        exp: now() + 300,
        scope: "events-api/write",
        ...claims,
    });

    describe("with the real handlers, write scopes, and open reads", () => {
        const recorded = useRecordedStack(() => ({
            auth: { jwtIssuer: issuer.issuer, jwtAudiences: ["another-app", issuer.audience], writeScopes, authorizeReads: false },
        }));
        /** Every answer checked against the OpenAPI document the stack serves, its security included. */
        const { send, postJson } = useCheckedClient(recorded);

        const create = (authorization?: string) =>
            postJson(recorded.stack.url, "/events", { name: "Guarded" }, authorization === undefined ? {} : { authorization });

        /** Sends a request that must be refused by the authorizer: its answer, and nothing ran or changed. */
        async function refused(request: () => Promise<ReceivedResponse>, status: 401 | 403): Promise<ReceivedResponse> {
            const table = await scanTable(recorded.stack.dynamo.endpoint, recorded.stack.dynamo.tableName);
            const reports = reportLines(recorded.lines).length;
            const response = await request();
            assert.strictEqual(response.status, status, response.text);
            assert.strictEqual(response.headers["content-type"], "application/json");
            assert.strictEqual(response.text, status === 401 ? '{"message":"Unauthorized"}' : '{"message":"Forbidden"}');
            assert.strictEqual(reportLines(recorded.lines).length, reports, "a function ran");
            assert.deepStrictEqual(await scanTable(recorded.stack.dynamo.endpoint, recorded.stack.dynamo.tableName), table);
            return response;
        }

        const challenge = (description?: string) =>
            `Bearer scope="events-api/write events-api/admin" error="invalid_token"${description ? ` error_description="${description}"` : ""}`;

        it("answers 401 with a bare Bearer challenge to a request without a token", async () => {
            for (const authorization of [undefined, ""]) {
                const response = await refused(() => create(authorization), 401);
                assert.strictEqual(response.headers["www-authenticate"], "Bearer");
            }
            const remove = await refused(() => send(recorded.stack.url, { method: "DELETE", path: `/events/${randomUUID()}` }), 401);
            assert.strictEqual(remove.headers["www-authenticate"], "Bearer");
        });

        it("answers 401 to a malformed token, saying so for one that is not three parts", async () => {
            assert.strictEqual(
                (await refused(() => create("Bearer not-a-token"), 401)).headers["www-authenticate"],
                challenge("token contains an invalid number of segments"),
            );
            assert.strictEqual((await refused(() => create("Bearer a.b.c"), 401)).headers["www-authenticate"], challenge());
            const good = await issuer.sign(valid());
            assert.strictEqual((await refused(() => create(`Bearer ${good}.extra`), 401)).headers["www-authenticate"], challenge("token contains an invalid number of segments"));
        });

        const claimCases: [string, JWTPayload][] = [
            ["an expired token", { exp: now() - 1 }],
            ["a token without exp", { exp: undefined }],
            ["a token not valid yet (nbf)", { nbf: now() + 600 }],
            ["a token issued in the future (iat)", { iat: now() + 600 }],
            ["a token from another issuer", { iss: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other" }],
            ["a token with exp as text", { exp: String(now() + 300) as unknown as number }],
        ];
        for (const [what, claims] of claimCases) {
            it(`answers 401 to ${what}`, async () => {
                const token = await issuer.sign(JSON.parse(JSON.stringify(valid(claims))));
                assert.strictEqual((await refused(() => create(`Bearer ${token}`), 401)).headers["www-authenticate"], challenge());
            });
        }

        it("answers 401 naming the audience to a token for another audience, even when its client_id is one", async () => {
            for (const claims of [{ aud: "someone-else" }, { aud: ["someone-else", "third"] }, { aud: "someone-else", client_id: issuer.audience }, { aud: undefined }]) {
                const token = await issuer.sign(JSON.parse(JSON.stringify(valid(claims))));
                const response = await refused(() => create(`Bearer ${token}`), 401);
                assert.strictEqual(response.headers["www-authenticate"], challenge("the token does not have a valid audience"), JSON.stringify(claims));
            }
        });

        it("answers 401 to a badly signed token: tampered, another key with the same kid, an unknown kid, no kid", async () => {
            const [header, payload, signature] = (await issuer.sign(valid())).split(".");
            const tampered = `${header}.${b64url({ ...valid(), sub: "mallory" })}.${signature}`;
            const kid = JSON.parse(Buffer.from(header, "base64url").toString()).kid;
            const rogue = await generateKeyPair("RS256");
            const sameKid = await new SignJWT(valid()).setProtectedHeader({ alg: "RS256", kid }).sign(rogue.privateKey);
            const otherKid = await new SignJWT(valid()).setProtectedHeader({ alg: "RS256", kid: randomUUID() }).sign(rogue.privateKey);
            const noKid = await issuer.sign(valid(), { kid: undefined });
            const swapped = `${header}.${payload}.${sameKid.split(".")[2]}`;
            for (const token of [tampered, sameKid, otherKid, noKid, swapped]) {
                assert.strictEqual((await refused(() => create(`Bearer ${token}`), 401)).headers["www-authenticate"], challenge());
            }
        });

        it("answers 401 to alg none and to HMAC, whatever the secret", async () => {
            const kid = JSON.parse(Buffer.from((await issuer.sign(valid())).split(".")[0], "base64url").toString()).kid;
            const unsigned = `${b64url({ alg: "none", typ: "JWT", kid })}.${b64url(valid())}.`;
            const hmac = await new SignJWT(valid()).setProtectedHeader({ alg: "HS256", kid }).sign(new TextEncoder().encode(issuer.issuer));
            for (const token of [unsigned, hmac]) {
                assert.strictEqual((await refused(() => create(`Bearer ${token}`), 401)).headers["www-authenticate"], challenge());
            }
        });

        it("answers 403 to a valid token with none of the write scopes, or none at all", async () => {
            for (const claims of [{ scope: "openid profile" }, { scope: undefined }, { scp: ["events-api/read"], scope: undefined }]) {
                const token = await issuer.sign(JSON.parse(JSON.stringify(valid(claims))));
                const response = await refused(() => create(`Bearer ${token}`), 403);
                assert.strictEqual(response.headers["www-authenticate"], undefined);
            }
        });

        it("creates with a valid token (with or without Bearer), recording its sub, and deletes it with its owner's token", async () => {
            const token = await issuer.sign(valid({ sub: "alice", scope: "openid events-api/write" }));
            const created = await create(`Bearer ${token}`);
            assert.strictEqual(created.status, 201, created.text);
            const event = created.json() as Record<string, string>;
            assert.strictEqual(event.createdBy, "alice");
            const stored = (await scanTable(recorded.stack.dynamo.endpoint, recorded.stack.dynamo.tableName)).find((item) => JSON.stringify(item).includes(event.id));
            assert.deepStrictEqual(stored?.createdBy, { S: "alice" });
            assert.strictEqual((await create(token)).status, 201, "a token without the Bearer prefix");
            assert.strictEqual((await create(`bearer ${token}`)).status, 201, "the scheme in lower case");

            const owner = await issuer.sign(valid({ sub: "alice", scope: undefined, scp: ["events-api/admin"], aud: ["another-app"] }));
            const removed = await send(recorded.stack.url, { method: "DELETE", path: `/events/${event.id}`, headers: { authorization: `Bearer ${owner}` } });
            assert.strictEqual(removed.status, 204, removed.text);
            assert.strictEqual((await send(recorded.stack.url, { path: `/events/${event.id}` })).status, 404);
        });

        it("accepts a token without aud whose client_id is an audience, as Cognito access tokens are", async () => {
            const token = await issuer.sign(JSON.parse(JSON.stringify(valid({ aud: undefined, client_id: issuer.audience }))));
            assert.strictEqual((await create(`Bearer ${token}`)).status, 201);
        });

        it("serves the reads without a token, and ignores a bad one there", async () => {
            assert.strictEqual((await send(recorded.stack.url, { path: "/events" })).status, 200);
            assert.strictEqual((await send(recorded.stack.url, { path: "/events", headers: { authorization: "Bearer not-a-token" } })).status, 200);
            assert.strictEqual((await send(recorded.stack.url, { path: `/events/${randomUUID()}` })).status, 404);
        });

        it("answers CORS preflight without a token, and lets the browser read a 401", async () => {
            const origin = "https://app.example";
            // API Gateway's CORS answer, outside the OpenAPI document.
            const preflight = await sendUnchecked(recorded.stack.url, {
                method: "OPTIONS",
                path: "/events",
                headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
            });
            assert.strictEqual(preflight.status, 204);
            assert.strictEqual(preflight.headers["access-control-allow-origin"], "*");
            assert.match(String(preflight.headers["access-control-allow-headers"]), /(^|,)authorization(,|$)/);
            const unauthorized = await refused(() => postJson(recorded.stack.url, "/events", { name: "x" }, { origin }), 401);
            assert.strictEqual(unauthorized.headers["access-control-allow-origin"], "*");
        });

        it("logs why it refused a request, which the client is not told", async () => {
            const expired = await issuer.sign(valid({ exp: now() - 60 }));
            await refused(() => create(`Bearer ${expired}`), 401);
            const forbidden = await issuer.sign(valid({ scope: "openid" }));
            await refused(() => create(`Bearer ${forbidden}`), 403);
            assert.deepStrictEqual(recorded.lines.slice(-4).filter((line) => line.includes("JWT authorizer")), [
                "POST /events: 401 from the JWT authorizer: the token has expired (exp)",
                "POST /events: 403 from the JWT authorizer: the token has none of the route's scopes (events-api/write, events-api/admin)",
            ]);
        });
    });

    describe("ownership through the authorizer, with write and admin scopes", () => {
        const recorded = useRecordedStack(() => ({
            auth: { jwtIssuer: issuer.issuer, jwtAudiences: [issuer.audience], writeScopes: ["events-api/write"], adminScopes: ["events-api/admin"] },
        }));
        const { send, postJson } = useCheckedClient(recorded);
        const tokenOf = (sub: string, scope: string) => issuer.sign(valid({ sub, scope }));
        const remove = async (id: string, token: string) =>
            send(recorded.stack.url, { method: "DELETE", path: `/events/${id}`, headers: { authorization: `Bearer ${token}` } });
        const createAs = async (sub: string) => {
            const response = await postJson(recorded.stack.url, "/events", { name: `by ${sub}` }, { authorization: `Bearer ${await tokenOf(sub, "events-api/write")}` });
            assert.strictEqual(response.status, 201, response.text);
            return (response.json() as { id: string }).id;
        };

        it("answers 403 to bob deleting alice's event, 204 to alice, then 404", async () => {
            const id = await createAs("alice");
            const bob = await remove(id, await tokenOf("bob", "events-api/write"));
            assert.strictEqual(bob.status, 403, bob.text);
            assert.deepStrictEqual(bob.json(), { message: `Event ${id} was created by another caller: only its creator, or a token with an admin scope, may delete it`, code: "not-owner" });
            assert.strictEqual((await send(recorded.stack.url, { path: `/events/${id}` })).status, 200, "still there");
            assert.strictEqual((await remove(id, await tokenOf("alice", "events-api/write"))).status, 204);
            assert.strictEqual((await remove(id, await tokenOf("alice", "events-api/write"))).status, 404);
        });

        it("lets a token with only the admin scope through the authorizer and delete anyone's event", async () => {
            const id = await createAs("alice");
            const admin = await remove(id, await tokenOf("carol", "events-api/admin"));
            assert.strictEqual(admin.status, 204, admin.text);
            assert.strictEqual((await send(recorded.stack.url, { path: `/events/${id}` })).status, 404);
        });

        it("refuses the admin scope on POST, which needs a write scope", async () => {
            const response = await postJson(recorded.stack.url, "/events", { name: "x" }, { authorization: `Bearer ${await tokenOf("carol", "events-api/admin")}` });
            assert.deepStrictEqual([response.status, response.text], [403, '{"message":"Forbidden"}']);
        });

        it("shows createdBy to its owner only: not on the public reads", async () => {
            const id = await createAs("alice");
            const read = (await send(recorded.stack.url, { path: `/events/${id}` })).json() as Record<string, unknown>;
            assert.strictEqual(read.createdBy, undefined);
        });
    });

    describe("with authorizeReads, as the function sees the token", () => {
        const recorded = useRecordedStack(() => ({
            entryOverrides: fixtureEntries,
            auth: { jwtIssuer: issuer.issuer, jwtAudiences: [issuer.audience], writeScopes: ["events-api/write"], authorizeReads: true },
        }));

        /** The event the fixture handler received, echoed back. */
        async function received(method: string, path: string, token?: string) {
            const response = await send(recorded.stack.url, {
                method,
                path,
                headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
                body: method === "POST" ? "{}" : undefined,
            });
            assert.strictEqual(response.status, 200, response.text);
            return (response.json() as { event: { headers: Record<string, string>; requestContext: Record<string, unknown> } }).event;
        }

        it("refuses a read without a token, and needs no scope for one", async () => {
            const response = await send(recorded.stack.url, { path: "/events" });
            assert.deepStrictEqual([response.status, response.text], [401, '{"message":"Unauthorized"}']);
            assert.strictEqual(response.headers["www-authenticate"], "Bearer");
            assert.deepStrictEqual(reportLines(recorded.lines), []);
            await received("GET", `/events/${randomUUID()}`, await issuer.sign(valid({ scope: undefined })));
        });

        it("passes every claim as a string in requestContext.authorizer.jwt, with scopes null on a route without scopes", async () => {
            const claims = valid({ sub: "carol", scope: undefined, "cognito:groups": ["admin", "ops"], email_verified: true, level: 3, nothing: null });
            const event = await received("GET", "/events", await issuer.sign(claims));
            assert.deepStrictEqual(event.requestContext.authorizer, {
                jwt: {
                    claims: {
                        iss: issuer.issuer,
                        aud: issuer.audience,
                        sub: "carol",
                        iat: String(claims.iat),
                        exp: String(claims.exp),
                        "cognito:groups": "[admin ops]",
                        email_verified: "true",
                        level: "3",
                    },
                    scopes: null,
                },
            });
        });

        it("passes the token's scopes on a write route, and the Authorization header as sent", async () => {
            const token = await issuer.sign(valid({ scope: "openid events-api/write" }));
            const event = await received("POST", "/events", token);
            assert.deepStrictEqual((event.requestContext.authorizer as { jwt: { scopes: unknown } }).jwt.scopes, ["openid", "events-api/write"]);
            assert.strictEqual(event.headers.authorization, `Bearer ${token}`);
        });
    });

    /** An issuer on loopback whose key set can change, counting its key set fetches. */
    async function rotatingIssuer() {
        const [first, second] = await Promise.all([generateKeyPair("RS256"), generateKeyPair("RS256")]);
        const published = [{ ...(await exportJWK(first.publicKey)), kid: "first", alg: "RS256" }];
        let fetches = 0;
        const server = http.createServer((request, response) => {
            if (request.url === "/jwks") fetches++;
            const body = request.url === "/.well-known/openid-configuration" ? { issuer: url, jwks_uri: `${url}/jwks` } : { keys: published };
            response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const claims = { iss: url, aud: "app", sub: "u", exp: now() + 60 };
        return {
            url,
            fetches: () => fetches,
            publishSecond: async () => void published.push({ ...(await exportJWK(second.publicKey)), kid: "second", alg: "RS256" }),
            signFirst: () => new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "first" }).sign(first.privateKey),
            signSecond: () => new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "second" }).sign(second.privateKey),
            forge: (kid: string) => new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).sign(second.privateKey),
            close: () => server.close(),
        };
    }

    it("fetches the key set again for a key it has not seen once the cooldown has passed, so a rotated-in key works", async () => {
        const rotating = await rotatingIssuer();
        const cooldown = 300;
        const { stack } = await startRecordedStack({ entryOverrides: fixtureEntries, auth: { jwtIssuer: rotating.url, jwtAudiences: ["app"], keyRefetchCooldownMs: cooldown } });
        try {
            const post = (token: string) => postJson(stack.url, "/events", {}, { authorization: `Bearer ${token}` });
            assert.strictEqual((await post(await rotating.signFirst())).status, 200);
            await new Promise((resolve) => setTimeout(resolve, cooldown + 50));
            assert.strictEqual((await post(await rotating.signSecond())).status, 401, "not published yet");
            await rotating.publishSecond();
            assert.strictEqual((await post(await rotating.signSecond())).status, 401, "published, but within the cooldown of the last fetch");
            await new Promise((resolve) => setTimeout(resolve, cooldown + 50));
            assert.strictEqual((await post(await rotating.signSecond())).status, 200, "published, and the cooldown has passed");
        } finally {
            await stack.close();
            rotating.close();
        }
    });

    it("fetches the key set at most once per cooldown for 200 tokens with unknown kids, as API Gateway caches an issuer's keys", async () => {
        const rotating = await rotatingIssuer();
        const { stack } = await startRecordedStack({ entryOverrides: fixtureEntries, auth: { jwtIssuer: rotating.url, jwtAudiences: ["app"] } });
        try {
            const atStart = rotating.fetches();
            assert.strictEqual(atStart, 1, "the fetch at start");
            for (let i = 0; i < 200; i++) {
                const response = await postJson(stack.url, "/events", {}, { authorization: `Bearer ${await rotating.forge(`forged-${i}`)}` });
                assert.strictEqual(response.status, 401);
            }
            // jose's default cooldown of 30 s had already begun with the fetch at start.
            assert.strictEqual(rotating.fetches() - atStart, 0);
        } finally {
            await stack.close();
            rotating.close();
        }
    });

    it("fails to start, saying why, when the issuer's discovery document cannot be read", async () => {
        const gone = await startDevIssuer();
        await gone.close();
        await assert.rejects(startRecordedStack({ auth: { jwtIssuer: gone.issuer, jwtAudiences: ["app"] } }), {
            message: `cannot read the OIDC discovery document of ${gone.issuer} at ${gone.issuer}/.well-known/openid-configuration: ECONNREFUSED`,
        });
    });
});
