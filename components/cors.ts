import { responseHeaders } from "../handlers/lib/response-headers";
import { routes } from "./routes";

/**
 * Response headers a browser lets a page read without `Access-Control-Expose-Headers`
 * (https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name).
 */
const safelistedResponseHeaders = new Set(["cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma"]);

/**
 * CORS settings of the HTTP API. API Gateway answers preflight requests from them (no OPTIONS route,
 * no function invocation); the local stack answers preflight from the same values.
 */
export interface CorsSettings<Origins = string[]> {
    /** The origins as given: a list locally, a `pulumi.Input` of one in the component. */
    allowOrigins: Origins;
    allowMethods: string[];
    allowHeaders: string[];
    exposeHeaders: string[];
    /** Seconds a browser may cache a preflight answer. */
    maxAge: number;
}

/**
 * The CORS settings for the given origins: methods come from the route table, exposed headers from the
 * handlers' list of response headers (every one a browser would otherwise hide), request headers from
 * the API contract.
 */
export function corsSettings<Origins>(allowOrigins: Origins): CorsSettings<Origins> {
    return {
        allowOrigins,
        allowMethods: [...new Set(routes.map((route) => route.method))].sort(),
        // `authorization` carries the JWT the write routes' authorizer checks.
        allowHeaders: ["authorization", "content-type", "idempotency-key"],
        exposeHeaders: responseHeaders.filter((header) => !safelistedResponseHeaders.has(header)),
        maxAge: 3600,
    };
}
