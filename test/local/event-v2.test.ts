import * as assert from "assert";
import { createRouter } from "../../local/router";
import { clfTime, HttpRequest, isTextContentType, queryParameters, toEventV2 } from "../../local/event-v2";

const identity = { requestId: "req-1", time: new Date(Date.UTC(2020, 2, 12, 19, 3, 58)), accountId: "000000000000", apiId: "local" };

function request(overrides: Partial<HttpRequest>): HttpRequest {
    return {
        method: "GET",
        url: "/events/abc",
        rawHeaders: ["Host", "127.0.0.1:3000", "User-Agent", "curl/8"],
        body: Buffer.alloc(0),
        sourceIp: "127.0.0.1",
        httpVersion: "1.1",
        localPort: 3000,
        ...overrides,
    };
}

function eventFor(overrides: Partial<HttpRequest>) {
    const req = request(overrides);
    const match = createRouter().match(req.method, req.url.split("?")[0]);
    assert.ok(match, `no route for ${req.method} ${req.url}`);
    return toEventV2(req, match, identity);
}

describe("local payload 2.0 events", () => {
    it("builds version, route key, raw path and request context as API Gateway does", () => {
        const event = eventFor({});
        assert.strictEqual(event.version, "2.0");
        assert.strictEqual(event.routeKey, "GET /events/{id}");
        assert.strictEqual(event.rawPath, "/events/abc");
        assert.strictEqual(event.rawQueryString, "");
        assert.deepStrictEqual(event.pathParameters, { id: "abc" });
        assert.deepStrictEqual(event.requestContext, {
            accountId: "000000000000",
            apiId: "local",
            domainName: "127.0.0.1:3000",
            domainPrefix: "127",
            http: { method: "GET", path: "/events/abc", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "curl/8" },
            requestId: "req-1",
            routeKey: "GET /events/{id}",
            stage: "$default",
            time: "12/Mar/2020:19:03:58 +0000",
            timeEpoch: Date.UTC(2020, 2, 12, 19, 3, 58),
        });
        assert.strictEqual(event.isBase64Encoded, false);
        assert.strictEqual(event.body, undefined);
        assert.strictEqual(event.queryStringParameters, undefined);
        assert.strictEqual(event.cookies, undefined);
    });

    it("lower-cases header names, joins duplicates with commas, and adds content-length, a trace header and x-forwarded-*, names in order", () => {
        const event = eventFor({ rawHeaders: ["X-Trace", "a", "x-trace", "b", "Accept", "text/html"] });
        assert.match(event.headers["x-amzn-trace-id"]!, /^Root=1-5e6a879e-[0-9a-f]{24}$/);
        assert.deepStrictEqual(event.headers, {
            accept: "text/html",
            "content-length": "0",
            "x-amzn-trace-id": event.headers["x-amzn-trace-id"],
            "x-forwarded-for": "127.0.0.1",
            "x-forwarded-port": "3000",
            "x-forwarded-proto": "http",
            "x-trace": "a,b",
        });
        assert.deepStrictEqual(Object.keys(event.headers), ["accept", "content-length", "x-amzn-trace-id", "x-forwarded-for", "x-forwarded-port", "x-forwarded-proto", "x-trace"]);
    });

    it("drops hop-by-hop headers, keeps a trace header the client sent, and appends the client's address to its x-forwarded-for", () => {
        const event = eventFor({
            rawHeaders: ["Connection", "keep-alive", "Keep-Alive", "timeout=5", "Transfer-Encoding", "chunked", "X-Amzn-Trace-Id", "Root=1-00000001-000000000000000000000001", "X-Forwarded-For", "203.0.113.7"],
            body: Buffer.from("{}"),
        });
        assert.deepStrictEqual(event.headers, {
            "content-length": "2",
            "x-amzn-trace-id": "Root=1-00000001-000000000000000000000001",
            "x-forwarded-for": "203.0.113.7, 127.0.0.1",
            "x-forwarded-port": "3000",
            "x-forwarded-proto": "http",
        });
    });

    it("moves cookies from every cookie header into cookies", () => {
        const event = eventFor({ rawHeaders: ["Cookie", "a=1; b=2", "cookie", "c=3"] });
        assert.deepStrictEqual(event.cookies, ["a=1", "b=2", "c=3"]);
        assert.strictEqual(event.headers.cookie, undefined);
    });

    it("keeps the raw query string and decodes parameters, duplicates joined with commas", () => {
        const event = eventFor({ method: "GET", url: "/events?limit=5&tag=a%20b&tag=c+d&flag" });
        assert.strictEqual(event.rawQueryString, "limit=5&tag=a%20b&tag=c+d&flag");
        assert.deepStrictEqual(event.queryStringParameters, { limit: "5", tag: "a b,c d", flag: "" });
        assert.deepStrictEqual(queryParameters(""), undefined);
    });

    it("passes a JSON body as text and a binary body as base64", () => {
        const json = eventFor({ method: "POST", url: "/events", rawHeaders: ["content-type", "application/json; charset=utf-8"], body: Buffer.from('{"name":"é"}') });
        assert.deepStrictEqual([json.body, json.isBase64Encoded], ['{"name":"é"}', false]);
        const binary = eventFor({ method: "POST", url: "/events", rawHeaders: ["content-type", "application/octet-stream"], body: Buffer.from([0, 255]) });
        assert.deepStrictEqual([binary.body, binary.isBase64Encoded], ["AP8=", true]);
        const untyped = eventFor({ method: "POST", url: "/events", body: Buffer.from("{}") });
        assert.deepStrictEqual([untyped.body, untyped.isBase64Encoded], [Buffer.from("{}").toString("base64"), true]);
    });

    it("passes a text body that is not UTF-8 as base64, keeping its bytes", () => {
        const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
        const event = eventFor({ method: "POST", url: "/events", rawHeaders: ["content-type", "application/json"], body: bytes });
        assert.strictEqual(event.isBase64Encoded, true);
        assert.deepStrictEqual(Buffer.from(event.body ?? "", "base64"), bytes);
    });

    it("treats text/*, JSON, XML and +json types as text and the rest as binary", () => {
        for (const type of ["text/plain", "application/json", "application/problem+json", "application/xml", "TEXT/CSV; charset=x"]) {
            assert.strictEqual(isTextContentType(type), true, type);
        }
        for (const type of [undefined, "", "application/octet-stream", "image/png", "application/x-www-form-urlencoded", "multipart/form-data"]) {
            assert.strictEqual(isTextContentType(type), false, String(type));
        }
    });

    it("formats requestContext.time in CLF with a zero-padded day", () => {
        assert.strictEqual(clfTime(new Date(Date.UTC(2024, 0, 5, 3, 4, 5))), "05/Jan/2024:03:04:05 +0000");
    });
});
