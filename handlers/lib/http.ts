import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { type ErrorBody, HttpError } from "./errors";
import type { ResponseHeader } from "./response-headers";
import { isUnavailable } from "./unavailable";

export type HttpHandler = (
    event: APIGatewayProxyEventV2,
    context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function json(statusCode: number, body: unknown, headers?: Partial<Record<ResponseHeader, string>>): APIGatewayProxyStructuredResultV2 {
    return { statusCode, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export function noContent(): APIGatewayProxyStructuredResultV2 {
    return { statusCode: 204 };
}

/**
 * Logs an error that is not the client's and answers it: a 503 when the table is throttled or unreachable
 * (throttling typically clears within a second, hence Retry-After: 1), otherwise a 500 that tells the
 * client nothing. The record is one object, which the runtime's JSON log format keeps as an object under
 * `message` (next to its own `timestamp`, `level` and `requestId`), and the runtime renders the error in
 * it as `{errorType, errorMessage, stackTrace}` plus its own fields (a socket error's `code`, the SDK's
 * `$metadata`), so Logs Insights filters on `message.error.errorType`; a string would arrive as escaped text.
 */
function serverError(error: unknown): APIGatewayProxyStructuredResultV2 {
    const unavailable = isUnavailable(error);
    (unavailable ? console.warn : console.error)({ event: unavailable ? "table unavailable" : "unhandled error", error });
    return unavailable
        ? json(503, { message: "Service unavailable", code: "unavailable" } satisfies ErrorBody, { "retry-after": "1" })
        : json(500, { message: "Internal error", code: "internal-error" } satisfies ErrorBody);
}

/** Wraps a route's logic with the one error policy, so every handler has exactly one catch. */
export function httpHandler(route: HttpHandler): HttpHandler {
    return async (event, context) => {
        try {
            return await route(event, context);
        } catch (error) {
            return error instanceof HttpError ? json(error.statusCode, error.body) : serverError(error);
        }
    };
}
