import * as assert from "assert";
import { ConcurrencyConfigError, resolveConcurrency } from "../../components/concurrency";
import { routes } from "../../components/routes";

const routeNames = routes.map((route) => route.name);

describe("concurrency config", () => {
    it("sets nothing on any route when neither key is set", () => {
        assert.deepStrictEqual(
            resolveConcurrency({}),
            Object.fromEntries(routeNames.map((name) => [name, { reserved: undefined, provisioned: undefined }])),
        );
    });

    it("applies one number to every route of the route table", () => {
        const resolved = resolveConcurrency({ reservedConcurrency: 20, provisionedConcurrency: 2 });
        assert.deepStrictEqual(Object.keys(resolved), routeNames);
        for (const name of routeNames) {
            assert.deepStrictEqual(resolved[name], { reserved: 20, provisioned: 2 });
        }
    });

    it("applies a map per route name, leaving the routes it omits unset", () => {
        const resolved = resolveConcurrency({
            reservedConcurrency: { "create-event": 50 },
            provisionedConcurrency: { "list-events": 5, "get-event": 3 },
        });
        assert.deepStrictEqual(resolved["create-event"], { reserved: 50, provisioned: undefined });
        assert.deepStrictEqual(resolved["list-events"], { reserved: undefined, provisioned: 5 });
        assert.deepStrictEqual(resolved["get-event"], { reserved: undefined, provisioned: 3 });
        assert.deepStrictEqual(resolved["delete-event"], { reserved: undefined, provisioned: undefined });
    });

    it("treats 0 provisioned as none, and keeps 0 reserved (the function takes no requests)", () => {
        const resolved = resolveConcurrency({ reservedConcurrency: 0, provisionedConcurrency: 0 });
        assert.deepStrictEqual(resolved["get-event"], { reserved: 0, provisioned: undefined });
    });

    it("rejects an unknown route name, listing the valid ones", () => {
        assert.throws(
            () => resolveConcurrency({ provisionedConcurrency: { "list-event": 5 } }),
            (error: Error) =>
                error instanceof ConcurrencyConfigError &&
                error.message ===
                    'provisionedConcurrency names unknown route "list-event": valid route names are ' +
                        routeNames.join(", "),
        );
    });

    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        it(`rejects ${bad} as a value for all routes, naming the key and the range`, () => {
            assert.throws(
                () => resolveConcurrency({ reservedConcurrency: bad }),
                /^ConcurrencyConfigError: reservedConcurrency must be an integer of 0 or more; got /,
            );
        });
    }

    it("rejects a bad value inside the map, naming the key and the route", () => {
        assert.throws(
            () => resolveConcurrency({ provisionedConcurrency: { "get-event": -2 } }),
            /provisionedConcurrency\.get-event must be an integer of 0 or more; got -2/,
        );
        assert.throws(
            () => resolveConcurrency({ reservedConcurrency: { "get-event": "5" } }),
            /reservedConcurrency\.get-event must be an integer of 0 or more; got "5"/,
        );
    });

    for (const bad of ["5", [1, 2], null, true]) {
        it(`rejects ${JSON.stringify(bad)}, which is neither a number nor a map`, () => {
            assert.throws(
                () => resolveConcurrency({ reservedConcurrency: bad }),
                /reservedConcurrency must be an integer of 0 or more, or a map from route name \(list-events, /,
            );
        });
    }

    it("rejects provisioned above reserved on the same route, naming both values", () => {
        assert.throws(
            () => resolveConcurrency({ reservedConcurrency: { "get-event": 4 }, provisionedConcurrency: 5 }),
            /^ConcurrencyConfigError: provisionedConcurrency must not exceed reservedConcurrency: route "get-event" has 5 provisioned and 4 reserved$/,
        );
        assert.doesNotThrow(() => resolveConcurrency({ reservedConcurrency: 5, provisionedConcurrency: 5 }));
    });
});
