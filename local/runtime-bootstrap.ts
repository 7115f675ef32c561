/**
 * The program inside one execution environment (a child process), playing the part of Lambda's Node.js
 * runtime: load the function's module once (Init), then run one invocation at a time on request from the
 * parent (`environment.ts`). Compiled to plain JS (`buildRuntimeBootstrap`), so that the process starts
 * with `node` alone and its measured init is the function's own.
 *
 * Environment: Lambda's (`LAMBDA_TASK_ROOT`, `_HANDLER`, `NODE_PATH`, `AWS_LAMBDA_FUNCTION_NAME`, ...).
 */
import type { ChildMessage, ParentMessage } from "./environment-protocol";
import { describeError, Handler, invocationContext, invoke, loadHandler } from "./lambda-runtime";
import { logRuntimeError, noRequestId, patchConsole } from "./lambda-log-format";
import { nodePathFolders, resolveEsmFromNodePath } from "./node-path-resolution";

/** Node's own start-up: from process start (performance.timeOrigin) until this module runs. */
const bootMs = performance.now();

function send(message: ChildMessage): void {
    process.send?.(message);
}

function maxMemoryMb(): number {
    return Math.round(process.resourceUsage().maxRSS / 1024);
}

// The parent owns shutdown: Ctrl-C reaches the whole process group, and a dying parent
// disconnects the IPC channel, which ends this process too (no orphans).
process.on("SIGINT", () => undefined);
process.on("disconnect", () => process.exit(0));

// The console writes the runtime's log records (AWS_LAMBDA_LOG_FORMAT, AWS_LAMBDA_LOG_LEVEL) from Init on.
let currentRequestId = noRequestId;
patchConsole({ format: process.env.AWS_LAMBDA_LOG_FORMAT, level: process.env.AWS_LAMBDA_LOG_LEVEL, requestId: () => currentRequestId });

// An ES module finds the runtime's SDK through NODE_PATH, as on Lambda.
resolveEsmFromNodePath(nodePathFolders(process.env.NODE_PATH));

function init(): Promise<Handler> {
    return loadHandler(process.env.LAMBDA_TASK_ROOT ?? ".", process.env._HANDLER ?? "index.handler");
}

const started = performance.now();
init().then(
    (handler) => {
        send({ type: "ready", bootMs, initDurationMs: performance.now() - started });
        process.on("message", (message: ParentMessage) => {
            if (message.type !== "invoke") return;
            const context = invocationContext({
                requestId: message.requestId,
                functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? "function",
                functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
                memorySizeMb: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? "",
                logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
                logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
                invokedFunctionArn: message.invokedFunctionArn,
                deadlineMs: message.deadlineMs,
            });
            currentRequestId = message.requestId;
            void invoke(handler, message.event, context).then((outcome) => {
                currentRequestId = noRequestId;
                send(
                    outcome.status === "success"
                        ? { type: "result", requestId: message.requestId, durationMs: outcome.durationMs, maxMemoryMb: maxMemoryMb(), payload: outcome.payload }
                        : { ...outcome, type: "error", requestId: message.requestId, maxMemoryMb: maxMemoryMb() },
                );
            });
        });
    },
    (error: unknown) => {
        logRuntimeError("Init Error", error);
        send({ type: "init-error", initDurationMs: performance.now() - started, ...describeError(error) });
    },
);
