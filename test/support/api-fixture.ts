import { applyEnv, Invoke, loadApi } from "./bundled-handlers";
import { startTestTable, TestTable } from "./dynalite-table";

export interface ApiFixture {
    table: TestTable;
    invoke: Invoke;
}

/**
 * Mocha hooks for a suite: a fresh dynalite table, its environment applied (until the suite ends:
 * the SDK reads the endpoint on its first call) and the four bundles loaded against it.
 */
export function useApiAgainstDynalite(): ApiFixture {
    const fixture = {} as ApiFixture;
    let restoreEnv: (() => void) | undefined;
    before(async () => {
        fixture.table = await startTestTable();
        restoreEnv = applyEnv(fixture.table.env);
        fixture.invoke = await loadApi();
    });
    after(async () => {
        restoreEnv?.();
        await fixture.table?.close();
    });
    return fixture;
}
