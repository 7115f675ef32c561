import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { randomUUID } from "crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { bundleFileName, BundleOptions, cachedBundle, lambdaHandler } from "../../components/bundle";
import { runtimeNodePath } from "../../local/local-function";
import { RouteDefinition, routes } from "../../components/routes";
import { createTestEventV2, TestRequest } from "./api-gateway-event";
import { Handler as RuntimeHandler, invocationContext, invoke, loadHandler as loadTaskRoot } from "../../local/lambda-runtime";

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface TestResponse {
    statusCode: number;
    headers: Record<string, string>;
    /** The raw body, as API Gateway would send it. */
    text: string | undefined;
    /** The body parsed as JSON, when it is JSON. */
    json: Record<string, unknown> | undefined;
    context: Context;
}

export function routeNamed(name: string): RouteDefinition {
    const route = routes.find((candidate) => candidate.name === name);
    if (!route) throw new Error(`no route named ${name} in the route table`);
    return route;
}

/** Where this test process writes the bundles it loads: outside the project, beside the runtime's SDK only. */
let taskRoots: string | undefined;
let loads = 0;

/**
 * Runs bundled code as a fresh module, as a new Lambda execution environment would: written as the
 * function's index.mjs into a task root of its own, loaded by the local runtime's `loadHandler` (so Init,
 * priming included, has finished when this resolves). Its module scope (env reads, DynamoDB client) is
 * evaluated now, against the current process.env; the SDK reads its endpoint from the environment on the
 * first call, which the prime makes during the load.
 */
export async function loadBundledHandler(code: string, name: string): Promise<Handler> {
    if (!taskRoots) {
        const dir = mkdtempSync(path.join(os.tmpdir(), "events-api-test-bundles-"));
        process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
        // The SDK beside the task roots, where Node's own resolution finds it. A resolve hook for NODE_PATH,
        // as the execution environments have (test/bench/cold-start.test.ts), would slow every later
        // require of this test process, the Pulumi SDK's thousands included.
        symlinkSync(runtimeNodePath, path.join(dir, "node_modules"), "dir");
        taskRoots = dir;
    }
    // A new file each time: Node caches an ES module by its URL for the life of the process.
    const taskRoot = path.join(taskRoots, `${name}-${loads++}`);
    mkdirSync(taskRoot);
    writeFileSync(path.join(taskRoot, bundleFileName), code);
    return (await loadTaskRoot(taskRoot, lambdaHandler)) as unknown as Handler;
}

/** A route's production bundle, or one built with `options` (each built once per test run), loaded as a fresh module. */
export async function loadHandler(route: RouteDefinition, options: BundleOptions = {}): Promise<Handler> {
    return loadBundledHandler((await cachedBundle(route.entry, options)).code, route.name);
}

/** Sets environment variables, returning a function that puts the previous values back. */
export function applyEnv(vars: Record<string, string | undefined>): () => void {
    const previous = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
    const set = (values: Record<string, string | undefined>) => {
        for (const [name, value] of Object.entries(values)) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
    };
    set(vars);
    return () => set(previous);
}

/** The context Lambda would pass, with a fresh request id and the default 10 s timeout left to run. */
export function testContext(functionName: string): Context {
    return invocationContext({
        requestId: randomUUID(),
        functionName,
        memorySizeMb: 512,
        invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
        deadlineMs: Date.now() + 10_000,
    });
}

export type Invoke = (routeName: string, request?: TestRequest) => Promise<TestResponse>;

/** Loads every route's bundle (built with `options`) once and returns a function that invokes one of them. */
export async function loadApi(options: BundleOptions = {}): Promise<Invoke> {
    // Side by side, as separate environments would start: each Init primes its client, and a table that
    // does not answer holds each for up to the client's timeouts.
    const handlers = new Map<string, Handler>(await Promise.all(routes.map(async (route) => [route.name, await loadHandler(route, options)] as const)));
    return async (routeName, request = {}) => {
        const route = routeNamed(routeName);
        const context = testContext(route.name);
        // Through the runtime's own invoke: the handler's result arrives as Lambda serialises it.
        const outcome = await invoke(handlers.get(route.name) as RuntimeHandler, createTestEventV2(route, request), context);
        if (outcome.status === "error") throw new Error(`${route.name} failed: ${outcome.errorType}: ${outcome.errorMessage}`);
        const result = JSON.parse(outcome.payload ?? "{}") as APIGatewayProxyStructuredResultV2;
        const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
        const isJson = headers["content-type"] === "application/json" && result.body !== undefined;
        return {
            statusCode: result.statusCode ?? 200,
            headers,
            text: result.body,
            json: isJson ? JSON.parse(result.body!) : undefined,
            context,
        };
    };
}

/** A JSON POST /events request. */
export function jsonRequest(body: unknown, headers: Record<string, string> = {}): TestRequest {
    return { headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}
