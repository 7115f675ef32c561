/** DynamoDB error names that mean "too many requests right now", not "your request is wrong". */
const throttlingErrorNames = new Set([
    "ThrottlingException",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "LimitExceededException",
    "TooManyRequestsException",
]);

/** Server-side failures DynamoDB asks clients to retry. */
const transientServiceErrorNames = new Set(["InternalServerError", "ServiceUnavailable"]);

/** Socket-level failures: the table's endpoint cannot be reached or does not answer in time. */
const networkErrorCodes = new Set([
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

/**
 * Whether an error from the SDK means the table is throttled or unreachable, so the client should
 * retry later (503 + Retry-After) rather than see a 500.
 */
export function isUnavailable(error: unknown): boolean {
    if (typeof error !== "object" || error === null) return false;
    const { name, code } = error as { name?: unknown; code?: unknown };
    return (
        (typeof name === "string" &&
            (throttlingErrorNames.has(name) ||
                transientServiceErrorNames.has(name) ||
                name === "TimeoutError" ||
                name === "AbortError")) ||
        (typeof code === "string" && networkErrorCodes.has(code))
    );
}
