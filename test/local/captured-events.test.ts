import * as assert from "assert";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import * as http from "http";
import type { AddressInfo } from "net";
import { corsSettings } from "../../components/cors";
import type { HttpMethod, RouteDefinition } from "../../components/routes";
import { routes } from "../../components/routes";
import { DevIssuer, startDevIssuer } from "../../local/dev-issuer";
import { createLocalAuthorizer } from "../../local/jwt-authorizer";
import { jsonResponse } from "../../local/response";
import { createRouter } from "../../local/router";
import { createGatewayServer } from "../../local/server";
import { CapturedEventFile, capturedEvent, capturedEventFiles, createTestEventV2, gatewayAddedHeaders, jwtAuthorizerOf } from "../support/api-gateway-event";

/**
 * Every key of a value and the JSON type of what it holds: what a function can rely on. Two events with
 * the same shape differ only in values.
 */
function shape(value: unknown): unknown {
    if (value === null) return "null";
    if (Array.isArray(value)) return value.map(shape);
    if (typeof value === "object") return Object.fromEntries(Object.keys(value as object).sort().map((key) => [key, shape((value as Record<string, unknown>)[key])]));
    return typeof value;
}

/** `value` without `keys`. */
function omit<T extends object>(value: T, keys: readonly string[]): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key))) as Partial<T>;
}

/** The route a captured event was matched to, as a route of this project's table would declare it. */
function capturedRoute(event: APIGatewayProxyEventV2): RouteDefinition {
    const path = event.routeKey.split(" ")[1];
    return { ...routes[0], name: "captured", method: event.requestContext.http.method as HttpMethod, path, writes: jwtAuthorizerOf(event) !== undefined };
}

interface Replayed {
    event: APIGatewayProxyEventV2;
    sent: Record<string, string>;
}

/**
 * Sends the request a captured event came from (its method, path, query, body and the headers the
 * client sent, as Node's client sends them) through the emulator's HTTP server, and returns the event
 * the function received.
 */
async function replay(captured: APIGatewayProxyEventV2, issuer?: DevIssuer, token?: string): Promise<Replayed> {
    const route = capturedRoute(captured);
    let received: APIGatewayProxyEventV2 | undefined;
    const authorizer = issuer && (await createLocalAuthorizer({ jwtIssuer: issuer.issuer, jwtAudiences: [issuer.audience] }));
    const server = createGatewayServer({
        router: createRouter([route]),
        cors: corsSettings(["*"]),
        identity: { accountId: "000000000000", apiId: "local" },
        authorizer,
        integration: {
            invoke: async (_match, event) => {
                received = event;
                return { response: jsonResponse(200, {}) };
            },
        },
        log: () => undefined,
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const sent = Object.fromEntries(Object.entries(captured.headers).filter(([name]) => !gatewayAddedHeaders.includes(name))) as Record<string, string>;
    if (token) sent.authorization = `Bearer ${token}`;
    // As Postman sends it (json-body.json's client), and as Node's client would anyway.
    sent.connection = "keep-alive";
    try {
        const status = await new Promise<number>((resolve, reject) => {
            const target = captured.rawPath + (captured.rawQueryString ? `?${captured.rawQueryString}` : "");
            const body = captured.body ?? "";
            const outgoing = http.request(
                { host: "127.0.0.1", port: (server.address() as AddressInfo).port, method: captured.requestContext.http.method, path: target, headers: { ...sent, ...(body && { "content-length": Buffer.byteLength(body) }) } },
                (incoming) => {
                    incoming.resume();
                    incoming.on("end", () => resolve(incoming.statusCode ?? 0));
                },
            );
            outgoing.on("error", reject);
            outgoing.end(body);
        });
        assert.strictEqual(status, 200);
    } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
    }
    assert.ok(received, "the integration was not invoked");
    return { event: received, sent };
}

/** The claims of the token a captured JWT event came from, as the issuer signed them: numeric dates are numbers in a JWT. */
function tokenClaims(captured: APIGatewayProxyEventV2, issuer: DevIssuer): Record<string, unknown> {
    const claims: Record<string, unknown> = { ...jwtAuthorizerOf(captured)!.claims };
    for (const date of ["auth_time", "iat", "exp"]) claims[date] = Number(claims[date]);
    const now = Math.floor(Date.now() / 1000);
    return { ...claims, iss: issuer.issuer, aud: issuer.audience, iat: now - 5, exp: now + 300 };
}

describe("the emulator's and the tests' events against events captured from API Gateway", function () {
    this.timeout(30_000);
    let issuer: DevIssuer;
    before(async () => {
        issuer = await startDevIssuer();
    });
    after(() => issuer?.close());

    for (const file of capturedEventFiles) {
        it(`the emulator gives the request of ${file} an event with the captured one's keys and value types`, async () => {
            const captured = capturedEvent(file);
            const jwt = jwtAuthorizerOf(captured) !== undefined;
            const { event, sent } = await replay(captured, jwt ? issuer : undefined, jwt ? await issuer.sign(tokenClaims(captured, issuer)) : undefined);
            assert.deepStrictEqual(shape(event), shape(captured));
            // The headers API Gateway adds, with the values the request gives them.
            assert.strictEqual(event.headers["content-length"], String(Buffer.byteLength(captured.body ?? "")));
            assert.strictEqual(event.headers["content-length"], captured.headers["content-length"]);
            assert.strictEqual(event.headers["x-forwarded-for"], "127.0.0.1");
            assert.match(event.headers["x-amzn-trace-id"]!, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
            assert.match(captured.headers["x-amzn-trace-id"]!, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
            // Header names in order, as captured; the domain from the host the client sent.
            assert.deepStrictEqual(Object.keys(event.headers), Object.keys(captured.headers));
            assert.deepStrictEqual([event.requestContext.domainName, event.requestContext.domainPrefix], [captured.requestContext.domainName, captured.requestContext.domainPrefix]);
            assert.strictEqual(event.body, captured.body);
            assert.strictEqual(sent.connection, "keep-alive");
            assert.ok(!("connection" in event.headers), "the client's connection header reached the event");
        });
    }

    it("passes the captured token's claims as the strings API Gateway passed, with scopes null on a route without scopes", async () => {
        const captured = capturedEvent("jwt-authorizer.json");
        const { event } = await replay(captured, issuer, await issuer.sign(tokenClaims(captured, issuer)));
        const { claims, scopes } = jwtAuthorizerOf(event)!;
        const capturedClaims = jwtAuthorizerOf(captured)!.claims;
        const replaced = ["iss", "aud", "iat", "exp"];
        assert.deepStrictEqual(omit(claims, replaced), omit(capturedClaims, replaced));
        assert.deepStrictEqual([claims.iss, claims.aud, typeof claims.iat, typeof claims.exp, scopes], [issuer.issuer, issuer.audience, "string", "string", null]);
        assert.strictEqual(claims.auth_time, "1718636404");
    });

    /**
     * What API Gateway makes of any request, with what the request itself decides left out: its body,
     * path and query parameters and cookies, the headers the client chose, the token's claims.
     */
    function gatewayParts(event: APIGatewayProxyEventV2): unknown {
        const { headers, requestContext } = event;
        const jwt = jwtAuthorizerOf(event);
        return shape({
            ...omit(event, ["body", "pathParameters", "queryStringParameters", "cookies"]),
            headers: Object.fromEntries(Object.entries(headers).filter(([name]) => gatewayAddedHeaders.includes(name) || name === "host")),
            requestContext: { ...requestContext, ...(jwt && { authorizer: { jwt: { claims: {}, scopes: jwt.scopes } } }) },
        });
    }

    const route = (name: string) => routes.find((candidate) => candidate.name === name)!;
    const testEvents: [CapturedEventFile, RouteDefinition, Parameters<typeof createTestEventV2>[1]][] = [
        ["path-parameter.json", route("get-event"), { pathParameters: { id: "42" } }],
        ["jwt-authorizer.json", route("delete-event"), { pathParameters: { id: "42" }, jwtClaims: { sub: "alice" } }],
        ["json-body.json", route("create-event"), { headers: { "Content-Type": "application/json" }, body: '{"name":"Launch"}' }],
    ];
    for (const [file, route, request] of testEvents) {
        it(`the handler tests' event for ${route.name} is ${file} with the route's and the request's parts put in`, () => {
            const captured = capturedEvent(file);
            const event = createTestEventV2(route, request);
            assert.deepStrictEqual(gatewayParts(event), gatewayParts(captured));
            assert.deepStrictEqual([event.body, event.pathParameters, event.headers["content-type"]], [request?.body, request?.pathParameters, request?.headers?.["Content-Type"]]);
            assert.strictEqual(event.headers["content-length"], String(Buffer.byteLength(request?.body ?? "")));
            assert.deepStrictEqual(Object.keys(event.headers), Object.keys(event.headers).sort());
            assert.match(event.requestContext.time, /^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
            assert.deepStrictEqual([event.routeKey, event.requestContext.routeKey, event.requestContext.http.method], [`${route.method} ${route.path}`, `${route.method} ${route.path}`, route.method]);
        });
    }
});
