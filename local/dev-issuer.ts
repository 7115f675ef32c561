import { randomUUID } from "crypto";
import * as http from "http";
import { exportJWK, generateKeyPair, type JWTHeaderParameters, type JWTPayload, SignJWT } from "jose";
import type { AddressInfo } from "net";

/**
 * `npm start -- --dev-auth`: an OpenID Connect issuer on loopback, so a developer gets tokens without an
 * identity provider. It publishes what API Gateway (and the local authorizer) reads, a discovery
 * document and a key set, and mints RS256 tokens with a key made at start, so every token dies with
 * the process. For development only: anyone who can reach the port can get a token.
 *
 *   GET  /.well-known/openid-configuration   issuer, jwks_uri, token_endpoint
 *   GET  /.well-known/jwks.json              the public key
 *   POST /token?sub=alice&scope=a%20b        {"access_token": ..., "token_type": "Bearer", "expires_in": ...}
 */

export interface DevIssuerOptions {
    /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
    port?: number;
    /** The `aud` of every token. @default "events-api-local" */
    audience?: string;
    /** Seconds a token is valid. @default 3600 */
    lifetimeSeconds?: number;
    /** The `scope` of a token when the request names none. @default - no scope claim */
    defaultScopes?: readonly string[];
}

export interface TokenRequest {
    /** @default "dev-user" */
    sub?: string;
    /** Space-separated scopes. @default - the issuer's `defaultScopes` */
    scope?: string;
}

export interface DevIssuer {
    /** `http://127.0.0.1:<port>`: the value for `--jwt-issuer`. */
    issuer: string;
    audience: string;
    /** A token for `sub`, valid for the issuer's lifetime from now. */
    token(request?: TokenRequest): Promise<string>;
    /** Any claims and header fields, signed with the issuer's key: for tests that need odd tokens. */
    sign(payload: JWTPayload, header?: Partial<JWTHeaderParameters>): Promise<string>;
    close(): Promise<void>;
}

export const devAudience = "events-api-local";

function sendJson(response: http.ServerResponse, status: number, value: unknown): void {
    const body = JSON.stringify(value);
    response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
    response.end(body);
}

/** Starts the issuer on loopback. */
export async function startDevIssuer(options: DevIssuerOptions = {}): Promise<DevIssuer> {
    const audience = options.audience ?? devAudience;
    const lifetime = options.lifetimeSeconds ?? 3600;
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const kid = randomUUID();
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" }] };
    let issuer = "";

    const sign = (payload: JWTPayload, header: Partial<JWTHeaderParameters> = {}) =>
        new SignJWT(payload).setProtectedHeader({ alg: "RS256", typ: "JWT", kid, ...header }).sign(privateKey);

    const token = ({ sub = "dev-user", scope = options.defaultScopes?.join(" ") }: TokenRequest = {}) => {
        const now = Math.floor(Date.now() / 1000);
        return sign({ iss: issuer, aud: audience, sub, iat: now, exp: now + lifetime, jti: randomUUID(), ...(scope && { scope }) });
    };

    const server = http.createServer((request, response) => {
        const url = new URL(request.url ?? "/", issuer);
        const route = `${request.method} ${url.pathname}`;
        if (route === "GET /.well-known/openid-configuration") {
            return sendJson(response, 200, {
                issuer,
                jwks_uri: `${issuer}/.well-known/jwks.json`,
                token_endpoint: `${issuer}/token`,
                response_types_supported: ["token"],
                subject_types_supported: ["public"],
                id_token_signing_alg_values_supported: ["RS256"],
            });
        }
        if (route === "GET /.well-known/jwks.json") return sendJson(response, 200, jwks);
        if (route === "POST /token") {
            const sub = url.searchParams.get("sub") ?? undefined;
            const scope = url.searchParams.get("scope") ?? undefined;
            token({ sub, scope }).then(
                (accessToken) => sendJson(response, 200, { access_token: accessToken, token_type: "Bearer", expires_in: lifetime }),
                () => sendJson(response, 500, { error: "server_error" }),
            );
            return;
        }
        sendJson(response, 404, { error: "not_found" });
    });
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
    });
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    return {
        issuer,
        audience,
        token,
        sign,
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}
