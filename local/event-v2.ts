import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { randomBytes } from "crypto";
import type { JwtAuthorizerContext } from "./jwt-claims";
import type { RouteMatch } from "./router";

/** What the emulator knows about one HTTP request, independent of Node's http types. */
export interface HttpRequest {
    method: string;
    /** The request target as sent: path and query string, still percent-encoded. */
    url: string;
    /** Alternating names and values, as sent (Node's `rawHeaders`). */
    rawHeaders: string[];
    body: Buffer;
    sourceIp: string;
    /** e.g. "1.1" */
    httpVersion: string;
    /** The port the request arrived on (API Gateway's is 443). */
    localPort: number;
}

export interface EventIdentity {
    /** API Gateway's request id (`requestContext.requestId`). */
    requestId: string;
    time: Date;
    accountId: string;
    apiId: string;
}

/**
 * Content types that HTTP APIs pass as text; every other body (and one without a content type)
 * arrives base64-encoded with `isBase64Encoded: true`.
 * https://aws.amazon.com/blogs/compute/building-an-api-for-binary-and-text-media-with-amazon-api-gateway-http-apis/
 */
export function isTextContentType(contentType: string | undefined): boolean {
    if (!contentType) return false;
    const mediaType = contentType.split(";")[0].trim().toLowerCase();
    return (
        mediaType.startsWith("text/") ||
        /^application\/(json|xml|javascript)$/.test(mediaType) ||
        /^[a-z]+\/[^;]+\+(json|xml)$/.test(mediaType)
    );
}

/** Lower-cased names, duplicates joined with commas (payload 2.0 has no multi-value fields). */
export function joinHeaders(rawHeaders: string[]): Record<string, string> {
    const headers: Record<string, string> = {};
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
        const name = rawHeaders[i].toLowerCase();
        headers[name] = name in headers ? `${headers[name]},${rawHeaders[i + 1]}` : rawHeaders[i + 1];
    }
    return headers;
}

/**
 * Hop-by-hop headers (RFC 9110 section 7.6.1), which end at API Gateway: Postman sends
 * `connection: keep-alive`, and its captured events have no `connection` header
 * (test/fixtures/api-gateway-events/json-body.json).
 */
const hopByHopHeaders = ["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"];

/** An X-Ray trace header as API Gateway starts one: `Root=1-<epoch seconds, hex>-<96 random bits, hex>`. */
export function newTraceId(time: Date): string {
    return `Root=1-${Math.floor(time.getTime() / 1000).toString(16).padStart(8, "0")}-${randomBytes(12).toString("hex")}`;
}

/**
 * The headers the function sees: the client's, joined, without hop-by-hop and cookie headers, plus what
 * API Gateway adds (every captured event has them): the body's `content-length` (also on a GET that sent
 * none), a trace header unless the client sent one, and the client's address, port and scheme as
 * `x-forwarded-*`, the address appended to any `x-forwarded-for` the client sent. Names in order, as in
 * every captured event.
 */
function eventHeaders(request: HttpRequest, time: Date): Record<string, string> {
    const headers = joinHeaders(request.rawHeaders);
    for (const name of [...hopByHopHeaders, "cookie"]) delete headers[name];
    const forwardedFor = headers["x-forwarded-for"];
    Object.assign(headers, {
        "content-length": String(request.body.length),
        "x-amzn-trace-id": headers["x-amzn-trace-id"] ?? newTraceId(time),
        "x-forwarded-for": forwardedFor ? `${forwardedFor}, ${request.sourceIp}` : request.sourceIp,
        "x-forwarded-port": String(request.localPort),
        "x-forwarded-proto": "http",
    });
    return Object.fromEntries(Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function decodeQueryComponent(value: string): string {
    try {
        return decodeURIComponent(value.replace(/\+/g, " "));
    } catch {
        return value;
    }
}

/** Decoded parameters, duplicates joined with commas; undefined when there is no query string. */
export function queryParameters(rawQueryString: string): Record<string, string> | undefined {
    if (rawQueryString === "") return undefined;
    const parameters: Record<string, string> = {};
    for (const pair of rawQueryString.split("&")) {
        if (pair === "") continue;
        const at = pair.indexOf("=");
        const name = decodeQueryComponent(at === -1 ? pair : pair.slice(0, at));
        const value = at === -1 ? "" : decodeQueryComponent(pair.slice(at + 1));
        parameters[name] = Object.hasOwn(parameters, name) ? `${parameters[name]},${value}` : value;
    }
    return Object.keys(parameters).length > 0 ? parameters : undefined;
}

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `requestContext.time` in API Gateway's CLF form: `12/Mar/2020:19:03:58 +0000`. */
export function clfTime(time: Date): string {
    const two = (n: number) => String(n).padStart(2, "0");
    return (
        `${two(time.getUTCDate())}/${months[time.getUTCMonth()]}/${time.getUTCFullYear()}:` +
        `${two(time.getUTCHours())}:${two(time.getUTCMinutes())}:${two(time.getUTCSeconds())} +0000`
    );
}

function encodeBody(body: Buffer, contentType: string | undefined): Pick<APIGatewayProxyEventV2, "body" | "isBase64Encoded"> {
    if (body.length === 0) return { isBase64Encoded: false };
    if (isTextContentType(contentType)) {
        // Bytes that are not UTF-8 cannot travel as a JSON string unchanged: pass them as base64.
        try {
            return { body: new TextDecoder("utf-8", { fatal: true }).decode(body), isBase64Encoded: false };
        } catch {
            return { body: body.toString("base64"), isBase64Encoded: true };
        }
    }
    return { body: body.toString("base64"), isBase64Encoded: true };
}

/**
 * The HTTP API payload format 2.0 event for a matched request, built as API Gateway builds it; with the
 * JWT authorizer's verdict on a guarded route, `requestContext.authorizer.jwt` carries the token's claims.
 */
export function toEventV2(request: HttpRequest, match: RouteMatch, identity: EventIdentity, jwt?: JwtAuthorizerContext): APIGatewayProxyEventV2 {
    const queryAt = request.url.indexOf("?");
    const rawPath = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? "" : request.url.slice(queryAt + 1);
    const headers = eventHeaders(request, identity.time);
    // Cookies move from the header into `cookies`: one entry per cookie (eventHeaders drops the header).
    const cookies = request.rawHeaders
        .filter((_, i) => i % 2 === 1 && request.rawHeaders[i - 1].toLowerCase() === "cookie")
        .flatMap((value) => value.split(";"))
        .map((cookie) => cookie.trim())
        .filter((cookie) => cookie !== "");
    const domainName = headers.host ?? "localhost";
    const event: APIGatewayProxyEventV2 = {
        version: "2.0",
        routeKey: match.routeKey,
        rawPath,
        rawQueryString,
        headers,
        requestContext: {
            accountId: identity.accountId,
            apiId: identity.apiId,
            domainName,
            domainPrefix: domainName.split(".")[0],
            http: {
                method: request.method,
                path: rawPath,
                protocol: `HTTP/${request.httpVersion}`,
                sourceIp: request.sourceIp,
                userAgent: headers["user-agent"] ?? "",
            },
            requestId: identity.requestId,
            routeKey: match.routeKey,
            stage: "$default",
            time: clfTime(identity.time),
            timeEpoch: identity.time.getTime(),
            ...(jwt && { authorizer: { jwt } }),
        },
        ...encodeBody(request.body, headers["content-type"]),
    };
    if (cookies.length > 0) event.cookies = cookies;
    const query = queryParameters(rawQueryString);
    if (query) event.queryStringParameters = query;
    if (match.pathParameters) event.pathParameters = match.pathParameters;
    return event;
}
