/**
 * The longest an HTTP API waits for an integration before it answers 503, and a hard limit for HTTP APIs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). A function's
 * timeout must end before it, and an API latency at or above it cannot be measured.
 */
export const integrationTimeoutSeconds = 30;
