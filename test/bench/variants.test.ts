import * as assert from "assert";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { routeKey, routes } from "../../components/routes";
import { requestLine, reportLine } from "../../local/report";
import { zippedSize } from "../../bench/lib/variants";
import { dispatchByRouteKey } from "../../bench/variants/dispatch";
import { monolithEntrySource } from "../../bench/variants/monolith";
import { parseWarmReport } from "../../bench/sections/warm";

const context = {} as Context;

describe("bench variants", () => {
    it("generates the monolith entry from the route table: one import per route, dispatched by route key", () => {
        const source = monolithEntrySource(routes);
        for (const route of routes) {
            assert.strictEqual(source.split(route.entry.replace(/\.ts$/, "")).length - 1, 1, `imports ${route.entry} once`);
        }
        assert.match(source, /dispatchByRouteKey\(\[route0, route1, route2, route3\]\)/);
    });

    it("dispatches each route key to that route's handler and answers 404 otherwise", async () => {
        const monolith = dispatchByRouteKey(routes.map((route) => async () => ({ statusCode: 200, body: route.name })));
        for (const route of routes) {
            const response = await monolith({ routeKey: routeKey(route) } as APIGatewayProxyEventV2, context);
            assert.strictEqual(response.body, route.name);
        }
        assert.strictEqual((await monolith({ routeKey: "PUT /events" } as APIGatewayProxyEventV2, context)).statusCode, 404);
        assert.throws(() => dispatchByRouteKey([]), /one per route/);
    });

    it("primes the monolith's one client once, with the first route's request", () => {
        const source = monolithEntrySource(routes);
        assert.match(source, new RegExp(`^import \\{ handler as route0, prime \\} from ".*${routes[0].entry.replace(/\.ts$/, "")}";$`, "m"));
        assert.match(source, /^export \{ prime \};$/m);
    });

    it("sizes a one-file zip as a real zip writer does", () => {
        const code = "exports.handler = async () => ({ statusCode: 200 });\n".repeat(50);
        // The size of the zip Python's zipfile writes for this content as index.js, deflated with zlib's
        // default level: python3 -c 'import zipfile, io; b = io.BytesIO(); z = zipfile.ZipFile(b, "w",
        // zipfile.ZIP_DEFLATED); z.writestr("index.js", "exports.handler = async () => ({ statusCode: 200 });\n" * 50);
        // z.close(); print(len(b.getvalue()))'
        assert.strictEqual(zippedSize(code, "index.js"), 193);
    });

    it("reads the function's Duration from the local stack's warm request lines only", () => {
        const invocation = { status: "success" as const, payload: {}, durationMs: 12.345, maxMemoryMb: 70 };
        const warm = requestLine("GET", "/events/abc", 200, 20.1, reportLine({ requestId: "r1", invocation, memorySizeMb: 512 }));
        assert.deepStrictEqual(parseWarmReport(warm), { method: "GET", path: "/events/abc", status: 200, durationMs: 12.35 });
        const cold = requestLine("GET", "/events", 200, 300, reportLine({ requestId: "r2", invocation, memorySizeMb: 512, initDurationMs: 150 }));
        assert.strictEqual(parseWarmReport(cold), undefined);
        assert.strictEqual(parseWarmReport(requestLine("GET", "/nope", 404, 1)), undefined);
    });
});
