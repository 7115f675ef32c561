import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from "jose";
import { AuthorizationSettings, jwtIdentitySource, RouteAuthorization, routeAuthorization } from "../components/route-authorization";
import type { RouteDefinition } from "../components/routes";
import { authorizerContext, JwtAuthorizerContext, tokenScopes } from "./jwt-claims";
import { discoverJwksUri } from "./oidc-discovery";
import { gatewayResponses, HttpResponse } from "./response";

/**
 * API Gateway's JWT authorizer, for the local stack: the same routes guarded as the component guards
 * (components/route-authorization.ts), each token checked as the authorizer checks it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html), with jose
 * doing the JOSE work (signature, algorithm, key selection by `kid`, time claims):
 *
 * - the token is the identity source's value, with or without a `Bearer ` prefix;
 * - its header names a key (`kid`) of the issuer's key set, and it is signed with an RSA algorithm
 *   (RS256, RS384, RS512; `none` and HMAC never verify);
 * - `iss` is the issuer; `aud`, or `client_id` only when there is no `aud`, is one of the audiences;
 * - `exp` is after now, `nbf` and `iat` (when present) not after now, with no clock skew allowed;
 * - on a route with scopes, `scope` or `scp` holds at least one of them, else 403.
 *
 * Every refusal is API Gateway's own answer, and the function never runs. The keys are fetched from the
 * discovery document's `jwks_uri` at start (as API Gateway reads them when the authorizer is created)
 * and again when a token names a key not seen yet (key rotation), at most once per `keyRefetchCooldownMs`:
 * API Gateway caches an issuer's keys (for up to two hours, http-api-jwt-authorizer.html), so a stream of
 * tokens with made-up `kid`s must not become a stream of fetches from the issuer.
 */

export type LocalAuthorizationOptions = Required<Pick<AuthorizationSettings, "jwtIssuer" | "jwtAudiences">> &
    Partial<Pick<AuthorizationSettings, "writeScopes" | "authorizeReads" | "adminScopes">> & {
        /** Fewest milliseconds between two key set fetches for unknown `kid`s. @default keyRefetchCooldownMs */
        keyRefetchCooldownMs?: number;
    };

/** jose's own default: after a fetch, tokens with an unknown kid are refused without another for 30 s. */
export const keyRefetchCooldownMs = 30_000;

export type AuthorizationDecision =
    /** `context` is what the event's `requestContext.authorizer.jwt` carries; undefined on an open route. */
    | { allowed: true; context?: JwtAuthorizerContext }
    /** API Gateway's answer, and why (for the emulator's log; the client sees only the answer). */
    | { allowed: false; response: HttpResponse; reason: string };

export interface LocalAuthorizer {
    /** Who may call the route: what the component sets on its API Gateway route. */
    authorizationOf(route: RouteDefinition): RouteAuthorization;
    authorize(route: RouteDefinition, headers: Record<string, string>): Promise<AuthorizationDecision>;
}

const algorithms = ["RS256", "RS384", "RS512"];

/** The header the identity source names, as payload 2.0 lower-cases it. */
const tokenHeader = jwtIdentitySource.replace("$request.header.", "").toLowerCase();

/** The only `error_description`s API Gateway is documented or seen to send; other refusals carry none. */
const descriptions = {
    segments: "token contains an invalid number of segments",
    audience: "the token does not have a valid audience",
};

class Refusal extends Error {
    constructor(
        message: string,
        readonly description?: string,
    ) {
        super(message);
    }
}

/** Why jose refused a token, in words for the log. */
function joseReason(error: unknown, issuer: string): string {
    if (error instanceof errors.JWTExpired) return "the token has expired (exp)";
    if (error instanceof errors.JWTClaimValidationFailed) {
        if (error.claim === "nbf") return "the token is not valid yet (nbf)";
        if (error.claim === "iss") return `the token's issuer (iss) is not ${issuer}`;
        return `the token's ${error.claim} claim is ${error.reason === "missing" ? "missing" : "invalid"}`;
    }
    if (error instanceof errors.JOSEAlgNotAllowed) return `the token's algorithm is not one of ${algorithms.join(", ")}`;
    if (error instanceof errors.JWSSignatureVerificationFailed) return "the signature does not verify with the issuer's key";
    if (error instanceof errors.JWKSNoMatchingKey) return "no key in the issuer's key set has the token's kid and algorithm";
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) return `cannot check the token: ${(error as Error).message}`;
    return `the token is not a valid JWT (${(error as Error).message})`;
}

function audiencesOf(payload: JWTPayload): string[] {
    // API Gateway evaluates `client_id` only when `aud` is absent (Cognito access tokens have no `aud`).
    const claimed = payload.aud !== undefined ? payload.aud : payload.client_id;
    return (Array.isArray(claimed) ? claimed : [claimed]).filter((audience): audience is string => typeof audience === "string");
}

/** Starts the authorizer: reads the issuer's discovery document and key set, or throws saying why. */
export async function createLocalAuthorizer(options: LocalAuthorizationOptions): Promise<LocalAuthorizer> {
    const { jwtIssuer: issuer, jwtAudiences: audiences } = options;
    const settings = { ...options, writeScopes: options.writeScopes ?? [], authorizeReads: options.authorizeReads ?? false, adminScopes: options.adminScopes ?? [] };
    // jose refetches for an unknown kid only once the cooldown since the last fetch has passed; a rotated-in
    // key then works on the first request after it.
    const keys = createRemoteJWKSet(await discoverJwksUri(issuer), { timeoutDuration: 5_000, cooldownDuration: options.keyRefetchCooldownMs ?? keyRefetchCooldownMs });
    try {
        await keys.reload();
    } catch (error) {
        throw new Error(`cannot read the key set of ${issuer}: ${(error as Error).message}`);
    }

    async function verify(headerValue: string | undefined): Promise<JWTPayload> {
        if (!headerValue) throw new Refusal("no token in the Authorization header");
        const token = headerValue.replace(/^Bearer +/i, "");
        if (token.split(".").length !== 3) throw new Refusal("the token is not three dot-separated parts", descriptions.segments);
        let kid: unknown;
        try {
            kid = decodeProtectedHeader(token).kid;
        } catch (error) {
            throw new Refusal(`the token's header is not valid (${(error as Error).message})`);
        }
        if (typeof kid !== "string") throw new Refusal("the token's header names no key (kid)");
        let payload: JWTPayload;
        try {
            ({ payload } = await jwtVerify(token, keys, { issuer, algorithms, requiredClaims: ["exp"] }));
        } catch (error) {
            throw new Refusal(joseReason(error, issuer));
        }
        if (typeof payload.iat === "number" && payload.iat > Math.floor(Date.now() / 1000)) {
            throw new Refusal("the token was issued in the future (iat)");
        }
        if (!audiencesOf(payload).some((audience) => audiences.includes(audience))) {
            throw new Refusal(`the token's audience (aud, else client_id) is not one of ${audiences.join(", ")}`, descriptions.audience);
        }
        return payload;
    }

    return {
        authorizationOf: (route) => routeAuthorization(route, settings),
        async authorize(route, headers) {
            const authorization = routeAuthorization(route, settings);
            if (authorization.type === "NONE") return { allowed: true };
            const scopes = authorization.scopes;
            let payload: JWTPayload;
            try {
                payload = await verify(headers[tokenHeader]);
            } catch (error) {
                if (!(error instanceof Refusal)) throw error;
                const challenge = headers[tokenHeader] ? { scopes: scopes ?? [], description: error.description } : undefined;
                return { allowed: false, response: gatewayResponses.unauthorized(challenge), reason: error.message };
            }
            if (scopes && !tokenScopes(payload)?.some((scope) => scopes.includes(scope))) {
                return { allowed: false, response: gatewayResponses.forbidden(), reason: `the token has none of the route's scopes (${scopes.join(", ")})` };
            }
            return { allowed: true, context: authorizerContext(payload, scopes) };
        },
    };
}
