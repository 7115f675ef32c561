/**
 * The program inside one execution environment (a child process), playing the part of Lambda's
 * Node.js runtime: load the bundle once (the cold start), then run one invocation at a time on
 * request from the parent. Built to plain JS by `local/environment.ts`; imports nothing at runtime
 * but Node itself, so the measured init is the bundle's own.
 */
import * as path from "path";
import { performance } from "perf_hooks";
import type { ParentMessage, ChildMessage } from "./environment-protocol";

function send(message: ChildMessage): void {
    process.send?.(message);
}

function maxMemoryMb(): number {
    return Math.round(process.resourceUsage().maxRSS / 1024);
}

function describe(error: unknown): { errorType: string; errorMessage: string } {
    if (error instanceof Error) return { errorType: error.name, errorMessage: error.message };
    return { errorType: "Error", errorMessage: String(error) };
}

// The parent owns shutdown: Ctrl-C reaches the whole process group, and a dying parent
// disconnects the IPC channel, which ends this process too (no orphans).
process.on("SIGINT", () => undefined);
process.on("disconnect", () => process.exit(0));

type Handler = (event: unknown, context: unknown) => Promise<unknown>;
let handler: Handler | undefined;

const [file, exportName] = (process.env._HANDLER ?? "index.handler").split(".");
const started = performance.now();
try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(path.join(process.env.LAMBDA_TASK_ROOT ?? ".", `${file}.js`)) as Record<string, unknown>;
    if (typeof loaded[exportName] !== "function") {
        throw Object.assign(new Error(`${file}.${exportName} is undefined or not exported`), {
            name: "Runtime.HandlerNotFound",
        });
    }
    handler = loaded[exportName] as Handler;
    send({ type: "ready", initDurationMs: performance.now() - started });
} catch (error) {
    console.error(error);
    send({ type: "init-error", initDurationMs: performance.now() - started, ...describe(error) });
}

process.on("message", (message: ParentMessage) => {
    if (message.type !== "invoke" || !handler) return;
    const context = {
        awsRequestId: message.requestId,
        functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
        functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
        memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
        logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
        logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
        invokedFunctionArn: message.invokedFunctionArn,
        callbackWaitsForEmptyEventLoop: true,
        getRemainingTimeInMillis: () => Math.max(0, message.deadlineMs - Date.now()),
    };
    const begun = performance.now();
    Promise.resolve()
        .then(() => handler!(message.event, context))
        .then(
            (result) => {
                const durationMs = performance.now() - begun;
                let payload: string | undefined;
                try {
                    payload = result === undefined ? undefined : JSON.stringify(result);
                } catch (error) {
                    send({ type: "error", requestId: message.requestId, durationMs, maxMemoryMb: maxMemoryMb(), ...describe(error) });
                    return;
                }
                send({ type: "result", requestId: message.requestId, durationMs, maxMemoryMb: maxMemoryMb(), payload });
            },
            (error: unknown) => {
                console.error(`Invoke Error ${message.requestId}`, error);
                const durationMs = performance.now() - begun;
                send({ type: "error", requestId: message.requestId, durationMs, maxMemoryMb: maxMemoryMb(), ...describe(error) });
            },
        );
});
