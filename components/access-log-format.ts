/**
 * The HTTP API stage's access log line: one JSON object per request with what an operator needs to
 * debug a request (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html).
 * Every value is quoted: a variable that has no value logs `-`, which would break unquoted JSON numbers.
 */
export const accessLogFields: Record<string, string> = {
    requestId: "$context.requestId",
    requestTime: "$context.requestTime",
    httpMethod: "$context.httpMethod",
    path: "$context.path",
    routeKey: "$context.routeKey",
    status: "$context.status",
    protocol: "$context.protocol",
    responseLength: "$context.responseLength",
    responseLatency: "$context.responseLatency",
    integrationLatency: "$context.integrationLatency",
    integrationStatus: "$context.integrationStatus",
    integrationRequestId: "$context.integration.requestId",
    integrationErrorMessage: "$context.integrationErrorMessage",
    // API Gateway's own error for a request it answered itself (429 throttled, 404 no route, ...).
    errorMessage: "$context.error.message",
    ip: "$context.identity.sourceIp",
    userAgent: "$context.identity.userAgent",
};

export const accessLogFormat = JSON.stringify(accessLogFields);
