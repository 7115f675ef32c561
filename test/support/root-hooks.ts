import { stopPackUnderTest } from "../../policy/test/shared-pack";
import { withoutRuntimeWarnings } from "../../tools/runtime-warnings";

// The report is the tests' own output: the stacks' preview warnings are checked where they matter.
console.warn = withoutRuntimeWarnings(console.warn);

/**
 * Mocha root hooks (`.mocharc.json` requires this file). Mocha runs the files in parallel, two workers,
 * and runs root hooks once per file there: what a file started for itself is stopped after it.
 */
export const mochaHooks = {
    afterAll: stopPackUnderTest,
};
