import { handlerEnv } from "../../components/table-schema";
import { applyEnv, Invoke, loadApi } from "./bundled-handlers";
import { startTestTable, TestTable } from "./dynalite-table";

export interface ApiFixture {
    table: TestTable;
    invoke: Invoke;
}

/**
 * Mocha hooks for a suite: a fresh dynalite table, its environment applied (until the suite ends:
 * the SDK reads the endpoint on its first call) and the four bundles loaded against it, with
 * `listShards` shards (the setting's default unless given) and any other variables in `env`.
 */
export function useApiAgainstDynalite(options: { listShards?: number; env?: Record<string, string> } = {}): ApiFixture {
    const fixture = {} as ApiFixture;
    let restoreEnv: (() => void) | undefined;
    before(async () => {
        fixture.table = await startTestTable(options.listShards);
        restoreEnv = applyEnv({ ...fixture.table.env, ...options.env });
        fixture.invoke = await loadApi();
    });
    after(async () => {
        restoreEnv?.();
        await fixture.table?.close();
    });
    return fixture;
}

/**
 * The four bundles loaded again, as new execution environments of a stack deployed with `listShards`
 * shards: against the same table, which is how a stack sees it after `listShards` changes.
 */
export async function loadApiWithShards(listShards: number): Promise<Invoke> {
    const restore = applyEnv({ [handlerEnv.listShards]: String(listShards) });
    try {
        return await loadApi();
    } finally {
        restore();
    }
}
