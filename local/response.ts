import { gatewayAnswers, GatewayStatus } from "../components/gateway-answers";

/** An HTTP response as API Gateway sends it to the client. */
export interface HttpResponse {
    statusCode: number;
    /** Name/value pairs; `set-cookie` may repeat. */
    headers: [string, string][];
    body: Buffer;
}

/** Why a function result cannot become a response (API Gateway then answers 500). */
export class MalformedResultError extends Error {
    constructor(reason: string) {
        super(`malformed Lambda proxy response: ${reason}`);
        this.name = "MalformedResultError";
    }
}

export function jsonResponse(statusCode: number, value: unknown, headers: [string, string][] = []): HttpResponse {
    return {
        statusCode,
        headers: [["content-type", "application/json"], ...headers],
        body: Buffer.from(JSON.stringify(value)),
    };
}

/** What a JWT authorizer's 401 says about a token it could read (RFC 6750 section 3). */
export interface BearerChallenge {
    /** The route's authorization scopes. */
    scopes: readonly string[];
    description?: string;
}

/**
 * The JWT authorizer's `www-authenticate`: bare `Bearer` without a token, else
 * `Bearer scope="" error="invalid_token" error_description="..."`, as AWS shows it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html).
 */
function bearerChallenge(challenge?: BearerChallenge): string {
    if (!challenge) return "Bearer";
    const description = challenge.description === undefined ? "" : ` error_description="${challenge.description}"`;
    return `Bearer scope="${challenge.scopes.join(" ")}" error="invalid_token"${description}`;
}

const answer = (status: GatewayStatus, headers?: [string, string][]) => jsonResponse(status, { message: gatewayAnswers[status].message }, headers);

/** API Gateway's own answers, with its bodies (components/gateway-answers.ts). */
export const gatewayResponses = {
    unauthorized: (challenge?: BearerChallenge) => answer(401, [["www-authenticate", bearerChallenge(challenge)]]),
    forbidden: () => answer(403),
    notFound: () => answer(404),
    tooLarge: () => answer(413),
    internalError: () => answer(500),
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function headerValue(name: string, value: unknown): string {
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw new MalformedResultError(`header ${name} must be a string, number or boolean`);
}

/**
 * Maps a function's result (already JSON-decoded) to the HTTP response, following payload format 2.0:
 * a result without `statusCode` is itself the body of a 200 JSON response.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function toHttpResponse(result: unknown): HttpResponse {
    if (result === undefined) throw new MalformedResultError("the function returned nothing");
    if (!isPlainObject(result) || !("statusCode" in result)) {
        const body = typeof result === "string" ? result : JSON.stringify(result);
        return { statusCode: 200, headers: [["content-type", "application/json"]], body: Buffer.from(body) };
    }
    const { statusCode, headers = {}, cookies = [], body, isBase64Encoded = false } = result;
    if (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
        throw new MalformedResultError("statusCode must be an integer from 100 to 599");
    }
    if (!isPlainObject(headers)) throw new MalformedResultError("headers must be an object");
    if (!Array.isArray(cookies) || cookies.some((cookie) => typeof cookie !== "string")) {
        throw new MalformedResultError("cookies must be an array of strings");
    }
    if (body !== undefined && body !== null && typeof body !== "string") {
        throw new MalformedResultError("body must be a string");
    }
    if (typeof isBase64Encoded !== "boolean") throw new MalformedResultError("isBase64Encoded must be a boolean");
    const pairs: [string, string][] = Object.entries(headers).map(([name, value]) => [
        name.toLowerCase(),
        headerValue(name, value),
    ]);
    for (const cookie of cookies as string[]) pairs.push(["set-cookie", cookie]);
    const text = typeof body === "string" ? body : "";
    return {
        statusCode,
        headers: pairs,
        body: isBase64Encoded ? Buffer.from(text, "base64") : Buffer.from(text),
    };
}
