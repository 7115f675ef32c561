/**
 * An event id no event has (ids are UUIDs the create route makes; a request's id must be a UUID): what a
 * route's prime reads, or deletes, so that it changes nothing. (The list route, which reads no single
 * event, primes with a one-event first page.)
 */
const primeId = "prime";

/**
 * Priming: one DynamoDB request while the module loads (the bundle's top-level await, which Lambda's Init
 * waits for), the route's own request for `primeId`, so the client's one-time work (credentials, endpoint
 * rules, signing, the keep-alive connection) is paid during Init, with its CPU burst, instead of in the
 * first invocation. Its outcome is ignored: a prime that fails (no network, throttled, denied) costs at
 * most the client's timeouts (two attempts of 1 s) and never fails Init; a request that then fails for
 * real is the handler's, which answers it.
 */
export function primeWith(request: (id: string) => Promise<unknown>): () => Promise<unknown> {
    return () => request(primeId).catch(() => undefined);
}
