/**
 * What Lambda's Node.js runtime does with a function's code, in one place for everything here that runs
 * a handler as Lambda would: the local stack's execution environments and the benchmarks (through
 * `runtime-bootstrap.ts`, in a process of their own) and the handler tests (in process). It resolves the
 * `_HANDLER` setting to an exported function, builds the invocation context, and runs one invocation,
 * JSON-serialising the result as the runtime does before API Gateway sees it.
 *
 * Imports nothing but types, Node's own modules and the runtime's log format, so the bootstrap compiled
 * from it loads no code besides the function's.
 */
import type { Context } from "aws-lambda";
import { existsSync } from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { logRuntimeError } from "./lambda-log-format";

export type Handler = (event: unknown, context: Context) => unknown;

export interface ErrorDescription {
    errorType: string;
    errorMessage: string;
}

/** An error as the runtime reports it: its name as the type, its message. */
export function describeError(error: unknown): ErrorDescription {
    if (error instanceof Error) return { errorType: error.name, errorMessage: error.message };
    return { errorType: "Error", errorMessage: String(error) };
}

/** `index.handler`: the module file (without `.js`) and the name of its exported function. */
export function parseHandlerSetting(setting: string): { file: string; exportName: string } {
    const at = setting.lastIndexOf(".");
    return { file: setting.slice(0, at), exportName: setting.slice(at + 1) };
}

/** The function a loaded module exports under the handler setting's name; Lambda's error when there is none. */
export function handlerFrom(exported: Record<string, unknown>, setting: string): Handler {
    const { file, exportName } = parseHandlerSetting(setting);
    if (typeof exported[exportName] !== "function") {
        throw Object.assign(new Error(`${file}.${exportName} is undefined or not exported`), { name: "Runtime.HandlerNotFound" });
    }
    return exported[exportName] as Handler;
}

/**
 * A real `import()`. TypeScript compiles `import()` in a CommonJS module to `require()`, which cannot load
 * an ES module with top-level await; a function body is left alone by both TypeScript and esbuild.
 */
const importModule = new Function("url", "return import(url)") as (url: string) => Promise<Record<string, unknown>>;

/**
 * Init's module load, as Lambda's Node.js runtime interface client does it (src/function/module-loader.ts
 * of aws-lambda-nodejs-runtime-interface-client): the handler setting's file as is, then with `.js`, `.mjs`
 * and `.cjs`, the first that exists loaded by `import`, whose promise settles only once an ES module's
 * top-level await has: Init waits for it just so.
 */
export async function loadHandler(taskRoot: string, setting: string): Promise<Handler> {
    const { file } = parseHandlerSetting(setting);
    const base = path.resolve(taskRoot, file);
    for (const extension of ["", ".js", ".mjs", ".cjs"]) {
        const candidate = base + extension;
        if (existsSync(candidate)) return handlerFrom(await importModule(pathToFileURL(candidate).href), setting);
    }
    throw Object.assign(new Error(`Cannot find module '${file}'`), { name: "Runtime.ImportModuleError" });
}

export interface ContextFields {
    requestId: string;
    functionName: string;
    memorySizeMb: number | string;
    invokedFunctionArn: string;
    /** Epoch ms when the function times out. */
    deadlineMs: number;
    functionVersion?: string;
    logGroupName?: string;
    logStreamName?: string;
}

/** The `context` Lambda passes a Node.js handler. */
export function invocationContext(fields: ContextFields): Context {
    return {
        callbackWaitsForEmptyEventLoop: true,
        functionName: fields.functionName,
        functionVersion: fields.functionVersion ?? "$LATEST",
        invokedFunctionArn: fields.invokedFunctionArn,
        memoryLimitInMB: String(fields.memorySizeMb),
        awsRequestId: fields.requestId,
        logGroupName: fields.logGroupName ?? `/aws/lambda/${fields.functionName}`,
        logStreamName: fields.logStreamName ?? "local/[$LATEST]0",
        getRemainingTimeInMillis: () => Math.max(0, fields.deadlineMs - Date.now()),
        // The callback-era methods exist on the context object; async handlers never call them.
        done: () => undefined,
        fail: () => undefined,
        succeed: () => undefined,
    };
}

export type InvocationOutcome =
    | { status: "success"; /** The result as JSON, absent when the handler returned nothing. */ payload?: string; durationMs: number }
    | ({ status: "error"; durationMs: number } & ErrorDescription);

/**
 * Runs one invocation: the handler's duration (what REPORT calls Duration) and its result as JSON, or the
 * error it threw or rejected with. A result that cannot be serialised is an error, as in Lambda.
 */
export async function invoke(handler: Handler, event: unknown, context: Context): Promise<InvocationOutcome> {
    const begun = performance.now();
    try {
        const result = await handler(event, context);
        const durationMs = performance.now() - begun;
        try {
            return { status: "success", payload: result === undefined ? undefined : JSON.stringify(result), durationMs };
        } catch (error) {
            return { status: "error", durationMs, ...describeError(error) };
        }
    } catch (error) {
        logRuntimeError("Invoke Error", error);
        return { status: "error", durationMs: performance.now() - begun, ...describeError(error) };
    }
}
