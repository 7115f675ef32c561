/**
 * Requests that succeed, one per route, derived from the route table (never a second list of
 * routes): POST creates, GET with an id reads an existing event, DELETE removes an event created
 * for that one request, GET without an id lists. The same request feeds a cold-start sample (as an
 * API Gateway payload 2.0 event, built by the local stack's own event builder) and the warm load.
 */
import { randomUUID } from "crypto";
import { pathParameterNames, RouteDefinition } from "../../components/routes";
import { toEventV2 } from "../../local/event-v2";
import { createRouter } from "../../local/router";

export interface BenchRequest {
    method: string;
    /** Path and query, percent-encoded. */
    url: string;
    headers: Record<string, string>;
    body?: string;
}

/** What a route needs before its request can succeed. */
export type Precondition = "none" | "existing-event" | "fresh-event";

export function precondition(route: RouteDefinition): Precondition {
    if (pathParameterNames(route.path).length === 0) return "none";
    // A delete consumes its event: every request needs one of its own.
    return route.method === "DELETE" ? "fresh-event" : "existing-event";
}

/** A valid new event, different on every call so no two bodies collide. */
export function newEventBody(): string {
    return JSON.stringify({
        name: `Bench event ${randomUUID()}`,
        startsAt: "2030-05-01T18:00:00+02:00",
        location: "Lisbon",
        description: "Created by npm run bench",
    });
}

/** A request for `route` that succeeds, given the id of an event it may read or delete. */
export function successfulRequest(route: RouteDefinition, eventId?: string): BenchRequest {
    const names = pathParameterNames(route.path);
    if (names.length > 0 && !eventId) throw new Error(`route ${route.name} needs an event id`);
    const url = route.path.replace(/\{[A-Za-z0-9_]+\+?\}/g, () => encodeURIComponent(eventId ?? ""));
    const headers: Record<string, string> = { host: "127.0.0.1", "user-agent": "events-api-bench" };
    if (route.method !== "POST") return { method: route.method, url, headers };
    return { method: route.method, url, headers: { ...headers, "content-type": "application/json" }, body: newEventBody() };
}

const router = createRouter();
let requestCounter = 0;

/** The payload 2.0 event API Gateway would send for `request`. */
export function lambdaEvent(request: BenchRequest): unknown {
    const match = router.match(request.method, request.url.split("?")[0]);
    if (!match) throw new Error(`no route matches ${request.method} ${request.url}`);
    const rawHeaders = Object.entries(request.headers).flat();
    const body = Buffer.from(request.body ?? "");
    return toEventV2(
        { method: request.method, url: request.url, rawHeaders, body, sourceIp: "127.0.0.1", httpVersion: "1.1", localPort: 3000 },
        match,
        { requestId: `bench-${++requestCounter}`, time: new Date(), accountId: "000000000000", apiId: "bench" },
    );
}

/** 2xx: the only answers the bench counts as a measured success. */
export function isSuccess(statusCode: number | undefined): boolean {
    return statusCode !== undefined && statusCode >= 200 && statusCode < 300;
}
