import type { RouteDefinition } from "./routes";
import type { Settings } from "./settings";

/** Requests per second and in a burst, as API Gateway's throttling takes them. */
export interface ThrottleLimits {
    rateLimit: number;
    burstLimit: number;
}

export type RouteThrottleSettings = Pick<Settings, "throttlingRateLimit" | "throttlingBurstLimit" | "routeThrottling">;

/**
 * The share of the stage's limits a route gets when `routeThrottling` leaves it out; a route not listed
 * gets all of them. `GET /events` gets a tenth: a page of up to 100 events queries every shard and reads
 * up to `listShards × 101` items (18 read units at 4 shards for ~420-byte events, docs/listing.md), where
 * `GET /events/{id}` reads one item (1 read unit), so one client listing at the stage's 1,000 requests a
 * second would read 18,000 units a second, 4,500 from each index partition: past the ~3,000 a partition
 * serves, and every other client's listing would be throttled with it. At a tenth, 100 pages a second read
 * 1,800 units, 450 from each partition.
 */
export const defaultStageShares: Readonly<Record<string, number>> = { "list-events": 0.1 };

/** A route's limits: its own `routeThrottling` entry, else its default share of the stage's (at least 1, never above the stage's). */
export function routeThrottle(route: Pick<RouteDefinition, "name">, settings: RouteThrottleSettings): ThrottleLimits {
    const share = defaultStageShares[route.name] ?? 1;
    const own = settings.routeThrottling?.[route.name];
    return {
        rateLimit: own?.rateLimit ?? Math.max(Math.min(1, settings.throttlingRateLimit), settings.throttlingRateLimit * share),
        burstLimit: own?.burstLimit ?? Math.max(1, Math.floor(settings.throttlingBurstLimit * share)),
    };
}
