import type { CorsSettings } from "../components/cors";
import type { HttpResponse } from "./response";

/**
 * CORS as an HTTP API applies it from its CORS configuration
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html): preflight
 * requests are answered without a route or a function, and the configured headers replace any CORS
 * headers the function returns.
 */

/** `*`, an exact origin, or a scheme wildcard such as `https://*`. */
export function isAllowedOrigin(settings: CorsSettings, origin: string): boolean {
    return settings.allowOrigins.some(
        (allowed) => allowed === "*" || allowed === origin || (allowed.endsWith("*") && origin.startsWith(allowed.slice(0, -1))),
    );
}

function allowOriginValue(settings: CorsSettings, origin: string): string {
    return settings.allowOrigins.includes("*") ? "*" : origin;
}

/** A preflight is an OPTIONS request with both `origin` and `access-control-request-method`. */
export function isPreflight(method: string, headers: Record<string, string>): boolean {
    return method === "OPTIONS" && headers.origin !== undefined && headers["access-control-request-method"] !== undefined;
}

export function preflightResponse(settings: CorsSettings, headers: Record<string, string>): HttpResponse {
    const origin = headers.origin;
    const method = headers["access-control-request-method"].toUpperCase();
    const response: HttpResponse = { statusCode: 204, headers: [], body: Buffer.alloc(0) };
    if (!isAllowedOrigin(settings, origin) || !settings.allowMethods.includes(method)) return response;
    response.headers.push(
        ["access-control-allow-origin", allowOriginValue(settings, origin)],
        ["access-control-allow-methods", settings.allowMethods.join(",")],
        ["access-control-allow-headers", settings.allowHeaders.join(",")],
        ["access-control-max-age", String(settings.maxAge)],
    );
    return response;
}

/** The response with the configured CORS headers in place of the function's own. */
export function withCorsHeaders(settings: CorsSettings, origin: string | undefined, response: HttpResponse): HttpResponse {
    const headers = response.headers.filter(([name]) => !name.startsWith("access-control-"));
    if (origin !== undefined && isAllowedOrigin(settings, origin)) {
        headers.push(["access-control-allow-origin", allowOriginValue(settings, origin)]);
        if (settings.exposeHeaders.length > 0) headers.push(["access-control-expose-headers", settings.exposeHeaders.join(",")]);
    }
    return { ...response, headers };
}
