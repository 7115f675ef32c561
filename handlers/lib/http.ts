import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { HttpError } from "./errors";
import { isUnavailable } from "./unavailable";

export type HttpHandler = (
    event: APIGatewayProxyEventV2,
    context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function json(statusCode: number, body: unknown, headers?: Record<string, string>): APIGatewayProxyStructuredResultV2 {
    return { statusCode, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export function noContent(): APIGatewayProxyStructuredResultV2 {
    return { statusCode: 204 };
}

/**
 * Logs an error that is not the client's with the request id, and answers it: a 503 when the table is
 * throttled or unreachable (throttling typically clears within a second, hence Retry-After: 1),
 * otherwise a 500 that tells the client nothing.
 */
function serverError(error: unknown, { awsRequestId }: Context): APIGatewayProxyStructuredResultV2 {
    const unavailable = isUnavailable(error);
    const { name, message, stack } = (error ?? {}) as Partial<Error>;
    (unavailable ? console.warn : console.error)(
        JSON.stringify({
            level: unavailable ? "WARN" : "ERROR",
            message: unavailable ? "table unavailable" : "unhandled error",
            requestId: awsRequestId,
            errorName: name,
            errorMessage: message ?? String(error),
            stack,
        }),
    );
    return unavailable
        ? json(503, { error: "Service unavailable; retry later" }, { "retry-after": "1" })
        : json(500, { error: "Internal error" });
}

/** Wraps a route's logic with the one error policy, so every handler has exactly one catch. */
export function httpHandler(route: HttpHandler): HttpHandler {
    return async (event, context) => {
        try {
            return await route(event, context);
        } catch (error) {
            return error instanceof HttpError ? json(error.statusCode, { error: error.message }) : serverError(error, context);
        }
    };
}
