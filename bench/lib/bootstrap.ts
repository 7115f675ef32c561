/**
 * The child side of a cold-start sample: a tiny Lambda-like runtime. It runs in a fresh `node`
 * process (compiled to plain JS so no TypeScript loader sits in the measurement), loads one bundle
 * as Lambda's runtime does during Init, then invokes its handler once per event, and writes what it
 * measured as one JSON line to file descriptor 3 (stdout stays the function's log).
 *
 * Environment: BENCH_BUNDLE (absolute path), BENCH_EVENTS (JSON file: an array of events; the
 * first is the cold invocation), optional BENCH_INIT_EXPORT (the name of an exported promise that
 * Init awaits, as Lambda awaits an ES module's top-level await), optional BENCH_MOVE_AFTER_INIT (a
 * cgroup.procs file to join once Init is done: Init runs unthrottled, invocations under the quota).
 */
import { writeFileSync, readFileSync, writeSync } from "fs";

/** Time from process start (performance.timeOrigin) until this module runs: Node's own boot. */
const bootMs = performance.now();

export interface BootstrapResult {
    bootMs: number;
    /** `require` of the bundle: module load plus whatever it does at module scope (client construction), plus BENCH_INIT_EXPORT. */
    loadMs: number;
    invocations: { ms: number; statusCode: number | undefined }[];
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

function lambdaContext(requestId: string) {
    return {
        callbackWaitsForEmptyEventLoop: true,
        functionName: "bench",
        functionVersion: "$LATEST",
        invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:bench",
        memoryLimitInMB: "512",
        awsRequestId: requestId,
        logGroupName: "/aws/lambda/bench",
        logStreamName: "bench",
        getRemainingTimeInMillis: () => 10_000,
        done: () => undefined,
        fail: () => undefined,
        succeed: () => undefined,
    };
}

async function main(): Promise<void> {
    const bundle = process.env.BENCH_BUNDLE;
    const eventsFile = process.env.BENCH_EVENTS;
    if (!bundle || !eventsFile) throw new Error("BENCH_BUNDLE and BENCH_EVENTS must be set");

    const loadStart = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(bundle) as { handler?: Handler } & Record<string, unknown>;
    const initExport = process.env.BENCH_INIT_EXPORT;
    if (initExport) await loaded[initExport];
    const loadMs = performance.now() - loadStart;
    if (typeof loaded.handler !== "function") throw new Error(`${bundle} exports no handler function`);

    const moveTo = process.env.BENCH_MOVE_AFTER_INIT;
    if (moveTo) writeFileSync(moveTo, String(process.pid));

    const events = JSON.parse(readFileSync(eventsFile, "utf8")) as unknown[];
    const invocations: BootstrapResult["invocations"] = [];
    for (const [index, event] of events.entries()) {
        const start = performance.now();
        const response = (await loaded.handler(event, lambdaContext(`bench-${index}`))) as { statusCode?: number } | undefined;
        invocations.push({ ms: performance.now() - start, statusCode: response?.statusCode });
    }
    const result: BootstrapResult = { bootMs, loadMs, invocations };
    writeSync(3, `${JSON.stringify(result)}\n`);
}

main().then(
    // The handler's keep-alive sockets would hold the process open; Lambda freezes it instead.
    () => process.exit(0),
    (error: unknown) => {
        process.stderr.write(`bootstrap: ${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(1);
    },
);
