import { quoteValue } from "./quote-value";
import { routes } from "./routes";

/**
 * A per-route concurrency setting as the stack config writes it: one number for every route, or a map
 * from route name to number (routes left out get none).
 *
 * @example 5
 * @example { "list-events": 10, "get-event": 5 }
 */
export type PerRouteConcurrency = number | Readonly<Record<string, number>>;

/** The concurrency one route's function gets. */
export interface RouteConcurrency {
    /** Reserved concurrent executions; `undefined` leaves the function on the account's unreserved pool. */
    readonly reserved?: number;
    /** Provisioned concurrent executions on the route's alias; `undefined` (or 0 in config) means none. */
    readonly provisioned?: number;
}

export interface ConcurrencySettings {
    reservedConcurrency?: unknown;
    provisionedConcurrency?: unknown;
}

/** Thrown for a concurrency setting that cannot be applied; the message names the config key. */
export class ConcurrencyConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConcurrencyConfigError";
    }
}

/**
 * Resolves `reservedConcurrency` and `provisionedConcurrency` into one entry per route name, checking
 * every value first: integers of 0 or more, route names from the route table, and provisioned at most
 * reserved (Lambda rejects a provisioned concurrency above the function's reserved concurrency).
 */
export function resolveConcurrency(
    settings: ConcurrencySettings,
    routeNames: readonly string[] = routes.map((route) => route.name),
): Record<string, RouteConcurrency> {
    const reserved = perRouteValues("reservedConcurrency", settings.reservedConcurrency, routeNames);
    const provisioned = perRouteValues("provisionedConcurrency", settings.provisionedConcurrency, routeNames);
    const above = provisionedAboveReserved(settings, routeNames);
    if (above) {
        throw new ConcurrencyConfigError(`provisionedConcurrency ${above}`);
    }
    const resolved: Record<string, RouteConcurrency> = {};
    for (const route of routeNames) {
        // 0 provisioned executions is no provisioned concurrency: no version, alias or config.
        resolved[route] = { reserved: reserved.get(route), provisioned: provisioned.get(route) || undefined };
    }
    return resolved;
}

/** Whether `value` is a valid `reservedConcurrency` or `provisionedConcurrency` setting. */
export function isPerRouteConcurrency(
    value: unknown,
    routeNames: readonly string[] = routes.map((route) => route.name),
): value is PerRouteConcurrency {
    try {
        perRouteValues("value", value, routeNames);
        return true;
    } catch {
        return false;
    }
}

/**
 * What is wrong when a route's provisioned concurrency exceeds its reserved concurrency (Lambda rejects
 * that), as the end of a sentence about `provisionedConcurrency`; `undefined` when nothing is. Both
 * settings must be valid on their own.
 */
export function provisionedAboveReserved(
    settings: ConcurrencySettings,
    routeNames: readonly string[] = routes.map((route) => route.name),
): string | undefined {
    const reserved = perRouteValues("reservedConcurrency", settings.reservedConcurrency, routeNames);
    const provisioned = perRouteValues("provisionedConcurrency", settings.provisionedConcurrency, routeNames);
    for (const [route, count] of provisioned) {
        const cap = reserved.get(route);
        if (cap !== undefined && count > cap) {
            return `must not exceed reservedConcurrency: route "${route}" has ${count} provisioned and ${cap} reserved`;
        }
    }
    return undefined;
}

/** One number for every route, or a map per route name; `undefined` sets nothing. */
export function perRouteValues(key: string, value: unknown, routeNames: readonly string[]): Map<string, number> {
    const values = new Map<string, number>();
    if (value === undefined) {
        return values;
    }
    if (typeof value === "number") {
        checkCount(key, value);
        routeNames.forEach((route) => values.set(route, value));
        return values;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new ConcurrencyConfigError(
            `${key} must be an integer of 0 or more, or a map from route name (${routeNames.join(", ")}) ` +
                `to such an integer; got ${quoteValue(value)}`,
        );
    }
    for (const [route, count] of Object.entries(value)) {
        if (!routeNames.includes(route)) {
            throw new ConcurrencyConfigError(
                `${key} names unknown route "${route}": valid route names are ${routeNames.join(", ")}`,
            );
        }
        checkCount(`${key}.${route}`, count);
        values.set(route, count as number);
    }
    return values;
}

function checkCount(key: string, value: unknown): void {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
        throw new ConcurrencyConfigError(`${key} must be an integer of 0 or more; got ${quoteValue(value)}`);
    }
}
