import * as assert from "assert";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { routeKey, routes } from "../../components/routes";
import { isSuccess, lambdaEvent, precondition, successfulRequest } from "../../bench/lib/requests";
import { createRoute } from "../../bench/lib/seed";

describe("bench requests", () => {
    it("derives each route's precondition from its method and path parameters", () => {
        const needs = Object.fromEntries(routes.map((route) => [routeKey(route), precondition(route)]));
        assert.deepStrictEqual(needs, {
            "GET /events": "none",
            "POST /events": "none",
            "GET /events/{id}": "existing-event",
            "DELETE /events/{id}": "fresh-event",
        });
    });

    it("finds the create route in the route table", () => {
        assert.strictEqual(routeKey(createRoute()), "POST /events");
        assert.throws(() => createRoute(routes.filter((route) => route.method !== "POST")), /no POST route/);
    });

    it("builds for every route the payload 2.0 event API Gateway would send, with the id in the path", () => {
        for (const route of routes) {
            const event = lambdaEvent(successfulRequest(route, "a/b c")) as APIGatewayProxyEventV2;
            assert.strictEqual(event.routeKey, routeKey(route));
            assert.strictEqual(event.requestContext.http.method, route.method);
            if (precondition(route) !== "none") {
                assert.strictEqual(event.rawPath, "/events/a%2Fb%20c");
                assert.deepStrictEqual(event.pathParameters, { id: "a/b c" });
            }
        }
    });

    it("sends a valid JSON event with a JSON content type on POST, and a new name every time", () => {
        const first = successfulRequest(createRoute());
        const second = successfulRequest(createRoute());
        assert.strictEqual(first.headers["content-type"], "application/json");
        const body = JSON.parse(first.body!) as Record<string, string>;
        assert.deepStrictEqual(Object.keys(body).sort(), ["description", "location", "name", "startsAt"]);
        assert.notStrictEqual(first.body, second.body);
    });

    it("refuses a request that needs an id without one", () => {
        const route = routes.find((r) => precondition(r) === "existing-event")!;
        assert.throws(() => successfulRequest(route), /needs an event id/);
    });

    it("counts only 2xx as success", () => {
        assert.deepStrictEqual([200, 201, 204, 299, 300, 404, 503, undefined].map(isSuccess), [true, true, true, true, false, false, false, false]);
    });
});
