import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { randomBytes } from "crypto";
import * as http from "http";
import type { CorsSettings } from "../components/cors";
import { openApiPath } from "../components/openapi";
import { isPreflight, preflightResponse, withCorsHeaders } from "./cors";
import { EventIdentity, HttpRequest, joinHeaders, toEventV2 } from "./event-v2";
import type { LocalAuthorizer } from "./jwt-authorizer";
import { requestLine } from "./report";
import { gatewayResponses, HttpResponse, jsonResponse } from "./response";
import type { RouteMatch, Router } from "./router";

/** HTTP APIs accept request payloads up to 10 MB (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). */
export const maxRequestBodyBytes = 10 * 1024 * 1024;

export interface Integration {
    /** Runs the route's function; rejects only when the emulator itself cannot (API Gateway's 500). */
    invoke(match: RouteMatch, event: APIGatewayProxyEventV2): Promise<{ response: HttpResponse; report?: string }>;
}

export interface GatewayOptions {
    router: Router;
    cors: CorsSettings;
    integration: Integration;
    identity: Pick<EventIdentity, "accountId" | "apiId">;
    /** The JWT authorizer; without one every route is open. */
    authorizer?: LocalAuthorizer;
    /** The API's OpenAPI document, served at `GET /openapi.json` (a local addition: API Gateway serves none). */
    openApi?: () => unknown;
    log(line: string): void;
}

interface Answer {
    response: HttpResponse;
    report?: string;
}

interface ReadBody {
    body: Buffer;
    tooLarge: boolean;
}

/** Reads the whole body; past the limit it keeps draining (so the client reads the 413) but stops keeping bytes. */
function readBody(request: http.IncomingMessage): Promise<ReadBody> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        request.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
            if (bytes <= maxRequestBodyBytes) chunks.push(chunk);
        });
        request.on("end", () => resolve({ body: Buffer.concat(chunks), tooLarge: bytes > maxRequestBodyBytes }));
        request.on("error", reject);
    });
}

function send(response: http.ServerResponse, result: HttpResponse, requestId: string): void {
    const grouped = new Map<string, string[]>();
    for (const [name, value] of result.headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
    grouped.set("apigw-requestid", [requestId]);
    grouped.set("content-length", [String(result.body.length)]);
    response.statusCode = result.statusCode;
    for (const [name, values] of grouped) response.setHeader(name, values.length === 1 ? values[0] : values);
    response.end(result.body);
}

/** The API Gateway HTTP API emulator: routing, payload 2.0 events, CORS and its own error answers. */
export function createGatewayServer(options: GatewayOptions): http.Server {
    const { router, cors, integration, identity, authorizer, openApi, log } = options;

    async function answer(request: HttpRequest, requestId: string): Promise<Answer> {
        const rawPath = request.url.split("?")[0];
        if (openApi && request.method === "GET" && rawPath === openApiPath) return { response: jsonResponse(200, openApi()) };
        const match = router.match(request.method, rawPath);
        if (!match) return { response: gatewayResponses.notFound() };
        // The authorizer answers before any function runs; a refused request reaches no handler.
        const decision = authorizer ? await authorizer.authorize(match.route, joinHeaders(request.rawHeaders)) : { allowed: true as const };
        if (!decision.allowed) {
            log(`${request.method} ${rawPath}: ${decision.response.statusCode} from the JWT authorizer: ${decision.reason}`);
            return { response: decision.response };
        }
        const event = toEventV2(request, match, { ...identity, requestId, time: new Date() }, decision.context);
        return integration.invoke(match, event);
    }

    return http.createServer((incoming, outgoing) => {
        const begun = performance.now();
        const requestId = randomBytes(11).toString("base64");
        const method = incoming.method ?? "GET";
        const url = incoming.url ?? "/";
        const finish = (result: Answer) => {
            try {
                send(outgoing, result.response, requestId);
            } catch {
                // A header value Node refuses (say, one with a newline) is a malformed function result.
                if (!outgoing.headersSent) send(outgoing, gatewayResponses.internalError(), requestId);
            }
            log(requestLine(method, url.split("?")[0], outgoing.statusCode, performance.now() - begun, result.report));
        };
        readBody(incoming).then(
            async ({ body, tooLarge }) => {
                const headers = joinHeaders(incoming.rawHeaders);
                if (isPreflight(method, headers)) return finish({ response: preflightResponse(cors, headers) });
                if (tooLarge) return finish({ response: withCorsHeaders(cors, headers.origin, gatewayResponses.tooLarge()) });
                const request: HttpRequest = {
                    method,
                    url,
                    rawHeaders: incoming.rawHeaders,
                    body,
                    sourceIp: (incoming.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
                    httpVersion: incoming.httpVersion,
                    localPort: incoming.socket.localPort ?? 0,
                };
                let result: Answer;
                try {
                    result = await answer(request, requestId);
                } catch (error) {
                    log(`${method} ${url}: ${(error as Error).message}`);
                    result = { response: gatewayResponses.internalError() };
                }
                finish({ ...result, response: withCorsHeaders(cors, headers.origin, result.response) });
            },
            () => outgoing.destroy(),
        );
    });
}
