/**
 * One "preview cost" sample, run in a fresh process by bench/sections/preview.ts: loads the mock
 * harness (the Pulumi SDK) and evaluates the stack program under mocks, bundling included, then
 * writes its timings as one JSON line to file descriptor 3.
 */
import { writeSync } from "fs";

const startedMs = performance.now();

async function main(): Promise<void> {
    const loadStart = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runProgramUnderMocks } = require("../tools/mock-program") as typeof import("../tools/mock-program");
    const loadMs = performance.now() - loadStart;
    const evaluateStart = performance.now();
    const { resources } = await runProgramUnderMocks("index.ts", { stack: process.argv[2] ?? "dev" });
    const evaluateMs = performance.now() - evaluateStart;
    writeSync(3, `${JSON.stringify({ startedMs, loadMs, evaluateMs, resources: resources.length })}\n`);
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        process.stderr.write(`preview sample: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    },
);
