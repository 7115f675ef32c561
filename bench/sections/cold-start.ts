/**
 * Cold starts: one fresh process per sample, every cell (variant x function, the floors, the
 * experiments) sampled once per round, in a new random order each round, so that noise from the
 * rest of the machine hits all cells alike.
 */
import { randomInt } from "crypto";
import type { RouteDefinition } from "../../components/routes";
import { runColdStart, ColdStartSample } from "../lib/cold-start";
import { isSuccess, lambdaEvent, precondition, successfulRequest } from "../lib/requests";
import type { BenchTable } from "../lib/bench-table";

export interface ColdStartCell {
    /** Unique key: `<variant id>/<route name>` or a floor's id. */
    key: string;
    bundle: string;
    /** The route whose request the sample invokes; a floor (no route) is invoked with `{}`. */
    route?: RouteDefinition;
    /** Variables this cell's function gets on top of the table's. */
    env?: Record<string, string>;
}

/** The node binary and runtime bootstrap every sample runs, and the table it talks to. */
export interface ColdStartSetup extends Pick<BenchTable, "env" | "existingEventId" | "createEvent"> {
    node: string;
    bootstrap: string;
}

function shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
        const j = randomInt(i + 1);
        [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
}

/** A payload 2.0 event for a request to `route` that succeeds (creating its event first when it needs one). */
export async function eventFor(route: RouteDefinition | undefined, setup: ColdStartSetup): Promise<unknown> {
    if (!route) return {};
    const need = precondition(route);
    const id = need === "none" ? undefined : need === "existing-event" ? setup.existingEventId : await setup.createEvent();
    return lambdaEvent(successfulRequest(route, id));
}

/** Runs `rounds` interleaved rounds over `cells`; every sample must answer 2xx. */
export async function measureColdStarts(
    cells: readonly ColdStartCell[],
    rounds: number,
    setup: ColdStartSetup,
    progress: (done: number, total: number) => void = () => undefined,
): Promise<Map<string, ColdStartSample[]>> {
    const samples = new Map<string, ColdStartSample[]>(cells.map((cell) => [cell.key, []]));
    const total = rounds * cells.length;
    let done = 0;
    for (let round = 0; round < rounds; round++) {
        for (const cell of shuffled(cells)) {
            const sample = await runColdStart({
                node: setup.node,
                bootstrap: setup.bootstrap,
                bundle: cell.bundle,
                route: cell.route,
                events: [await eventFor(cell.route, setup)],
                env: { ...setup.env, ...cell.env },
            });
            if (!isSuccess(sample.statusCodes[0])) {
                throw new Error(`cold-start sample ${cell.key} answered ${sample.statusCodes[0]}, not 2xx`);
            }
            samples.get(cell.key)!.push(sample);
            progress(++done, total);
        }
    }
    return samples;
}
