import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { randomUUID } from "crypto";
import { pathParameterNames, RouteDefinition, routeKey } from "../../components/routes";

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

/** An API Gateway HTTP API payload 2.0 event for a route of the route table. */
export function createTestEventV2(route: RouteDefinition, request: TestRequest = {}): APIGatewayProxyEventV2 {
    const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(request.pathParameters?.[name] ?? ""),
    );
    const query = request.queryStringParameters;
    const headers = Object.fromEntries(
        Object.entries({ host: "api.test", "user-agent": "mocha", ...request.headers }).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const now = new Date();
    return {
        version: "2.0",
        routeKey: routeKey(route),
        rawPath,
        rawQueryString: request.rawQueryString ?? (query ? new URLSearchParams(query).toString() : ""),
        headers,
        ...(query && { queryStringParameters: query }),
        ...(request.pathParameters && { pathParameters: request.pathParameters }),
        requestContext: {
            accountId: "123456789012",
            apiId: "testapi",
            domainName: "api.test",
            domainPrefix: "api",
            http: { method: route.method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "mocha" },
            requestId: randomUUID(),
            routeKey: routeKey(route),
            stage: "$default",
            time: now.toUTCString(),
            timeEpoch: now.getTime(),
            ...(request.jwtClaims && { authorizer: { jwt: { claims: request.jwtClaims, scopes: request.jwtScopes ?? null } } }),
        },
        ...(request.body !== undefined && { body: request.body }),
        isBase64Encoded: request.isBase64Encoded ?? false,
    };
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
