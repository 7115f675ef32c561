/**
 * What the SDK reports, as an error `name` or a socket `code`, when the table is throttled or cannot
 * be reached: the client should retry later (503 + Retry-After) rather than see a 500. Only what
 * GetItem, PutItem, DeleteItem and Query through this client can raise: DynamoDB's own exceptions
 * (client-dynamodb 3.x) and the HTTP handler's timeouts and socket errors.
 */
const retryLaterErrors = new Set<unknown>([
    // Throttling: too many requests right now, not a wrong request.
    "ThrottlingException",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    // Server-side failures DynamoDB asks clients to retry.
    "InternalServerError",
    "ServiceUnavailable",
    // The request or connection timeout (requestHandler in dynamo.ts).
    "TimeoutError",
    // Socket-level failures: the endpoint cannot be reached or does not answer.
    "ECONNREFUSED",
    "ECONNRESET",
    "ECONNABORTED",
    "ETIMEDOUT",
    "EPIPE",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "ENOTFOUND",
    "EAI_AGAIN",
]);

export function isUnavailable(error: unknown): boolean {
    const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
    return retryLaterErrors.has(name) || retryLaterErrors.has(code);
}
