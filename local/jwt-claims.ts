/**
 * How API Gateway hands a verified token to the function in a payload 2.0 event:
 * `requestContext.authorizer.jwt = { claims, scopes }`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 *
 * AWS documents the shape but not how it renders claim values. What is implemented here is what events
 * captured from deployed APIs show: every value is a string (`"exp": "1612061676"`), a list is printed as
 * Go prints a slice (`cognito:groups` `["admin","ops"]` arrives as `"[admin ops]"`), a null claim is left
 * out, and `scopes` is null on a route that asks for no scope. Nested objects arrive as JSON text, which
 * no capture shows (no common issuer sends one).
 */

export interface JwtAuthorizerContext {
    claims: Record<string, string>;
    /** The token's scopes on a route with authorization scopes; null on a route without. */
    scopes: string[] | null;
}

function claimText(value: unknown): string {
    if (typeof value === "string") return value;
    if (Array.isArray(value)) return `[${value.map(claimText).join(" ")}]`;
    if (typeof value === "object" && value !== null) return JSON.stringify(value);
    return String(value);
}

/** Every claim of the token, as the string the function receives. */
export function claimStrings(payload: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(
        Object.entries(payload)
            .filter(([, value]) => value !== null && value !== undefined)
            .map(([name, value]) => [name, claimText(value)]),
    );
}

/**
 * The scopes a token carries: OAuth's space-separated `scope` (RFC 6749 section 3.3) or, from issuers
 * that use it instead, `scp` as such a string or as a list. Null when it carries neither.
 */
export function tokenScopes(payload: Record<string, unknown>): string[] | null {
    for (const claim of [payload.scope, payload.scp]) {
        if (typeof claim === "string") return claim.split(" ").filter((scope) => scope !== "");
        if (Array.isArray(claim)) return claim.filter((scope): scope is string => typeof scope === "string");
    }
    return null;
}

/** The `requestContext.authorizer.jwt` block for a token accepted on a route with these scopes. */
export function authorizerContext(payload: Record<string, unknown>, routeScopes: readonly string[] | undefined): JwtAuthorizerContext {
    return { claims: claimStrings(payload), scopes: routeScopes?.length ? tokenScopes(payload) : null };
}
