import * as assert from "assert";
import { routes } from "../../components/routes";
import { coldRequestSummary, coldRequestTable, ColdRequest, ColdRequestSamples, primedRatio } from "../../bench/sections/cold-request";
import { formatTable } from "../../bench/lib/table";

/** Samples where each route's primed cold request is a fixed fraction of its unprimed one, per model. */
function fixture(primedShare: Record<string, Record<string, number>>): ColdRequestSamples {
    return (route, _memoryMb, model, priming) => {
        const unprimed: ColdRequest[] = [
            { initMs: 90, firstInvocationMs: 70 },
            { initMs: 100, firstInvocationMs: 80 },
            { initMs: 120, firstInvocationMs: 90 },
        ];
        if (priming === "unprimed") return unprimed;
        const share = primedShare[route][model];
        return unprimed.map((s) => ({ initMs: (s.initMs + s.firstInvocationMs) * share - 10, firstInvocationMs: 10 }));
    };
}

describe("tune's priming comparison", () => {
    const samples = fixture({
        "list-events": { "init-burst": 0.7, "init-throttled": 1.1 },
        "create-event": { "init-burst": 0.8, "init-throttled": 1.04 },
        "get-event": { "init-burst": 0.75, "init-throttled": 1.2 },
        "delete-event": { "init-burst": 0.9, "init-throttled": 1.0 },
    });

    it("divides the median primed cold request by the median unprimed one", () => {
        // Unprimed cold requests 160, 180, 210: median 180; primed at 0.7 of each: median 126.
        assert.strictEqual(primedRatio(samples, "list-events", 512, "init-burst")?.toFixed(4), "0.7000");
    });

    it("summarises each model by the median of the routes' ratios at one memory size", () => {
        // Burst ratios 0.7, 0.8, 0.75, 0.9: median 0.775; throttled 1.1, 1.04, 1.2, 1.0: median 1.07.
        assert.strictEqual(coldRequestSummary(routes, samples, 512, "init-burst"), "cold request at 512 MB, init-burst: primed/unprimed x0.78");
        assert.strictEqual(coldRequestSummary(routes, samples, 512, "init-throttled"), "cold request at 512 MB, init-throttled: primed/unprimed x1.07");
    });

    it("tabulates every route and memory size under both models", () => {
        const text = formatTable(coldRequestTable(routes, [512, 1024], samples, 3));
        const rows = text.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| function"));
        assert.strictEqual(rows.length, routes.length * 2);
        const cells = (row: string) => row.split("|").slice(1, -1).map((cell) => cell.trim());
        assert.deepStrictEqual(cells(rows[0]), [
            "list-events",
            "512 MB",
            "180.0 ms (init 100.0 + first 80.0)",
            "126.0 ms (init 116.0 + first 10.0)",
            "x0.70",
            "180.0 ms (init 100.0 + first 80.0)",
            "198.0 ms (init 188.0 + first 10.0)",
            "x1.10",
        ]);
        assert.deepStrictEqual(cells(rows[1]).slice(0, 2), ["", "1024 MB"]);
    });
});
