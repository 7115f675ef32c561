import { satisfying } from "../components/setting-rules";
import { canonicalHint, isIssuerUrl, isLoopbackHost, parsedUrl } from "../components/url-rules";

/**
 * Finding an issuer's signing keys as API Gateway does: read `<issuer>/.well-known/openid-configuration`
 * (OpenID Connect Discovery 1.0, section 4) and take its `jwks_uri`. In AWS the issuer must be https;
 * locally an http issuer is allowed on loopback only, so a developer's own issuer (`--dev-auth`, a local
 * Keycloak) works and nothing else travels unencrypted.
 */

/** An https URL, or an http one on loopback: where the local authorizer may fetch keys from. */
export function isLocallyAllowedUrl(text: string): boolean {
    const url = parsedUrl(text);
    return url !== undefined && (url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname)));
}

/** `--jwt-issuer`'s rule: the stack's `jwtIssuer` rule, with an issuer on loopback allowed too (http there). */
export const localIssuerRule = satisfying(
    (text) => isIssuerUrl(text, { loopback: true }),
    'an https:// issuer URL as in the stack config, or an http:// or https:// one on loopback such as "http://127.0.0.1:9000"',
    canonicalHint,
);

/** The discovery document's address for an issuer (a trailing slash on the issuer is not doubled). */
export function discoveryUrl(issuer: string): string {
    return `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
}

/** How long the local authorizer waits for an issuer's discovery document or key set. */
export const issuerFetchTimeoutMs = 5_000;

async function fetchJson(url: string): Promise<unknown> {
    const response = await fetch(url, { signal: AbortSignal.timeout(issuerFetchTimeoutMs), redirect: "error" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
}

function reason(error: unknown): string {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** The issuer's `jwks_uri`; throws an error that names the document, the issuer and what is wrong. */
export async function discoverJwksUri(issuer: string): Promise<URL> {
    const url = discoveryUrl(issuer);
    let document: unknown;
    try {
        document = await fetchJson(url);
    } catch (error) {
        throw new Error(`cannot read the OIDC discovery document of ${issuer} at ${url}: ${reason(error)}`);
    }
    const jwksUri = (document as { jwks_uri?: unknown } | null)?.jwks_uri;
    if (typeof jwksUri !== "string" || !isLocallyAllowedUrl(jwksUri)) {
        throw new Error(`the OIDC discovery document at ${url} has no usable jwks_uri (an https URL, or http on loopback); got ${JSON.stringify(jwksUri)}`);
    }
    return new URL(jwksUri);
}
