import type { ExecutionEnvironment, Invocation } from "./environment";

/** Execution environments each function may run at once unless told otherwise; more requests wait in line. */
export const defaultMaxEnvironments = 10;

export interface PooledInvocation {
    invocation: Invocation;
    /** Set on a cold start: the new environment's Init Duration. */
    initDurationMs?: number;
}

/**
 * The execution environments of one function. A request takes the most recently used idle
 * environment (Lambda reuses warm environments); with none idle it starts a new one, up to
 * `maxEnvironments`; beyond that it waits in line for the next one to free up (where Lambda would
 * throttle, the emulator queues, so a local burst never fails for a reason AWS scales away).
 */
export class EnvironmentPool {
    private readonly idle: ExecutionEnvironment[] = [];
    private readonly all = new Set<ExecutionEnvironment>();
    private readonly waiting: ((environment: ExecutionEnvironment | undefined) => void)[] = [];
    private starting = 0;
    private closed = false;

    constructor(
        private readonly maxEnvironments: number,
        private readonly startEnvironment: () => Promise<ExecutionEnvironment>,
    ) {
        if (!Number.isInteger(maxEnvironments) || maxEnvironments < 1) {
            throw new Error(`maxEnvironments must be a positive integer, got ${maxEnvironments}`);
        }
    }

    /** Environments alive or starting. */
    get size(): number {
        return this.all.size + this.starting;
    }

    /** Process ids of the live environments. */
    get pids(): number[] {
        return [...this.all].flatMap((environment) => (environment.pid === undefined ? [] : [environment.pid]));
    }

    async invoke(run: (environment: ExecutionEnvironment) => Promise<Invocation>): Promise<PooledInvocation> {
        if (this.closed) throw new Error("the function is shutting down");
        let environment = this.idle.pop();
        let initDurationMs: number | undefined;
        if (!environment && this.size < this.maxEnvironments) {
            environment = await this.start();
            initDurationMs = environment.initDurationMs;
            if (environment.initError) {
                this.discard(environment);
                const { errorType, errorMessage } = environment.initError;
                return { invocation: { status: "error", errorType, errorMessage, durationMs: 0 }, initDurationMs };
            }
        }
        if (!environment) {
            const next = await new Promise<ExecutionEnvironment | undefined>((resolve) => this.waiting.push(resolve));
            if (!next) return this.invoke(run);
            environment = next;
        }
        const invocation = await run(environment);
        this.release(environment);
        return { invocation, initDurationMs };
    }

    private async start(): Promise<ExecutionEnvironment> {
        this.starting++;
        try {
            const environment = await this.startEnvironment();
            if (this.closed) {
                await environment.dispose();
                throw new Error("the function is shutting down");
            }
            this.all.add(environment);
            return environment;
        } finally {
            this.starting--;
        }
    }

    private release(environment: ExecutionEnvironment): void {
        if (!environment.alive || this.closed) {
            this.discard(environment);
            return;
        }
        const waiter = this.waiting.shift();
        if (waiter) waiter(environment);
        else this.idle.push(environment);
    }

    /** Drops an environment; a waiting request may now start a new one in its place. */
    private discard(environment: ExecutionEnvironment): void {
        this.all.delete(environment);
        void environment.dispose();
        this.waiting.shift()?.(undefined);
    }

    /** Ends every environment. */
    async close(): Promise<void> {
        this.closed = true;
        this.idle.length = 0;
        for (const waiter of this.waiting.splice(0)) waiter(undefined);
        await Promise.all([...this.all].map((environment) => environment.dispose()));
        this.all.clear();
    }
}
