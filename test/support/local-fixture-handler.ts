import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";

/**
 * A stand-in handler for the emulator's own tests: the `x-fixture` request header picks a
 * behaviour, so one bundle exercises every way a function can answer or fail.
 */
const loadedAt = Date.now();
let invocations = 0;
// Init runs outside any invocation: the runtime logs it without a request id.
if (process.env.FIXTURE_LOG_AT_INIT) console.log("loaded");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let primedAt: number | undefined;

/**
 * What the bundle's top-level await runs during Init, in place of a route's prime: it finishes only after
 * a timer turn, so a first invocation that sees `primedAt` set shows that Init waited for it.
 */
export async function prime(): Promise<void> {
    await sleep(20);
    primedAt = Date.now();
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2 | undefined> {
    invocations++;
    switch (event.headers["x-fixture"]) {
        case "throw":
            throw new Error("fixture failure at secret.ts:12");
        case "malformed":
            return { statusCode: "teapot" } as unknown as APIGatewayProxyResultV2;
        case "nothing":
            return undefined;
        case "no-status":
            return { hello: "world" } as unknown as APIGatewayProxyResultV2;
        case "exit":
            process.exit(3);
        case "log": {
            // One call per shape the runtime formats differently (local/lambda-log-format.ts).
            const failure = Object.assign(new TypeError("bad \"input\""), { code: "E_FIXTURE" });
            failure.stack = "TypeError: bad \"input\"\n    at fixture (index.js:1:1)";
            console.log("plain text");
            console.info({ route: event.routeKey, count: 2, nested: { ok: true } });
            console.debug("below the INFO level");
            console.warn("two %s and", "arguments", failure);
            console.error({ event: "caught", error: failure });
            const cycle: Record<string, unknown> = { name: "cycle" };
            cycle.self = cycle;
            console.error(cycle);
            break;
        }
        case "sleep":
            await sleep(Number(event.headers["x-sleep-ms"] ?? "0"));
            break;
        case "binary":
            return {
                statusCode: 201,
                headers: { "content-type": "application/octet-stream", "x-count": 7, "access-control-allow-origin": "https://evil.example" },
                cookies: ["a=1; Path=/", "b=2"],
                isBase64Encoded: true,
                body: Buffer.from([0, 1, 2, 255]).toString("base64"),
            };
    }
    return {
        statusCode: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
            event,
            pid: process.pid,
            loadedAt,
            primedAt,
            invocations,
            env: {
                TABLE_NAME: process.env.TABLE_NAME,
                LIST_INDEX_NAME: process.env.LIST_INDEX_NAME,
                AWS_ENDPOINT_URL_DYNAMODB: process.env.AWS_ENDPOINT_URL_DYNAMODB,
                AWS_LAMBDA_FUNCTION_NAME: process.env.AWS_LAMBDA_FUNCTION_NAME,
                AWS_LAMBDA_FUNCTION_MEMORY_SIZE: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
                NODE_OPTIONS: process.env.NODE_OPTIONS,
            },
        }),
    };
}
