import * as assert from "assert";
import { routes } from "../components/routes";
import { readResults } from "../bench/lib/results";
import type { Cell } from "../bench/lib/table";

/**
 * What the prose around docs/performance.md's, docs/operations.md's and docs/architecture.md's generated
 * tables claims, checked against the tables recorded in bench/results/: a run that no longer supports a
 * sentence fails here, and the sentence changes (CONTRIBUTING.md, "Benchmarks and power tuning").
 */
const bench = readResults("bench");
const tune = readResults("tune");

const rowsOf = (table: { table: { rows: readonly (readonly Cell[])[] } } | undefined, what: string) => {
    assert.ok(table, `bench/results has no ${what} table`);
    return table.table.rows.map((row) => row.map(String));
};
/** `x1.27` → 1.27. */
const ratio = (cell: string) => Number(/^x([\d.]+)$/.exec(cell)?.[1] ?? NaN);
/** `4,492 B` or `2,450 B / 36,104 B` → the first byte count, or the one at `index`. */
const bytes = (cell: string, index = 0) => Number(cell.split(" / ")[index].replace(/[, B]/g, ""));
/** `219.1 ms (175.3-385.0)` → 219.1 (the median); `51.5 ms (...) / 15.6 ms (...)` → the one at `index`. */
const millis = (cell: string, index = 0) => Number(/^([\d.]+) ms/.exec(cell.split(" / ")[index])?.[1] ?? NaN);
/** A route's rows in a table that names the route on its first row only. */
function routeRows(rows: string[][], route: string): string[][] {
    const start = rows.findIndex((row) => row[0] === route);
    assert.ok(start >= 0, `no rows for ${route}`);
    const end = rows.findIndex((row, i) => i > start && row[0] !== "");
    return rows.slice(start, end < 0 ? undefined : end);
}
const summary = (figure: string, variant: 1 | 2 | 3 | 4) => ratio(rowsOf(bench.summary, "summary").find((row) => row[0] === figure)![variant]);

describe("what the docs claim of the recorded benchmarks", () => {
    it("performance: the bundled SDK makes an artifact two orders of magnitude larger, and initialises in the same order of time", () => {
        assert.ok(summary("bundle size, raw", 1) >= 100, `x${summary("bundle size, raw", 1)}`);
        assert.ok(summary("cold init", 1) > 1 / 3 && summary("cold init", 1) < 3, `x${summary("cold init", 1)}`);
    });

    it("performance: the monolith is a few KB larger and loads no faster; unminified output loads about as fast", () => {
        const sizes = rowsOf(bench["bundle-size"], "bundle-size");
        for (const route of routes) {
            const [ours, , monolith] = routeRows(sizes, route.name);
            const larger = bytes(monolith[2]) - bytes(ours[2]);
            assert.ok(larger >= 1000 && larger < 10_000, `${route.name}: ${larger} B larger`);
        }
        assert.ok(summary("cold init", 2) >= 0.95, `monolith x${summary("cold init", 2)}`);
        assert.ok(summary("cold init", 3) >= 0.8 && summary("cold init", 3) <= 1.25, `unminified x${summary("cold init", 3)}`);
    });

    it("performance: priming moves the first request out of the first invocation, for every function", () => {
        for (const row of rowsOf(bench.priming, "priming")) assert.ok(millis(row[2], 1) < millis(row[2], 0), `${row[0]}: ${row[2]}`);
    });

    it("performance: every function's aws-lite bundle, which carries its client, is larger than ours, minified and zipped", () => {
        const peer = rowsOf(bench.peer, "peer");
        for (const route of routes) {
            const [ours, lite] = routeRows(peer, route.name);
            assert.ok(bytes(lite[2]) > bytes(ours[2]) && bytes(lite[3]) > bytes(ours[3]), `${route.name}: ${lite[2]} / ${ours[2]}, ${lite[3]} / ${ours[3]}`);
        }
    });

    it("operations: the traced bundle carries tens of KB of X-Ray SDK against our few KB", () => {
        for (const row of rowsOf(bench.tracing, "tracing")) {
            assert.ok(bytes(row[1], 0) < 10_000 && bytes(row[1], 1) >= 20_000, `${row[0]}: ${row[1]}`);
        }
    });

    it("performance and architecture: at 128 MB every request, warm or the first after Init, is several times slower than at the route's default", () => {
        for (const route of routes) {
            const rows = rowsOf(tune[`power-${route.name}`], `power-${route.name}`);
            const at = (mb: number) => rows.find((row) => row[0] === `${mb} MB`)!;
            // Columns: memory, vCPU, init, first invocation, warm p50, warm p99, warm mean, ...
            for (const [column, what] of [[3, "first invocation"], [4, "warm p50"], [6, "warm mean"]] as const) {
                const slower = millis(at(128)[column]) / millis(at(route.defaultMemorySizeMb)[column]);
                assert.ok(slower >= 2, `${route.name}: ${what} at 128 MB is x${slower.toFixed(2)} of ${route.defaultMemorySizeMb} MB's`);
            }
        }
    });

    it("README: aws-lite's cold requests take about half as long as ours, with bundles some twenty times larger zipped", () => {
        // Column 4 of the summary: the peer's ratios to ours.
        const peerRatio = (figure: string) => summary(figure, 4);
        assert.ok(peerRatio("init + first invocation") >= 0.35 && peerRatio("init + first invocation") <= 0.65, `x${peerRatio("init + first invocation")}`);
        assert.ok(peerRatio("bundle size, zipped") >= 10 && peerRatio("bundle size, zipped") <= 40, `x${peerRatio("bundle size, zipped")}`);
    });

    it("performance: the cheapest sizes save at most a tenth per request and take at least half as long again warm; the fastest buy less than a millisecond", () => {
        // Cells: "<MB> MB ($<cost per 1M>, <mean warm> ms)"; columns: function, current, cheapest, fastest, balanced.
        const cell = (text: string) => {
            const [, cost, mean] = /^\d+ MB \(\$([\d.]+), ([\d.]+) ms\)$/.exec(text)!;
            return { cost: Number(cost), mean: Number(mean) };
        };
        for (const row of rowsOf(tune.recommendations, "recommendations")) {
            const [cheapest, fastest, balanced] = [cell(row[2]), cell(row[3]), cell(row[4])];
            assert.ok(cheapest.cost >= 0.9 * balanced.cost && cheapest.mean >= 1.5 * balanced.mean, `${row[0]}: cheapest ${row[2]}, balanced ${row[4]}`);
            assert.ok(balanced.mean - fastest.mean < 1, `${row[0]}: fastest ${row[3]}, balanced ${row[4]}`);
        }
    });

    it("architecture and configuration: each route's default memory is the recorded tune's balanced choice or scores within 2% of it, and list-events is a near-tie", () => {
        // Power Tuning's balanced score over the sizes the pack allows, from the recorded power table: 0.5 x
        // duration cost / highest + 0.5 x mean warm / longest. The table's cost includes the $0.20 request fee.
        const scores = (route: string) => {
            const rows = rowsOf(tune[`power-${route}`], `power-${route}`)
                .map((row) => ({ memoryMb: Number(/^(\d+) MB$/.exec(row[0])![1]), mean: millis(row[6]), cost: Number(row[7].replace("$", "")) - 0.2 }))
                .filter((row) => row.memoryMb > 128);
            const [maxCost, maxMean] = [Math.max(...rows.map((r) => r.cost)), Math.max(...rows.map((r) => r.mean))];
            return new Map(rows.map((r) => [r.memoryMb, 0.5 * (r.cost / maxCost) + 0.5 * (r.mean / maxMean)]));
        };
        const balanced = new Map(rowsOf(tune.recommendations, "recommendations").map((row) => [row[0], Number(/^(\d+) MB/.exec(row[4])![1])]));
        for (const route of routes) {
            const score = scores(route.name);
            const [own, best] = [score.get(route.defaultMemorySizeMb)!, score.get(balanced.get(route.name)!)!];
            assert.ok(own <= best * 1.02, `${route.name}: ${route.defaultMemorySizeMb} MB scores ${own.toFixed(4)}, the balanced ${balanced.get(route.name)} MB ${best.toFixed(4)}`);
        }
        const list = scores("list-events");
        assert.ok(Math.abs(list.get(1024)! - list.get(1769)!) <= 0.02 * Math.min(list.get(1024)!, list.get(1769)!), "list-events at 1024 and 1769 MB: no longer a near-tie");
    });

    it("performance: under the burst model priming saves at 128 and 512 MB, more than from 1769 MB up; with Init throttled too the work only moves", () => {
        const rows = rowsOf(tune["cold-request"], "cold-request");
        // Columns: function, memory, init-burst not primed, primed, ratio, init-throttled not primed, primed, ratio.
        for (const route of routes) {
            const burst = (mb: number) => ratio(routeRows(rows, route.name).find((row) => row[1] === `${mb} MB`)![4]);
            assert.ok(burst(128) < 1 && burst(512) < 1, `${route.name}: x${burst(128)} at 128 MB, x${burst(512)} at 512 MB`);
            assert.ok(burst(128) < burst(1769) && burst(128) < burst(3008), `${route.name}: x${burst(128)} at 128 MB, x${burst(1769)} and x${burst(3008)} from 1769 MB`);
        }
        const [burstMedian, throttledMedian] = rowsOf(tune["cold-request-summary"], "cold-request-summary").map((row) => ratio(row[1]));
        assert.ok(burstMedian < 1, `init-burst x${burstMedian}`);
        assert.ok(throttledMedian >= 0.8 && throttledMedian <= 1.25, `init-throttled x${throttledMedian}`);
    });
});
