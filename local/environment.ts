import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { createInterface } from "readline";
import { compileScript } from "../tools/compile-script";
import type { ChildMessage, InvokeMessage } from "./environment-protocol";

/** Compiles `runtime-bootstrap.ts` to `dir/bootstrap.js`, the program every execution environment runs. */
export function buildRuntimeBootstrap(dir: string): Promise<string> {
    return compileScript(path.join(__dirname, "runtime-bootstrap.ts"), path.join(dir, "bootstrap.js"));
}

/** Lambda gives the init phase 10 s before it gives up on an environment. */
export const initTimeoutMs = 10_000;

export interface EnvironmentSpec {
    functionName: string;
    /** The built `local/runtime-bootstrap.ts` (`buildRuntimeBootstrap`). */
    bootstrapFile: string;
    /** The `node` binary. @default - the one running this process */
    node?: string;
    /**
     * A command that ends by running its arguments (`node bootstrap.js`), to start the process inside
     * something, such as a CPU cgroup. @default - none: node itself
     */
    launcher?: string[];
    /** How long Init may take. @default - Lambda's 10 s */
    initTimeoutMs?: number;
    /** The process environment, complete: nothing is inherited from the emulator. */
    env: Record<string, string>;
    /** The function timeout for one invocation. */
    timeoutMs: number;
    /** Receives each line the function writes to stdout or stderr. */
    onLog(line: string): void;
}

export type Invocation =
    | { status: "success"; payload: unknown; durationMs: number; maxMemoryMb: number }
    | { status: "error"; errorType: string; errorMessage: string; durationMs: number; maxMemoryMb?: number };

/**
 * One execution environment: its own Node.js process with its own module scope and environment
 * variables, running one invocation at a time, as a Lambda execution environment does.
 */
export class ExecutionEnvironment {
    private exited = false;
    private busy = false;

    private constructor(
        private readonly child: ChildProcess,
        private readonly spec: EnvironmentSpec,
        /** Module load of the bundle, client construction included: Lambda's Init Duration. */
        readonly initDurationMs: number,
        /** Node's own start-up before the bootstrap ran (0 when Init failed). */
        readonly bootMs: number,
        /** Set when the bundle failed to load; the environment is then unusable. */
        readonly initError?: { errorType: string; errorMessage: string },
    ) {
        child.once("exit", () => {
            this.exited = true;
        });
    }

    /** Starts the process and waits for the bundle to load (the cold start). */
    static start(spec: EnvironmentSpec): Promise<ExecutionEnvironment> {
        const [command, ...args] = [...(spec.launcher ?? []), spec.node ?? process.execPath, spec.bootstrapFile];
        const child = spawn(command, args, { env: spec.env, stdio: ["ignore", "pipe", "pipe", "ipc"], serialization: "json" });
        child.on("error", (error) => spec.onLog(`${spec.functionName}: ${error.message}`));
        for (const stream of [child.stdout, child.stderr]) {
            if (stream) createInterface({ input: stream }).on("line", (line) => spec.onLog(line));
        }
        return new Promise((resolve) => {
            const settle = (initDurationMs: number, bootMs: number, initError?: ExecutionEnvironment["initError"]) => {
                clearTimeout(timer);
                child.off("message", onMessage);
                child.off("exit", onExit);
                if (initError) child.kill("SIGKILL");
                resolve(new ExecutionEnvironment(child, spec, initDurationMs, bootMs, initError));
            };
            const onMessage = (message: ChildMessage) => {
                if (message.type === "ready") settle(message.initDurationMs, message.bootMs);
                if (message.type === "init-error") settle(message.initDurationMs, 0, message);
            };
            const onExit = (code: number | null, signal: string | null) =>
                settle(0, 0, { errorType: "Runtime.ExitError", errorMessage: `exited during init (${signal ?? code})` });
            const timeoutMs = spec.initTimeoutMs ?? initTimeoutMs;
            const timer = setTimeout(
                () => settle(timeoutMs, 0, { errorType: "Runtime.InitTimeout", errorMessage: "init timed out" }),
                timeoutMs,
            );
            child.on("message", onMessage);
            child.once("exit", onExit);
        });
    }

    /** False once the process has ended or been discarded. */
    get alive(): boolean {
        return !this.exited && this.initError === undefined;
    }

    /**
     * Runs one invocation. A function that runs past its timeout gets its process killed (Lambda
     * discards a timed-out environment) and a `Sandbox.Timedout` error.
     */
    invoke(message: Omit<InvokeMessage, "type" | "deadlineMs">): Promise<Invocation> {
        if (!this.alive || this.busy) throw new Error("environment is not available");
        this.busy = true;
        const { child, spec } = this;
        const begun = performance.now();
        return new Promise<Invocation>((resolve) => {
            const settle = (invocation: Invocation) => {
                clearTimeout(timer);
                child.off("message", onMessage);
                child.off("exit", onExit);
                this.busy = false;
                resolve(invocation);
            };
            const onMessage = (reply: ChildMessage) => {
                if (reply.type === "result" && reply.requestId === message.requestId) {
                    let payload: unknown;
                    try {
                        payload = reply.payload === undefined ? undefined : JSON.parse(reply.payload);
                    } catch {
                        payload = undefined;
                    }
                    settle({ status: "success", payload, durationMs: reply.durationMs, maxMemoryMb: reply.maxMemoryMb });
                }
                if (reply.type === "error" && reply.requestId === message.requestId) settle({ ...reply, status: "error" });
            };
            const onExit = (code: number | null, signal: string | null) =>
                settle({
                    status: "error",
                    errorType: "Runtime.ExitError",
                    errorMessage: `RequestId: ${message.requestId} Error: Runtime exited (${signal ?? code})`,
                    durationMs: performance.now() - begun,
                });
            const timer = setTimeout(() => {
                child.off("exit", onExit);
                this.exited = true;
                child.kill("SIGKILL");
                const seconds = (spec.timeoutMs / 1000).toFixed(2);
                spec.onLog(`${new Date().toISOString()} ${message.requestId} Task timed out after ${seconds} seconds`);
                settle({
                    status: "error",
                    errorType: "Sandbox.Timedout",
                    errorMessage: `Task timed out after ${seconds} seconds`,
                    durationMs: spec.timeoutMs,
                });
            }, spec.timeoutMs);
            child.on("message", onMessage);
            child.once("exit", onExit);
            // A send to a process that just died fails here; its exit event settles the invocation.
            child.send({ ...message, type: "invoke", deadlineMs: Date.now() + spec.timeoutMs } satisfies InvokeMessage, () => undefined);
        });
    }

    /** Ends the process; resolves once it is gone. */
    dispose(): Promise<void> {
        if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
        return new Promise((resolve) => {
            this.child.once("exit", () => resolve());
            this.exited = true;
            this.child.kill("SIGKILL");
        });
    }

    get pid(): number | undefined {
        return this.child.pid;
    }
}
