import { ensureTable, localHandlerEnv, localTableName, startDynalite } from "../../local/dynalite";
import { EventFactory, inProcessEventFactory } from "./seed";

/** The table every sample of a run talks to, and the events its GET and DELETE samples need. */
export interface BenchTable {
    /** The handlers' environment for the table (endpoint, name, credentials). */
    env: Record<string, string>;
    /** An event every GET-by-id sample reads. */
    existingEventId: string;
    /** Creates the event a DELETE sample removes: one per sample. */
    createEvent: EventFactory;
    close(): Promise<void>;
}

/** Starts dynalite with the local table, as `npm start` does, and creates the event reads find. */
export async function startBenchTable(): Promise<BenchTable> {
    const dynamo = await startDynalite();
    try {
        await ensureTable(dynamo.endpoint, localTableName);
        const env = localHandlerEnv(dynamo.endpoint, localTableName);
        const createEvent = inProcessEventFactory(env);
        return { env, existingEventId: await createEvent(), createEvent, close: () => dynamo.close() };
    } catch (error) {
        await dynamo.close();
        throw error;
    }
}
