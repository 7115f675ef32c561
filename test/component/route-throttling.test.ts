import * as assert from "assert";
import { routeThrottle } from "../../components/route-throttling";
import { routes } from "../../components/routes";
import { parseSettings, settingDefaults } from "../../components/settings";

const asConfig = (path: string) => `events-api:${path}`;
const limitsOf = (settings = settingDefaults) => Object.fromEntries(routes.map((route) => [route.name, routeThrottle(route, settings)]));

describe("route throttling (the routeThrottling setting)", () => {
    it("gives GET /events a tenth of the stage's limits by default and every other route the stage's", () => {
        assert.deepStrictEqual(limitsOf(), {
            "list-events": { rateLimit: 100, burstLimit: 50 },
            "create-event": { rateLimit: 1000, burstLimit: 500 },
            "get-event": { rateLimit: 1000, burstLimit: 500 },
            "delete-event": { rateLimit: 1000, burstLimit: 500 },
        });
    });

    it("follows the stage's limits when they change, never below one request nor above the stage's", () => {
        const { settings } = parseSettings({ throttlingRateLimit: 50, throttlingBurstLimit: 100 }, asConfig);
        assert.deepStrictEqual(limitsOf(settings)["list-events"], { rateLimit: 5, burstLimit: 10 });
        const { settings: tiny } = parseSettings({ throttlingRateLimit: 2, throttlingBurstLimit: 3 }, asConfig);
        assert.deepStrictEqual(limitsOf(tiny)["list-events"], { rateLimit: 1, burstLimit: 1 });
        const { settings: slow } = parseSettings({ throttlingRateLimit: 0.5, throttlingBurstLimit: 1 }, asConfig);
        assert.deepStrictEqual(limitsOf(slow)["list-events"], { rateLimit: 0.5, burstLimit: 1 });
    });

    it("takes a route's own limits, the one left out keeping its default", () => {
        const { settings } = parseSettings({ routeThrottling: { "list-events": { rateLimit: 20 }, "create-event": { rateLimit: 200, burstLimit: 40 } } }, asConfig);
        assert.deepStrictEqual(limitsOf(settings), {
            "list-events": { rateLimit: 20, burstLimit: 50 },
            "create-event": { rateLimit: 200, burstLimit: 40 },
            "get-event": { rateLimit: 1000, burstLimit: 500 },
            "delete-event": { rateLimit: 1000, burstLimit: 500 },
        });
    });

    it("refuses a route limit above the stage's, naming the route, the limit, the stage's and the value given", () => {
        assert.deepStrictEqual(parseSettings({ throttlingRateLimit: 50, routeThrottling: { "list-events": { rateLimit: 60, burstLimit: 501 } } }, asConfig), {
            problems: [
                "events-api:routeThrottling.list-events.rateLimit must not exceed throttlingRateLimit (50), the stage's; got 60",
                "events-api:routeThrottling.list-events.burstLimit must not exceed throttlingBurstLimit (500), the stage's; got 501",
            ],
        });
    });

    it("refuses an unknown route, an unknown limit, a limit that is not positive and a value that is no map", () => {
        assert.deepStrictEqual(parseSettings({ routeThrottling: { "list-event": { rateLimit: 1 } } }, asConfig).problems, [
            'events-api:routeThrottling has "list-event", which is not a route: the routes are list-events, create-event, get-event, delete-event',
        ]);
        assert.deepStrictEqual(parseSettings({ routeThrottling: { "list-events": { rate: 1 } } }, asConfig).problems, [
            'events-api:routeThrottling.list-events must be an object with rateLimit (requests per second) and/or burstLimit (requests), such as {"rateLimit": 50, "burstLimit": 20}; got {"rate":1}',
        ]);
        assert.deepStrictEqual(parseSettings({ routeThrottling: { "get-event": { rateLimit: 0, burstLimit: 1.5 } } }, asConfig).problems, [
            "events-api:routeThrottling.get-event.rateLimit must be a positive number (requests per second); got 0",
            "events-api:routeThrottling.get-event.burstLimit must be a positive integer (requests); got 1.5",
        ]);
        assert.deepStrictEqual(parseSettings({ routeThrottling: 5 }, asConfig).problems, [
            "events-api:routeThrottling must be a map from route name (list-events, create-event, get-event, delete-event) to its limits; got 5",
        ]);
    });
});
