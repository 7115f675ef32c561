import * as assert from "assert";
import { reportLine, requestLine } from "../../local/report";

describe("local REPORT lines", () => {
    it("writes Lambda's REPORT fields, with Init Duration on a cold start and init in Billed Duration", () => {
        const line = reportLine({
            requestId: "r-1",
            invocation: { status: "success", payload: {}, durationMs: 12.341, maxMemoryMb: 71 },
            memorySizeMb: 512,
            initDurationMs: 150.5,
        });
        assert.strictEqual(
            line,
            "REPORT RequestId: r-1\tDuration: 12.34 ms\tBilled Duration: 163 ms\tMemory Size: 512 MB\tMax Memory Used: 71 MB\tInit Duration: 150.50 ms",
        );
    });

    it("leaves Init Duration out on a warm invocation and rounds Billed Duration up", () => {
        const line = reportLine({ requestId: "r-2", invocation: { status: "success", payload: {}, durationMs: 3.01, maxMemoryMb: 70 }, memorySizeMb: 512 });
        assert.strictEqual(line, "REPORT RequestId: r-2\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 512 MB\tMax Memory Used: 70 MB");
    });

    it("adds a status for a timeout or a runtime failure, not for a handler error", () => {
        const timeout = reportLine({ requestId: "r", invocation: { status: "error", errorType: "Sandbox.Timedout", errorMessage: "", durationMs: 1000 }, memorySizeMb: 512 });
        assert.match(timeout, /\tStatus: timeout\tError Type: Sandbox.Timedout$/);
        const thrown = reportLine({ requestId: "r", invocation: { status: "error", errorType: "TypeError", errorMessage: "", durationMs: 1, maxMemoryMb: 60 }, memorySizeMb: 512 });
        assert.doesNotMatch(thrown, /Status/);
    });

    it("prefixes the request's method, path, status and total time", () => {
        assert.strictEqual(requestLine("GET", "/events", 200, 4.26, "REPORT x"), "GET /events 200 4.3 ms\tREPORT x");
        assert.strictEqual(requestLine("GET", "/nope", 404, 0.5), "GET /nope 404 0.5 ms");
    });
});
