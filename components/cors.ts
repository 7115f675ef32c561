import { routes } from "./routes";

/**
 * CORS settings of the HTTP API. API Gateway answers preflight requests from them (no OPTIONS route,
 * no function invocation); the local stack answers preflight from the same values.
 */
export interface CorsSettings {
    allowOrigins: string[];
    allowMethods: string[];
    allowHeaders: string[];
    exposeHeaders: string[];
    /** Seconds a browser may cache a preflight answer. */
    maxAge: number;
}

/** The CORS settings for the given origins: methods come from the route table, headers from the API contract. */
export function corsSettings(allowOrigins: string[]): CorsSettings {
    return {
        allowOrigins,
        allowMethods: [...new Set(routes.map((route) => route.method))].sort(),
        allowHeaders: ["content-type", "idempotency-key"],
        exposeHeaders: ["location"],
        maxAge: 3600,
    };
}
