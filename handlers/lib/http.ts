import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { HttpError } from "./errors";
import { isUnavailable } from "./unavailable";

export type HttpHandler = (
    event: APIGatewayProxyEventV2,
    context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Seconds a client should wait after a 503; DynamoDB throttling typically clears within a second. */
export const retryAfterSeconds = 1;

export function json(
    statusCode: number,
    body: unknown,
    headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
    return {
        statusCode,
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
    };
}

export function noContent(): APIGatewayProxyStructuredResultV2 {
    return { statusCode: 204 };
}

function errorBody(statusCode: number, message: string, headers: Record<string, string> = {}) {
    return json(statusCode, { error: message }, headers);
}

/** The one error policy: client errors as thrown, throttled/unreachable as 503, the rest as a logged 500. */
function errorResponse(error: unknown, context: Context): APIGatewayProxyStructuredResultV2 {
    if (error instanceof HttpError) {
        return errorBody(error.statusCode, error.message, error.headers);
    }
    const detail = error instanceof Error ? { errorName: error.name, errorMessage: error.message } : { error: String(error) };
    if (isUnavailable(error)) {
        console.warn(JSON.stringify({ level: "WARN", message: "table unavailable", requestId: context.awsRequestId, ...detail }));
        return errorBody(503, "The service is temporarily unavailable; retry later", {
            "retry-after": String(retryAfterSeconds),
        });
    }
    console.error(
        JSON.stringify({
            level: "ERROR",
            message: "unhandled error",
            requestId: context.awsRequestId,
            ...detail,
            stack: error instanceof Error ? error.stack : undefined,
        }),
    );
    return errorBody(500, "Internal error");
}

/** Wraps a route's logic with the error policy, so every handler has exactly one catch. */
export function httpHandler(route: HttpHandler): HttpHandler {
    return async (event, context) => {
        try {
            return await route(event, context);
        } catch (error) {
            return errorResponse(error, context);
        }
    };
}

/** A request header by name; API Gateway lower-cases names in payload 2.0, but test tools may not. */
export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
    const headers = event.headers ?? {};
    const exact = headers[name];
    if (exact !== undefined) return exact;
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
    return key === undefined ? undefined : headers[key];
}
