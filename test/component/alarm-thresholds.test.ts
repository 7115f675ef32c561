import * as assert from "assert";
import { defaultAlarmThresholds, resolveAlarmThresholds } from "../../components/alarm-thresholds";

describe("alarm thresholds", () => {
    it("are the documented defaults when nothing overrides them", () => {
        assert.deepStrictEqual(resolveAlarmThresholds(undefined), {
            functionErrors: 1,
            functionThrottles: 1,
            durationTimeoutRatio: 0.8,
            api5xxPercent: 1,
            apiLatencyP99Ms: 1000,
            tableThrottledRequests: 1,
        });
    });

    it("override only the keys given", () => {
        assert.deepStrictEqual(resolveAlarmThresholds({ apiLatencyP99Ms: 2500, durationTimeoutRatio: 1 }), {
            ...defaultAlarmThresholds,
            apiLatencyP99Ms: 2500,
            durationTimeoutRatio: 1,
        });
    });

    const rejected: [Record<string, unknown>, RegExp][] = [
        [{ functionErrors: 0 }, /alarmThresholds\.functionErrors must be an integer 1\.\.100000; got 0/],
        [{ functionThrottles: 2.5 }, /alarmThresholds\.functionThrottles must be an integer 1\.\.100000; got 2\.5/],
        [{ durationTimeoutRatio: 0 }, /alarmThresholds\.durationTimeoutRatio must be a number above 0 up to 1; got 0/],
        [{ api5xxPercent: 101 }, /alarmThresholds\.api5xxPercent must be a number above 0 up to 100; got 101/],
        [{ apiLatencyP99Ms: 30001 }, /alarmThresholds\.apiLatencyP99Ms must be an integer 1\.\.30000; got 30001/],
        [{ tableThrottledRequests: "1" }, /alarmThresholds\.tableThrottledRequests must be an integer 1\.\.100000; got "1"/],
        [{ latency: 5 }, /alarmThresholds has unknown threshold "latency": valid thresholds are functionErrors, /],
    ];
    for (const [overrides, message] of rejected) {
        it(`rejects ${JSON.stringify(overrides)}, naming the key and its range`, () => {
            assert.throws(() => resolveAlarmThresholds(overrides), message);
        });
    }

    it("rejects a value that is not a map, naming the config key it came from", () => {
        assert.throws(() => resolveAlarmThresholds(5, "events-api:alarmThresholds"), /^AlarmThresholdError: events-api:alarmThresholds must be a map/);
    });
});
