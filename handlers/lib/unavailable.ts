/**
 * Whether an error means the table is throttled or cannot be reached, so the client should retry later
 * (503 + Retry-After) rather than see a 500. In SDK v3 terms (client-dynamodb 3.x): a server fault
 * (`$fault: "server"`: InternalServerError, ServiceUnavailable), the throttling exceptions (client faults
 * that clear by themselves: ThrottlingException, ProvisionedThroughputExceededException,
 * RequestLimitExceeded; the table has no local index, so no ItemCollectionSizeLimitExceededException),
 * the request or connection timeout (TimeoutError, from requestHandler in dynamo.ts), or a
 * socket-level failure (Node's system error codes: ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE, ENOTFOUND,
 * EAI_AGAIN, ...; not Node's own ERR_* codes, which are bugs). Written short: it is in every bundle.
 */
export function isUnavailable(error: unknown): boolean {
    const { name, code, $fault } = (error ?? {}) as { name?: unknown; code?: unknown; $fault?: unknown };
    return $fault === "server" || /Throttl|Exceeded|Timeout/.test(String(name)) || /^E(AI_AGAIN|[A-Z]+)$/.test(String(code));
}
