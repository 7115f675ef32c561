/**
 * Every response header a handler may set. `json()` accepts only these (a type, so no handler bundle
 * carries the list), and CORS exposes to browsers the ones that are not CORS-safelisted
 * (components/cors.ts), so a header added here is readable from a web page without a second edit.
 */
export const responseHeaders = ["content-type", "location", "retry-after", "idempotent-replayed"] as const;

export type ResponseHeader = (typeof responseHeaders)[number];
