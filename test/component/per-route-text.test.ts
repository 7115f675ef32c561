import * as assert from "assert";
import { perRouteText } from "../../components/per-route-text";

describe("perRouteText", () => {
    it("names each route off the value most routes share", () => {
        assert.strictEqual(perRouteText({ "list-events": 1024, "create-event": 512, "get-event": 512, "delete-event": 512 }), "list-events 1024, the others 512");
        assert.strictEqual(perRouteText({ a: 256, b: 512, c: 2048, d: 512 }, " MB"), "a 256 MB, c 2048 MB, the others 512 MB");
    });

    it("says the other for one route left, and every route when all share one value", () => {
        assert.strictEqual(perRouteText({ a: 1024, b: 512 }), "b 512, the other 1024");
        assert.strictEqual(perRouteText({ a: 512, b: 512 }, " MB"), "512 MB for every route");
    });
});
