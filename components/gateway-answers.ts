/**
 * The answers API Gateway gives itself, before or instead of a function: `{"message": <message>}` with
 * `content-type: application/json`, which an HTTP API cannot customise. The local emulator answers with
 * these (local/response.ts); the OpenAPI document (components/openapi.ts) and docs/api.md describe them.
 */
export const gatewayAnswers = {
    401: { message: "Unauthorized", when: "from the JWT authorizer, when there is no token or it does not verify (with a `WWW-Authenticate: Bearer` challenge)" },
    403: { message: "Forbidden", when: "from the JWT authorizer, when the token has none of the route's scopes" },
    404: { message: "Not Found", when: "when no route matches the method and path" },
    413: { message: "Request Entity Too Large", when: "when the body is over the HTTP API's 10 MB payload limit" },
    429: { message: "Too Many Requests", when: "when the stage's or the route's throttle is exceeded" },
    500: { message: "Internal Server Error", when: "when the function failed: it threw, timed out, or returned no proxy result" },
} as const;

export type GatewayStatus = keyof typeof gatewayAnswers;
