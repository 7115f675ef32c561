import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { randomUUID } from "crypto";
import { readFileSync } from "fs";
import * as path from "path";
import { pathParameterNames, RouteDefinition, routeKey } from "../../components/routes";
import { clfTime } from "../../local/event-v2";

/** The events deployed HTTP APIs delivered, copied verbatim (test/fixtures/api-gateway-events/README.md). */
export const capturedEventFiles = ["path-parameter.json", "jwt-authorizer.json", "json-body.json"] as const;

export type CapturedEventFile = (typeof capturedEventFiles)[number];

export function capturedEvent(file: CapturedEventFile): APIGatewayProxyEventV2 {
    // json-body.json starts with a byte order mark, as its source does; JSON.parse does not skip one.
    const text = readFileSync(path.join(__dirname, "..", "fixtures", "api-gateway-events", file), "utf8").replace(/^\uFEFF/, "");
    return JSON.parse(text) as APIGatewayProxyEventV2;
}

/** The JWT authorizer's part of an event's request context, if it has one. */
export function jwtAuthorizerOf(event: APIGatewayProxyEventV2): { claims: Record<string, string>; scopes: string[] | null } | undefined {
    return (event.requestContext as unknown as { authorizer?: { jwt: { claims: Record<string, string>; scopes: string[] | null } } }).authorizer?.jwt;
}

/** The headers API Gateway itself adds to every request (every captured event has them); the others are the client's. */
export const gatewayAddedHeaders = ["content-length", "x-amzn-trace-id", "x-forwarded-for", "x-forwarded-port", "x-forwarded-proto"];

/** What a test says about a request; everything else is filled in as API Gateway would. */
export interface TestRequest {
    pathParameters?: Record<string, string>;
    queryStringParameters?: Record<string, string>;
    /** The query as sent, when it says more than the parameters (a repeated one); else made from them. */
    rawQueryString?: string;
    /** Header names as sent; API Gateway lower-cases them, and so does this factory. */
    headers?: Record<string, string>;
    body?: string;
    isBase64Encoded?: boolean;
    /** A JWT authorizer's verified claims, as API Gateway passes them (strings), in `requestContext.authorizer.jwt`. */
    jwtClaims?: Record<string, string>;
    /** The token's scopes on a route with authorization scopes (API Gateway's `scopes`); null without. */
    jwtScopes?: string[];
}

/**
 * An API Gateway HTTP API payload 2.0 event for a route of the route table: a captured event (with a JWT
 * authorizer's verdict when the request has claims, else a plain one) with the route's and the request's
 * parts put in, so every key the handlers never read (the trace header, `x-forwarded-*`, the request
 * context's ids and domain) is there as API Gateway sends it.
 */
export function createTestEventV2(route: RouteDefinition, request: TestRequest = {}): APIGatewayProxyEventV2 {
    const event = capturedEvent(request.jwtClaims ? "jwt-authorizer.json" : "path-parameter.json");
    const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(request.pathParameters?.[name] ?? ""));
    const query = request.queryStringParameters;
    const body = request.body ?? "";
    const now = new Date();
    const context = event.requestContext;
    event.routeKey = routeKey(route);
    event.rawPath = rawPath;
    event.rawQueryString = request.rawQueryString ?? (query ? new URLSearchParams(query).toString() : "");
    // The captured request's own headers stay (host, accept, user-agent, a JWT capture's authorization), the test's are added.
    event.headers = Object.fromEntries(
        Object.entries({
            ...event.headers,
            ...request.headers,
            "content-length": String(Buffer.byteLength(body, request.isBase64Encoded ? "base64" : "utf8")),
        })
            .map(([name, value]) => [name.toLowerCase(), value])
            .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    delete event.queryStringParameters;
    delete event.pathParameters;
    delete event.body;
    if (query) event.queryStringParameters = query;
    if (request.pathParameters) event.pathParameters = request.pathParameters;
    if (request.body !== undefined) event.body = request.body;
    event.isBase64Encoded = request.isBase64Encoded ?? false;
    event.requestContext = {
        ...context,
        http: { ...context.http, method: route.method, path: rawPath },
        requestId: randomUUID(),
        routeKey: routeKey(route),
        time: clfTime(now),
        timeEpoch: now.getTime(),
        ...(request.jwtClaims && { authorizer: { jwt: { claims: request.jwtClaims, scopes: request.jwtScopes ?? null } } }),
    };
    return event;
}

/**
 * A request `route` accepts, from its shape in the route table: `id` for every path parameter, a new
 * event as the body of a POST; no query string.
 */
export function acceptedRequest(route: Pick<RouteDefinition, "method" | "path">, id: string): TestRequest {
    const names = pathParameterNames(route.path);
    const request: TestRequest = names.length > 0 ? { pathParameters: Object.fromEntries(names.map((name) => [name, id])) } : {};
    if (route.method !== "POST") return request;
    return { ...request, headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Accepted" }) };
}
