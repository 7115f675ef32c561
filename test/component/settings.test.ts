import * as assert from "assert";
import { parseSettings, settingDefaults } from "../../components/settings";

const asArgs = (path: string) => `[${path}]`;

describe("settings", () => {
    it("resolve to the documented defaults when nothing is set", () => {
        assert.deepStrictEqual(settingDefaults, {
            memorySize: 512,
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
});
