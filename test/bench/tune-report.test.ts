import * as assert from "assert";
import * as YAML from "yaml";
import { formatTable } from "../../bench/lib/table";
import { reportTables, strategyDefinitions } from "../../bench/lib/tune-report";
import { memorySizeConfigLine, tuneResults } from "../../bench/lib/tune-results";
import { tuneRun } from "../support/tune-run";

describe("tune results (the --json document)", () => {
    const results = JSON.parse(JSON.stringify(tuneResults(tuneRun)));

    it("names its schema and the run, the prices and how the strategies compare", () => {
        assert.deepStrictEqual(
            [results.schema, results.command, results.measuredAt, results.rounds, results.warmInvocationsPerRound],
            ["events-api/tune-results/1", "npm run tune -- --rounds 3", "2026-12-05T10:20:30.000Z", 3, 4],
        );
        assert.deepStrictEqual(results.strategy, { balancedWeight: 0.5, duration: "warmMean", cost: "durationCostArm64", minimumMemoryMb: 129 });
        assert.deepStrictEqual([results.prices.perMillionRequests, results.prices.perGbSecond], [0.2, { arm64: 0.0000133334, x86_64: 0.0000166667 }]);
    });

    it("holds each route's measurements per memory size and its recommendation per strategy", () => {
        assert.deepStrictEqual(results.routes.map((r: { route: string }) => r.route), ["list-events", "get-event"]);
        const [list, get] = results.routes;
        assert.deepStrictEqual([list.currentMemoryMb, get.currentMemoryMb], [512, 3008]);
        assert.deepStrictEqual(list.recommendations, { cheapest: 512, fastest: 1024, balanced: 1024 });
        assert.deepStrictEqual(get.recommendations, { cheapest: 256, fastest: 1024, balanced: 512 });
        const at512 = list.measurements[1];
        assert.deepStrictEqual(
            [at512.memoryMb, at512.coldStarts, at512.warmInvocations, at512.initMedian, at512.firstInvocationMedian, at512.coldRequestMedian, at512.warmP50, at512.warmP99, at512.warmMean],
            [512, 3, 4, 160, 25, 190, 12, 12, 12],
        );
        // 0.5 GB x 0.012 s x 1e6 x $0.0000133334 = $0.0800004; x86_64 at $0.0000166667 = $0.1000002.
        assert.ok(Math.abs(at512.durationCostArm64 - 0.0800004) < 1e-9, String(at512.durationCostArm64));
        assert.ok(Math.abs(at512.costArm64 - 0.2800004) < 1e-9, String(at512.costArm64));
        assert.ok(Math.abs(at512.costX86 - 0.3000002) < 1e-9, String(at512.costX86));
    });

    it("never recommends a size below the minimum (the pack's floor), and compares only the sizes it may pick", () => {
        // Without 256 MB, get-event's cheapest is 512 ($0.0333335 < $0.0533336), and balanced over 512 and 1024
        // alone: 512 scores 0.5 x 0.625 + 0.5 x 1 = 0.8125, 1024 scores 0.5 x 1 + 0.5 x 0.8 = 0.9.
        const above256 = tuneResults({ ...tuneRun, minimumMemoryMb: 257 });
        assert.deepStrictEqual(
            above256.routes.map((r) => [r.route, r.recommendations]),
            [
                ["list-events", { cheapest: 512, fastest: 1024, balanced: 1024 }],
                ["get-event", { cheapest: 512, fastest: 1024, balanced: 512 }],
            ],
        );
        // The excluded size is still reported.
        assert.deepStrictEqual(above256.routes[1].measurements.map((m) => m.memoryMb), [256, 512, 1024]);
        assert.throws(() => tuneResults({ ...tuneRun, minimumMemoryMb: 2048 }), /^Error: list-events: no memory size of at least 2048 MB measured, so none to recommend$/);
    });

    it("gives the stack config line for each strategy, routes in route order", () => {
        assert.deepStrictEqual(results.stackConfig, {
            cheapest: `events-api:memorySize: '{"list-events": 512, "get-event": 256}'`,
            fastest: `events-api:memorySize: '{"list-events": 1024, "get-event": 1024}'`,
            balanced: `events-api:memorySize: '{"list-events": 1024, "get-event": 512}'`,
        });
    });

    it("writes a line that Pulumi.<stack>.yaml reads as a string holding the map as JSON", () => {
        const line = memorySizeConfigLine([["list-events", 1024], ["create-event", 512], ["get-event", 512], ["delete-event", 512]]);
        assert.strictEqual(line, `events-api:memorySize: '{"list-events": 1024, "create-event": 512, "get-event": 512, "delete-event": 512}'`);
        const config = YAML.parse(`config:\n  ${line}\n`) as { config: Record<string, string> };
        assert.deepStrictEqual(JSON.parse(config.config["events-api:memorySize"]), { "list-events": 1024, "create-event": 512, "get-event": 512, "delete-event": 512 });
    });

    it("follows the weight it is given", () => {
        const towardsCost = tuneResults({ ...tuneRun, balancedWeight: 1 });
        assert.strictEqual(towardsCost.stackConfig.balanced, towardsCost.stackConfig.cheapest);
        assert.strictEqual(towardsCost.strategy.balancedWeight, 1);
    });
});

describe("tune report tables", () => {
    const tables = reportTables(tuneResults(tuneRun));

    it("ends with the recommendation per route: today's size and each strategy's, with their cost and duration", () => {
        const { id, table } = tables.recommendations;
        assert.strictEqual(id, "recommendations");
        assert.deepStrictEqual(table.headers, ["function", "current", "cheapest", "fastest", "balanced (weight 0.5)"]);
        assert.deepStrictEqual(table.rows, [
            ["list-events", "512 MB ($0.2800, 12.0 ms)", "512 MB ($0.2800, 12.0 ms)", "1024 MB ($0.2933, 7.0 ms)", "1024 MB ($0.2933, 7.0 ms)"],
            ["get-event", "3008 MB (not measured)", "256 MB ($0.2267, 8.0 ms)", "1024 MB ($0.2533, 4.0 ms)", "512 MB ($0.2333, 5.0 ms)"],
        ]);
        assert.deepStrictEqual(table.notes!.slice(-3), [
            `- cheapest: events-api:memorySize: '{"list-events": 512, "get-event": 256}'`,
            `- fastest: events-api:memorySize: '{"list-events": 1024, "get-event": 1024}'`,
            `- balanced: events-api:memorySize: '{"list-events": 1024, "get-event": 512}'`,
        ]);
    });

    it("says how balanced is weighted and which duration the strategies use", () => {
        const notes = tables.recommendations.table.notes!.join("\n");
        assert.match(notes, /balanced, lowest 0\.5 x cost \/ highest cost \+ 0\.5 x duration \/ longest duration, over the sizes measured \(weight 0\.5\)/);
        assert.match(notes, /Duration: the mean warm invocation, as Power Tuning's average duration; the cold request \(Init \+ first invocation\) is in the chart/);
        assert.strictEqual(strategyDefinitions(0.7).balanced, "lowest 0.7 x cost / highest cost + 0.3 x duration / longest duration, over the sizes measured (weight 0.7)");
    });

    it("prints one table per route with every memory size and the three choices under it", () => {
        assert.deepStrictEqual(tables.perRoute.map((t) => t.id), ["power-list-events", "power-get-event"]);
        const text = formatTable(tables.perRoute[1].table);
        assert.match(text, /^\| {2}512 MB \| 0\.289 \| 160\.0 ms \| +25\.0 ms \| +5\.0 ms \| +5\.0 ms \| +5\.0 ms \| +\$0\.2333 \| +\$0\.2417 \|$/m);
        assert.ok(text.endsWith("cheapest: 256 MB; fastest: 1024 MB; balanced (weight 0.5): 512 MB."), text);
    });
});
