import * as assert from "assert";
import { corsSettings } from "../../components/cors";
import { isAllowedOrigin, isPreflight, preflightResponse, withCorsHeaders } from "../../local/cors";
import { jsonResponse } from "../../local/response";

describe("local CORS", () => {
    const open = corsSettings(["*"]);
    const listed = corsSettings(["https://app.example", "http://*"]);

    it("recognises a preflight only with origin and access-control-request-method", () => {
        assert.strictEqual(isPreflight("OPTIONS", { origin: "https://a", "access-control-request-method": "POST" }), true);
        assert.strictEqual(isPreflight("OPTIONS", { origin: "https://a" }), false);
        assert.strictEqual(isPreflight("GET", { origin: "https://a", "access-control-request-method": "POST" }), false);
    });

    it("answers a preflight from the component's CORS settings", () => {
        const response = preflightResponse(listed, { origin: "https://app.example", "access-control-request-method": "DELETE" });
        assert.strictEqual(response.statusCode, 204);
        assert.deepStrictEqual(Object.fromEntries(response.headers), {
            "access-control-allow-origin": "https://app.example",
            "access-control-allow-methods": "DELETE,GET,POST",
            "access-control-allow-headers": "authorization,content-type,idempotency-key",
            "access-control-max-age": "3600",
        });
        const star = preflightResponse(open, { origin: "https://x", "access-control-request-method": "GET" });
        assert.strictEqual(Object.fromEntries(star.headers)["access-control-allow-origin"], "*");
    });

    it("gives no CORS headers to a preflight from another origin or for another method", () => {
        assert.deepStrictEqual(preflightResponse(listed, { origin: "https://evil.example", "access-control-request-method": "GET" }).headers, []);
        assert.deepStrictEqual(preflightResponse(open, { origin: "https://x", "access-control-request-method": "PUT" }).headers, []);
    });

    it("matches exact origins and scheme wildcards", () => {
        assert.strictEqual(isAllowedOrigin(listed, "http://localhost:5173"), true);
        assert.strictEqual(isAllowedOrigin(listed, "https://app.example"), true);
        assert.strictEqual(isAllowedOrigin(listed, "https://other.example"), false);
    });

    it("replaces the function's CORS headers with the configured ones for an allowed origin", () => {
        const response = jsonResponse(200, {}, [["access-control-allow-origin", "https://evil.example"]]);
        const headers = withCorsHeaders(listed, "https://app.example", response).headers;
        assert.deepStrictEqual(headers.filter(([name]) => name.startsWith("access-control-")), [
            ["access-control-allow-origin", "https://app.example"],
            ["access-control-expose-headers", "location,retry-after,idempotent-replayed"],
        ]);
        assert.deepStrictEqual(withCorsHeaders(listed, "https://evil.example", response).headers, [["content-type", "application/json"]]);
        assert.deepStrictEqual(withCorsHeaders(listed, undefined, response).headers, [["content-type", "application/json"]]);
    });
});
