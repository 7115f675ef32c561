/**
 * The route table: the one list of routes that the component, the bundler, IAM, the local stack,
 * the benchmarks and the tests iterate over. Adding a route here adds its function, role, log group,
 * integration, permission and local emulation.
 */
export type HttpMethod = "GET" | "POST" | "DELETE";

/** Which DynamoDB resource a route's actions apply to. */
export type TableTarget = "table" | "index";

export interface RouteDefinition {
    /** Stable kebab-case name: part of every child resource name (`${name}-${route.name}-fn`). */
    readonly name: string;
    readonly method: HttpMethod;
    /** API Gateway path, with `{param}` placeholders. */
    readonly path: string;
    /** Handler source, relative to the project root; it exports `handler`. */
    readonly entry: string;
    /** The only DynamoDB actions this route's role may perform. */
    readonly dynamodbActions: readonly string[];
    /** Whether the actions target the table or its listing index. */
    readonly target: TableTarget;
    /** Whether the route changes data: with a JWT authorizer configured, only a valid token may call it. */
    readonly writes: boolean;
    /**
     * Whether, with a JWT authorizer, the route acts only on the caller's own events unless the token has
     * one of the `adminScopes`: its function gets them (ADMIN_SCOPES), and its route accepts them beside
     * the `writeScopes`.
     */
    readonly ownerOnly?: boolean;
    /**
     * The function's memory in MB when the `memorySize` setting leaves the route out: the one place a
     * route's default memory is defined (the settings schema, the local stack and the benchmarks read it).
     * Each is the balanced choice of the recorded `npm run tune` (docs/performance.md, "The recommendation").
     */
    readonly defaultMemorySizeMb: number;
}

export const routes: readonly RouteDefinition[] = [
    {
        name: "list-events",
        method: "GET",
        path: "/events",
        entry: "handlers/list-events.ts",
        dynamodbActions: ["dynamodb:Query"],
        target: "index",
        writes: false,
        defaultMemorySizeMb: 1024,
    },
    {
        name: "create-event",
        method: "POST",
        path: "/events",
        entry: "handlers/create-event.ts",
        // GetItem replays an Idempotency-Key whose conditional put found the item already there.
        dynamodbActions: ["dynamodb:PutItem", "dynamodb:GetItem"],
        target: "table",
        writes: true,
        defaultMemorySizeMb: 1024,
    },
    {
        name: "get-event",
        method: "GET",
        path: "/events/{id}",
        entry: "handlers/get-event.ts",
        dynamodbActions: ["dynamodb:GetItem"],
        target: "table",
        writes: false,
        defaultMemorySizeMb: 1024,
    },
    {
        name: "delete-event",
        method: "DELETE",
        path: "/events/{id}",
        entry: "handlers/delete-event.ts",
        // PutItem overwrites an event whose id came from an Idempotency-Key with its tombstone.
        dynamodbActions: ["dynamodb:DeleteItem", "dynamodb:PutItem"],
        target: "table",
        writes: true,
        ownerOnly: true,
        defaultMemorySizeMb: 1024,
    },
];

/** API Gateway's route key, e.g. `GET /events/{id}`. */
export function routeKey(route: Pick<RouteDefinition, "method" | "path">): string {
    return `${route.method} ${route.path}`;
}

/** Names of the path parameters, in order: `/events/{id}` gives `["id"]`. */
export function pathParameterNames(path: string): string[] {
    return [...path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((m) => m[1]);
}
