import { RecordedResource, runProgramUnderMocks } from "../../tools/mock-program";

const runs = new Map<string, Promise<RecordedResource[]>>();

/**
 * The resources `index.ts` declares for a stack under mocks, as `pulumi preview` shows them (a preview
 * declares them all, with the stack file's values as committed, placeholders included), run once per test
 * process for the suites that only read them (the mocks are process-wide, so runs never overlap: each
 * waits for the last).
 */
export function stackResources(stack: "dev" | "prod"): Promise<RecordedResource[]> {
    if (!runs.has(stack)) {
        const previous = Promise.all([...runs.values()]).catch(() => undefined);
        runs.set(stack, previous.then(async () => (await runProgramUnderMocks("index.ts", { stack, preview: true })).resources));
    }
    return runs.get(stack)!;
}
