/**
 * Creates the events that GET and DELETE samples need, through the project's own create handler
 * (loaded in the bench process), so the bench never depends on how events are stored.
 */
import * as path from "path";
import { projectRoot } from "../../components/bundle";
import { RouteDefinition, routes } from "../../components/routes";
import { isSuccess, lambdaEvent, precondition, successfulRequest } from "./requests";

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode?: number; body?: string }>;

/** The route that creates events: the POST route without path parameters. */
export function createRoute(table: readonly RouteDefinition[] = routes): RouteDefinition {
    const found = table.find((route) => route.method === "POST" && precondition(route) === "none");
    if (!found) throw new Error("the route table has no POST route that creates events");
    return found;
}

export type EventFactory = () => Promise<string>;

/**
 * Loads the create handler with `env` (its table and endpoint) into this process and returns a
 * function that creates one event and resolves to its id.
 */
export function inProcessEventFactory(env: Record<string, string>): EventFactory {
    Object.assign(process.env, env);
    const route = createRoute();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { handler } = require(path.join(projectRoot, route.entry)) as { handler: Handler };
    return async () => {
        const response = await handler(lambdaEvent(successfulRequest(route)), { awsRequestId: "bench-seed" });
        if (!isSuccess(response.statusCode)) {
            throw new Error(`seeding an event failed: ${response.statusCode} ${response.body ?? ""}`);
        }
        return (JSON.parse(response.body ?? "{}") as { id: string }).id;
    };
}

/** Creates events over HTTP, through a running local stack. */
export function httpEventFactory(baseUrl: string): EventFactory {
    const route = createRoute();
    return async () => {
        const request = successfulRequest(route);
        // fetch sets Host itself.
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== "host"));
        const response = await fetch(new URL(request.url, baseUrl), { method: request.method, headers, body: request.body });
        const text = await response.text();
        if (!isSuccess(response.status)) throw new Error(`seeding an event failed: ${response.status} ${text}`);
        return (JSON.parse(text) as { id: string }).id;
    };
}
