import * as assert from "assert";
import { defaultChartPath, tuneOptions, UsageError } from "../../bench/lib/tune-options";

const now = new Date("2026-12-05T10:20:30.000Z");

describe("npm run tune options", () => {
    it("defaults to Power Tuning's weight 0.5, no JSON and a chart in the temp dir", () => {
        const options = tuneOptions([], now);
        assert.deepStrictEqual([options.balancedWeight, options.jsonPath, options.record, options.rounds], [0.5, undefined, true, 5]);
        assert.strictEqual(defaultChartPath(now, "/tmp"), "/tmp/events-api-tune-20261205-102030.svg");
        assert.ok(options.chartPath.endsWith("events-api-tune-20261205-102030.svg"), options.chartPath);
    });

    it("takes --balanced-weight, --json and --chart", () => {
        const options = tuneOptions(["--balanced-weight", "0.8", "--json", "out/tune.json", "--chart", "tune.svg", "--quick"], now);
        assert.deepStrictEqual([options.balancedWeight, options.jsonPath, options.chartPath, options.record], [0.8, "out/tune.json", "tune.svg", false]);
        assert.strictEqual(tuneOptions(["--balanced-weight", "0"]).balancedWeight, 0);
        assert.strictEqual(tuneOptions(["--balanced-weight", "1"]).balancedWeight, 1);
    });

    it("refuses a weight outside 0..1 or not a number, naming the option and the value", () => {
        for (const [given, shown] of [["1.5", "1.5"], ["-0.1", "-0.1"], ["half", '"half"']]) {
            assert.throws(
                () => tuneOptions([`--balanced-weight=${given}`]),
                (error: Error) => error instanceof UsageError && error.message === `--balanced-weight must be a number from 0 to 1 (0: only duration counts, 1: only cost); got ${shown}`,
            );
        }
    });

    it("refuses an empty file name and an unknown option", () => {
        assert.throws(() => tuneOptions(["--json", ""]), /^Error: --json takes a file path; got ""$/);
        assert.throws(() => tuneOptions(["--chart", " "]), /--chart takes a file path/);
        assert.throws(() => tuneOptions(["--weight", "1"]), (error: Error) => error instanceof UsageError && /Unknown option '--weight'/.test(error.message));
    });
});
