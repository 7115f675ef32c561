import * as assert from "assert";
import { routes } from "../../components/routes";
import { createRouter } from "../../local/router";

describe("local router", () => {
    const router = createRouter();

    it("matches every route of the route table by method and path", () => {
        for (const route of routes) {
            const path = route.path.replace("{id}", "abc");
            assert.strictEqual(router.match(route.method, path)?.route, route);
        }
    });

    it("gives the API Gateway route key and URL-decoded path parameters", () => {
        const match = router.match("GET", "/events/x%23y%2F..%00");
        assert.strictEqual(match?.routeKey, "GET /events/{id}");
        assert.deepStrictEqual(match?.pathParameters, { id: "x#y/..\u0000" });
    });

    it("leaves out pathParameters for a route without parameters", () => {
        assert.strictEqual(router.match("GET", "/events")?.pathParameters, undefined);
    });

    it("passes an invalid percent-encoding through as sent, for the handler to reject", () => {
        assert.deepStrictEqual(router.match("DELETE", "/events/%zz")?.pathParameters, { id: "%zz" });
    });

    it("matches nothing for an unknown path, an unknown method, an empty parameter or an extra segment", () => {
        for (const [method, path] of [
            ["GET", "/nope"],
            ["PUT", "/events"],
            ["PATCH", "/events/abc"],
            ["GET", "/events/"],
            ["GET", "/events/a/b"],
            ["GET", "/events/../x"],
            ["GET", "/EVENTS"],
        ]) {
            assert.strictEqual(router.match(method, path), undefined, `${method} ${path}`);
        }
    });
});
