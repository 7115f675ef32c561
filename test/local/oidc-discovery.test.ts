import * as assert from "assert";
import * as http from "http";
import type { AddressInfo } from "net";
import { isLoopbackHost } from "../../components/url-rules";
import { discoverJwksUri, discoveryUrl, localIssuerRule } from "../../local/oidc-discovery";

/** A loopback server that answers every request with this status and body. */
async function serve(status: number, body: string): Promise<{ url: string; close(): Promise<void> }> {
    const server = http.createServer((_, response) => response.writeHead(status, { "content-type": "application/json" }).end(body));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("OIDC discovery for the local authorizer", () => {
    it("takes loopback names and addresses as loopback, and nothing else", () => {
        for (const host of ["localhost", "127.0.0.1", "127.8.9.10", "[::1]"]) assert.strictEqual(isLoopbackHost(host), true, host);
        for (const host of ["example.com", "10.0.0.1", "128.0.0.1", "localhost.example.com", "[::2]"]) assert.strictEqual(isLoopbackHost(host), false, host);
    });

    it("accepts an https issuer, or an http one on loopback, without query, fragment or credentials", () => {
        for (const issuer of ["https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC", "https://tenant.auth0.com/", "http://127.0.0.1:9000", "http://localhost:8080/realms/dev"]) {
            assert.strictEqual(localIssuerRule.safeParse(issuer).success, true, issuer);
        }
        const allowed = 'must be an https:// issuer URL as in the stack config, or an http:// or https:// one on loopback such as "http://127.0.0.1:9000"';
        for (const issuer of ["http://issuer.example.com", "ftp://127.0.0.1", "https://issuer.example.com/?a=1", "https://issuer.example.com/#x", "https://u:p@issuer.example.com", "issuer"]) {
            assert.strictEqual(localIssuerRule.safeParse(issuer).error?.issues[0].message, `${allowed}; got ${JSON.stringify(issuer)}`);
        }
    });

    it("reads the discovery document under the issuer, without doubling a trailing slash", () => {
        assert.strictEqual(discoveryUrl("https://tenant.auth0.com/"), "https://tenant.auth0.com/.well-known/openid-configuration");
        assert.strictEqual(discoveryUrl("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC"), "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/openid-configuration");
    });

    it("returns the document's jwks_uri", async () => {
        const issuer = await serve(200, JSON.stringify({ issuer: "x", jwks_uri: "http://127.0.0.1:1/keys" }));
        try {
            assert.strictEqual(String(await discoverJwksUri(issuer.url)), "http://127.0.0.1:1/keys");
        } finally {
            await issuer.close();
        }
    });

    it("fails naming the document and what is wrong: unreachable, an HTTP error, no jwks_uri, a jwks_uri off loopback over http", async () => {
        const gone = await serve(200, "{}");
        await gone.close();
        await assert.rejects(discoverJwksUri(gone.url), {
            message: `cannot read the OIDC discovery document of ${gone.url} at ${gone.url}/.well-known/openid-configuration: ECONNREFUSED`,
        });
        for (const [status, body, message] of [
            [404, "{}", "cannot read the OIDC discovery document of URL at URL/.well-known/openid-configuration: HTTP 404"],
            [200, '{"issuer":"x"}', "the OIDC discovery document at URL/.well-known/openid-configuration has no usable jwks_uri (an https URL, or http on loopback); got undefined"],
            [200, '{"jwks_uri":"http://keys.example.com/jwks"}', 'the OIDC discovery document at URL/.well-known/openid-configuration has no usable jwks_uri (an https URL, or http on loopback); got "http://keys.example.com/jwks"'],
        ] as const) {
            const issuer = await serve(status, body);
            try {
                await assert.rejects(discoverJwksUri(issuer.url), { message: message.replaceAll("URL/", `${issuer.url}/`).replace("of URL at", `of ${issuer.url} at`) });
            } finally {
                await issuer.close();
            }
        }
    });
});
