import { stopPackUnderTest } from "../../policy/test/shared-pack";

/**
 * Mocha root hooks (`.mocharc.json` requires this file). Mocha runs the files in parallel, two workers,
 * and runs root hooks once per file there: what a file started for itself is stopped after it.
 */
export const mochaHooks = {
    afterAll: stopPackUnderTest,
};
