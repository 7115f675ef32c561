import { PolicyPackProcess } from "../../tools/analyzer/pack-process";
import { programRootVariable } from "../inspection/program-root";

/**
 * The pack as the CLI runs it: one process per test file (or per run, when mocha runs serially), started
 * on first use and stopped after the file; every case configures it afresh, as the CLI configures a new
 * process.
 */
let started: Promise<PolicyPackProcess> | undefined;

export function packUnderTest(): Promise<PolicyPackProcess> {
    // The developer's own program root would change what relative paths resolve to.
    started ??= PolicyPackProcess.start({ env: { [programRootVariable]: undefined } });
    return started;
}

/**
 * Stops the shared process, if one runs. test/support/root-hooks.ts calls it after every file (mocha runs
 * root hooks per file in parallel mode, where files share a worker's modules); harness.ts's root `after`
 * is for a mocha started without the project's config.
 */
export async function stopPackUnderTest(): Promise<void> {
    const pack = started;
    started = undefined;
    if (pack) (await pack).close();
}
