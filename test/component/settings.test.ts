import * as assert from "assert";
import { integrationTimeoutSeconds } from "../../components/api-gateway-limits";
import { routes } from "../../components/routes";
import { eventsApiSettings, lambdaMemoryMb, parseSettings, settingDefaults } from "../../components/settings";
import { policies } from "../../policy/policies";

const asArgs = (path: string) => `[${path}]`;

describe("settings", () => {
    it("resolve to the documented defaults when nothing is set", () => {
        assert.deepStrictEqual(settingDefaults, {
            memorySize: { "list-events": 1024, "create-event": 1024, "get-event": 1024, "delete-event": 1024 },
            timeout: 10,
            runtime: "nodejs24.x",
            logRetentionDays: 14,
            corsAllowOrigins: ["*"],
            throttlingBurstLimit: 500,
            throttlingRateLimit: 1000,
            pointInTimeRecovery: true,
            deletionProtection: false,
            listShards: 4,
            alarmThresholds: {
                functionErrors: 1,
                functionThrottles: 1,
                durationTimeoutRatio: 0.8,
                api5xxPercent: 1,
                apiLatencyP99Ms: 1000,
                tableThrottledRequests: 1,
            },
            writeScopes: [],
            authorizeReads: false,
            adminScopes: [],
        });
    });

    it("treat a setting given as undefined as unset", () => {
        assert.deepStrictEqual(parseSettings({ memorySize: undefined, timeout: undefined }, asArgs), { settings: settingDefaults });
    });

    it("resolve one concurrency number to every route of the route table, and a map to the routes it names", () => {
        const { settings } = parseSettings({ reservedConcurrency: 20, provisionedConcurrency: { "list-events": 5, "get-event": 0 } }, asArgs);
        assert.deepStrictEqual(settings?.reservedConcurrency, { "list-events": 20, "create-event": 20, "get-event": 20, "delete-event": 20 });
        assert.deepStrictEqual(settings?.provisionedConcurrency, { "list-events": 5, "get-event": 0 });
    });

    describe("memorySize", () => {
        const memoryOf = (memorySize: unknown) => parseSettings({ memorySize }, asArgs);
        const allowed =
            "must be an integer from 128 to 10240 (MB) for every route, or a map from route name (list-events, create-event, get-event, delete-event) to such an integer";

        it("resolves one number to every route", () => {
            assert.deepStrictEqual(memoryOf(2048).settings?.memorySize, { "list-events": 2048, "create-event": 2048, "get-event": 2048, "delete-event": 2048 });
        });

        it("takes a map by route name, and a route the map leaves out keeps its own default", () => {
            assert.deepStrictEqual(memoryOf({ "create-event": 256, "delete-event": 2048 }).settings?.memorySize, {
                "list-events": 1024,
                "create-event": 256,
                "get-event": 1024,
                "delete-event": 2048,
            });
            assert.deepStrictEqual(memoryOf({ "list-events": 3008 }).settings?.memorySize, { "list-events": 3008, "create-event": 1024, "get-event": 1024, "delete-event": 1024 });
            assert.deepStrictEqual(memoryOf({}).settings?.memorySize, { "list-events": 1024, "create-event": 1024, "get-event": 1024, "delete-event": 1024 });
        });

        it("takes the defaults from the route table", () => {
            assert.deepStrictEqual(settingDefaults.memorySize, Object.fromEntries(routes.map((route) => [route.name, route.defaultMemorySizeMb])));
        });

        it("names the routes a map has that the route table does not", () => {
            assert.deepStrictEqual(memoryOf({ "list-event": 1024, "get-events": 256 }).problems, [
                '[memorySize] has "list-event", "get-events", which are not routes: the routes are list-events, create-event, get-event, delete-event',
            ]);
        });

        it("names the entry of a map out of Lambda's range, with the range and the value", () => {
            assert.deepStrictEqual(memoryOf({ "list-events": 64, "get-event": 512, "delete-event": 10241 }).problems, [
                "[memorySize.list-events] must be an integer from 128 to 10240 (MB); got 64",
                "[memorySize.delete-event] must be an integer from 128 to 10240 (MB); got 10241",
            ]);
            assert.deepStrictEqual(parseSettings({ memorySize: { "create-event": 127 } }, (path) => `events-api:${path}`).problems, [
                "events-api:memorySize.create-event must be an integer from 128 to 10240 (MB); got 127",
            ]);
        });

        it("names one number out of Lambda's range or not an integer", () => {
            assert.deepStrictEqual(memoryOf(64).problems, ["[memorySize] must be an integer from 128 to 10240 (MB); got 64"]);
            assert.deepStrictEqual(memoryOf(512.5).problems, ["[memorySize] must be an integer from 128 to 10240 (MB); got 512.5"]);
        });

        it("refuses a value of the wrong type, saying both forms it takes", () => {
            for (const [value, shown] of [["1024", '"1024"'], [[1024], "[1024]"], [true, "true"], [null, "null"]] as const) {
                assert.deepStrictEqual(memoryOf(value).problems, [`[memorySize] ${allowed}; got ${shown}`], shown);
            }
            assert.deepStrictEqual(memoryOf({ "get-event": "big" }).problems, ['[memorySize.get-event] must be an integer from 128 to 10240 (MB); got "big"']);
        });
    });

    it("apply the alarm threshold overrides given over the defaults", () => {
        const { settings } = parseSettings({ alarmThresholds: { apiLatencyP99Ms: 2500, durationTimeoutRatio: 1 } }, asArgs);
        assert.deepStrictEqual(settings?.alarmThresholds, {
            functionErrors: 1,
            functionThrottles: 1,
            durationTimeoutRatio: 1,
            api5xxPercent: 1,
            apiLatencyP99Ms: 2500,
            tableThrottledRequests: 1,
        });
    });

    it("ignore keys that are not settings unless asked to reject them", () => {
        assert.deepStrictEqual(parseSettings({ memory: 1 }, asArgs), { settings: settingDefaults });
        assert.match(String(parseSettings({ memory: 1 }, (path) => `x:${path}`, "reject").problems), /^x:memory is not a setting: the settings are memorySize, /);
    });

    it("show NaN and Infinity as they are, not as JSON's null", () => {
        assert.deepStrictEqual(parseSettings({ memorySize: Number.NaN, throttlingRateLimit: Number.POSITIVE_INFINITY }, asArgs), {
            problems: [
                "[memorySize] must be an integer from 128 to 10240 (MB); got NaN",
                "[throttlingRateLimit] must be a positive number (requests per second); got Infinity",
            ],
        });
    });

    it("take the function timeout's and the latency alarm's ceilings from API Gateway's 30 s integration limit, as the policy pack does", () => {
        // The pack is its own package and cannot import the stack's code: its own copy of the limit must agree.
        const pack = policies.find((policy) => policy.name === "lambda-timeout-within-http-api-limit");
        const maximumTimeout = pack?.configSchema?.properties.maximumTimeout as { maximum?: number; default?: number };
        assert.deepStrictEqual(
            {
                integrationTimeoutSeconds,
                timeout: eventsApiSettings.timeout.unwrap().maxValue,
                apiLatencyP99Ms: parseSettings({ alarmThresholds: { apiLatencyP99Ms: 30_001 } }, (key) => key).problems,
                packMaximumTimeout: maximumTimeout.maximum,
                packDefaultTimeout: maximumTimeout.default,
            },
            {
                integrationTimeoutSeconds: 30,
                timeout: 29,
                apiLatencyP99Ms: ["alarmThresholds.apiLatencyP99Ms must be an integer from 1 to 30000 (ms); got 30001"],
                packMaximumTimeout: 30,
                packDefaultTimeout: 29,
            },
        );
    });

    it("take Lambda's memory range as the policy pack does", () => {
        const pack = policies.find((policy) => policy.name === "lambda-memory-above-128mb");
        const minimumMemorySize = pack?.configSchema?.properties.minimumMemorySize as { maximum?: number };
        assert.deepStrictEqual([lambdaMemoryMb.min, lambdaMemoryMb.max, minimumMemorySize.maximum], [128, 10240, 10240]);
    });
});
