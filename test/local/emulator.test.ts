import * as assert from "assert";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import * as net from "net";
import { startLocalStack } from "../../local/stack";
import { maxRequestBodyBytes } from "../../local/server";
import { ReceivedResponse, send } from "../support/local-http";
import { fixtureEntries, reportLines, startRecordedStack, useRecordedStack } from "../support/local-stack-fixture";

interface Echo {
    event: APIGatewayProxyEventV2;
    pid: number;
    loadedAt: number;
    primedAt?: number;
    invocations: number;
    env: Record<string, string | undefined>;
}

const echo = (response: ReceivedResponse) => response.json() as Echo;

describe("local API Gateway and Lambda emulator", function () {
    this.timeout(30_000);
    const recorded = useRecordedStack({ entryOverrides: fixtureEntries, functionTimeoutMs: 1500, maxEnvironments: 3 });

    const environments = () => recorded.stack.functions.map((fn) => fn.environments);

    it("answers an unmatched path or method 404 Not Found without starting any function", async () => {
        for (const [method, path] of [["GET", "/nope"], ["PUT", "/events"], ["GET", "/events/"], ["OPTIONS", "/events"]]) {
            const response = await send(recorded.stack.url, { method, path });
            assert.strictEqual(response.status, 404, `${method} ${path}`);
            assert.deepStrictEqual(response.json(), { message: "Not Found" });
            assert.strictEqual(response.headers["content-type"], "application/json");
        }
        assert.deepStrictEqual(environments(), [0, 0, 0, 0]);
        assert.deepStrictEqual(reportLines(recorded.lines), []);
    });

    it("answers a body over 10 MB 413 without invoking, and passes one of exactly 10 MB", async () => {
        const tooLarge = await send(recorded.stack.url, { method: "POST", path: "/events", headers: { "content-type": "text/plain" }, body: Buffer.alloc(maxRequestBodyBytes + 1, 97) });
        assert.strictEqual(tooLarge.status, 413);
        assert.deepStrictEqual(tooLarge.json(), { message: "Request Entity Too Large" });
        assert.deepStrictEqual(reportLines(recorded.lines), []);
        const limit = await send(recorded.stack.url, { method: "POST", path: "/events", headers: { "content-type": "text/plain", "x-fixture": "no-status" }, body: Buffer.alloc(maxRequestBodyBytes, 97) });
        assert.strictEqual(limit.status, 200);
    });

    it("hands the function a payload 2.0 event built from the request", async () => {
        const response = await send(recorded.stack.url, {
            method: "POST",
            path: "/events?tag=a%20b&tag=c&empty=",
            headers: { "Content-Type": "application/json", "X-Multi": ["1", "2"], Cookie: "s=1; t=2", "User-Agent": "test-agent" },
            body: '{"name":"Ünïcode"}',
        });
        assert.strictEqual(response.status, 200);
        const { event, env } = echo(response);
        assert.strictEqual(event.version, "2.0");
        assert.strictEqual(event.routeKey, "POST /events");
        assert.strictEqual(event.rawPath, "/events");
        assert.strictEqual(event.rawQueryString, "tag=a%20b&tag=c&empty=");
        assert.deepStrictEqual(event.queryStringParameters, { tag: "a b,c", empty: "" });
        assert.strictEqual(event.headers["x-multi"], "1,2");
        assert.strictEqual(event.headers["content-type"], "application/json");
        assert.deepStrictEqual(event.cookies, ["s=1", "t=2"]);
        assert.strictEqual(event.body, '{"name":"Ünïcode"}');
        assert.strictEqual(event.isBase64Encoded, false);
        assert.strictEqual(event.pathParameters, undefined);
        assert.strictEqual(event.requestContext.http.method, "POST");
        assert.strictEqual(event.requestContext.http.sourceIp, "127.0.0.1");
        assert.strictEqual(event.requestContext.http.userAgent, "test-agent");
        assert.strictEqual(event.requestContext.requestId, response.headers["apigw-requestid"]);
        assert.strictEqual(event.requestContext.stage, "$default");
        assert.ok(Math.abs(event.requestContext.timeEpoch - Date.now()) < 60_000);
        assert.deepStrictEqual(env, {
            TABLE_NAME: recorded.stack.dynamo.tableName,
            LIST_INDEX_NAME: "events-by-created-at",
            AWS_ENDPOINT_URL_DYNAMODB: recorded.stack.dynamo.endpoint,
            AWS_LAMBDA_FUNCTION_NAME: "events-api-create-event",
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024",
        });
    });

    it("URL-decodes path parameters and base64-encodes a binary body", async () => {
        const { event } = echo(await send(recorded.stack.url, { method: "DELETE", path: "/events/x%23y%2F..", headers: { "content-type": "image/png" }, body: Buffer.from([1, 2, 255]) }));
        assert.deepStrictEqual(event.pathParameters, { id: "x#y/.." });
        assert.strictEqual(event.isBase64Encoded, true);
        assert.deepStrictEqual(Buffer.from(event.body ?? "", "base64"), Buffer.from([1, 2, 255]));
    });

    it("maps the result back: status, headers, cookies as set-cookie, base64 body, configured CORS headers", async () => {
        const response = await send(recorded.stack.url, { path: "/events", headers: { "x-fixture": "binary", origin: "https://app.example" } });
        assert.strictEqual(response.status, 201);
        assert.strictEqual(response.headers["content-type"], "application/octet-stream");
        assert.strictEqual(response.headers["x-count"], "7");
        assert.deepStrictEqual(response.headers["set-cookie"], ["a=1; Path=/", "b=2"]);
        assert.deepStrictEqual(response.body, Buffer.from([0, 1, 2, 255]));
        assert.strictEqual(response.headers["access-control-allow-origin"], "*");
        assert.strictEqual(response.headers["access-control-expose-headers"], "location,retry-after,idempotent-replayed");
    });

    it("answers a result without statusCode as a 200 JSON body", async () => {
        const response = await send(recorded.stack.url, { path: "/events", headers: { "x-fixture": "no-status" } });
        assert.strictEqual(response.status, 200);
        assert.strictEqual(response.headers["content-type"], "application/json");
        assert.deepStrictEqual(response.json(), { hello: "world" });
    });

    it("answers a CORS preflight itself, from the component's settings", async () => {
        const response = await send(recorded.stack.url, { method: "OPTIONS", path: "/events/abc", headers: { origin: "https://app.example", "access-control-request-method": "DELETE" } });
        assert.strictEqual(response.status, 204);
        assert.strictEqual(response.headers["access-control-allow-origin"], "*");
        assert.strictEqual(response.headers["access-control-allow-methods"], "DELETE,GET,POST");
        assert.strictEqual(response.headers["access-control-allow-headers"], "authorization,content-type,idempotency-key");
    });

    it("pays the cold start once per environment, then reuses it warm", async () => {
        const before = reportLines(recorded.lines).length;
        const first = echo(await send(recorded.stack.url, { path: "/events/warm" }));
        const second = echo(await send(recorded.stack.url, { path: "/events/warm" }));
        assert.strictEqual(second.pid, first.pid);
        assert.strictEqual(second.loadedAt, first.loadedAt);
        assert.strictEqual(second.invocations, first.invocations + 1);
        // The bundle is an ES module (index.mjs): Init waited for its top-level await, the fixture's prime,
        // which finishes a timer turn after the module loaded and before the first invocation ran.
        assert.ok(first.primedAt !== undefined && first.primedAt >= first.loadedAt, `loaded at ${first.loadedAt}, primed at ${first.primedAt}`);
        assert.strictEqual(first.invocations, 1);
        const [cold, warm] = reportLines(recorded.lines).slice(before);
        assert.match(cold, /^GET \/events\/warm 200 [\d.]+ ms\tREPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 1024 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms$/);
        assert.doesNotMatch(warm, /Init Duration/);
    });

    it("gives each function its own route's default memory, in AWS_LAMBDA_FUNCTION_MEMORY_SIZE and its REPORT lines", async () => {
        const requests = [
            ["GET", "/events"],
            ["POST", "/events"],
            ["GET", "/events/memory"],
            ["DELETE", "/events/memory"],
        ] as const;
        const before = reportLines(recorded.lines).length;
        const variables = [];
        for (const [method, path] of requests) variables.push(echo(await send(recorded.stack.url, { method, path })).env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
        assert.deepStrictEqual(variables, ["1024", "1024", "1024", "1024"]);
        const reported = reportLines(recorded.lines)
            .slice(before)
            .map((line) => [line.split(" ", 2).join(" "), /\tMemory Size: (\d+) MB\t/.exec(line)?.[1]]);
        assert.deepStrictEqual(reported, [
            ["GET /events", "1024"],
            ["POST /events", "1024"],
            ["GET /events/memory", "1024"],
            ["DELETE /events/memory", "1024"],
        ]);
    });

    it("runs each function in its own process", async () => {
        const pids = new Set<number>();
        for (const [method, path] of [["GET", "/events"], ["POST", "/events"], ["GET", "/events/a"], ["DELETE", "/events/a"]]) {
            pids.add(echo(await send(recorded.stack.url, { method, path })).pid);
        }
        assert.strictEqual(pids.size, 4);
        assert.ok(!pids.has(process.pid));
    });

    it("serves concurrent requests from more environments, up to the limit, then queues", async () => {
        const sleepy = () => send(recorded.stack.url, { method: "DELETE", path: "/events/c", headers: { "x-fixture": "sleep", "x-sleep-ms": "300" } });
        const burst = await Promise.all([1, 2, 3, 4, 5, 6].map(sleepy));
        assert.deepStrictEqual(burst.map((r) => r.status), [200, 200, 200, 200, 200, 200]);
        const pids = new Set(burst.map((r) => echo(r).pid));
        assert.strictEqual(pids.size, 3);
        assert.strictEqual(recorded.stack.functions.find((fn) => fn.route.name === "delete-event")?.environments, 3);
    });

    it("answers 500 when the function throws, without leaking its message, and keeps the environment", async () => {
        const before = echo(await send(recorded.stack.url, { path: "/events/e" })).pid;
        const response = await send(recorded.stack.url, { path: "/events/e", headers: { "x-fixture": "throw" } });
        assert.strictEqual(response.status, 500);
        assert.deepStrictEqual(response.json(), { message: "Internal Server Error" });
        assert.strictEqual(echo(await send(recorded.stack.url, { path: "/events/e" })).pid, before);
    });

    it("answers 500 to a malformed result and to a result that is nothing", async () => {
        for (const fixture of ["malformed", "nothing"]) {
            const response = await send(recorded.stack.url, { path: "/events/m", headers: { "x-fixture": fixture } });
            assert.strictEqual(response.status, 500, fixture);
            assert.deepStrictEqual(response.json(), { message: "Internal Server Error" });
        }
    });

    it("answers 500 when the function runs past its timeout, and discards that environment", async () => {
        const before = echo(await send(recorded.stack.url, { path: "/events/t" }));
        const response = await send(recorded.stack.url, { path: "/events/t", headers: { "x-fixture": "sleep", "x-sleep-ms": "5000" } });
        assert.strictEqual(response.status, 500);
        assert.deepStrictEqual(response.json(), { message: "Internal Server Error" });
        assert.ok(recorded.lines.some((line) => line.includes("Task timed out after 1.50 seconds")));
        assert.match(reportLines(recorded.lines).at(-1) ?? "", /Duration: 1500.00 ms.*Status: timeout/);
        const after = echo(await send(recorded.stack.url, { path: "/events/t" }));
        assert.notStrictEqual(after.pid, before.pid);
        assert.throws(() => process.kill(before.pid, 0), /ESRCH/);
    });

    it("answers 500 when the runtime exits mid-invocation, and starts a new environment next time", async () => {
        const before = echo(await send(recorded.stack.url, { path: "/events/x" }));
        assert.strictEqual((await send(recorded.stack.url, { path: "/events/x", headers: { "x-fixture": "exit" } })).status, 500);
        assert.notStrictEqual(echo(await send(recorded.stack.url, { path: "/events/x" })).pid, before.pid);
    });

    it("ends every environment process on close", async () => {
        const extra = await startRecordedStack({ entryOverrides: fixtureEntries });
        await send(extra.stack.url, { path: "/events" });
        const pids = extra.stack.functions.flatMap((fn) => fn.pids);
        assert.strictEqual(pids.length, 1);
        await extra.stack.close();
        assert.throws(() => process.kill(pids[0], 0), /ESRCH/);
    });

    it("fails to start on a port in use with EADDRINUSE, leaving nothing running", async () => {
        const blocker = net.createServer();
        await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
        const port = (blocker.address() as net.AddressInfo).port;
        try {
            await assert.rejects(startLocalStack({ port, entryOverrides: fixtureEntries }), { code: "EADDRINUSE" });
        } finally {
            blocker.close();
        }
    });
});
