import * as assert from "assert";
import { EventsApiArgs } from "../../components/events-api";
import { liveAliasName } from "../../components/route-resources";
import { routes } from "../../components/routes";
import { types } from "../support/pulumi-mocks";
import { EventsApiFixture } from "./events-api-fixture";

const fixture = new EventsApiFixture();
const { harness, prefix } = fixture;
const topicArn = "arn:aws:sns:eu-west-1:123456789012:ops";
const build = (args: EventsApiArgs) => fixture.build(args);

describe("EventsApi operations args under mocks", () => {
    describe("with provisioned concurrency on get-event, reserved concurrency and an alarm topic", () => {
        before(async () => {
            fixture.reset();
            await build({
                reservedConcurrency: { "get-event": 5, "create-event": 50 },
                provisionedConcurrency: { "get-event": 3 },
                alarmTopicArn: topicArn,
                alarmThresholds: { apiLatencyP99Ms: 700 },
            });
        });

        it("publishes a version of that function only, and reserves concurrency per route", () => {
            const fn = (route: string) => harness.named(`${prefix}-${route}-fn`).inputs;
            assert.deepStrictEqual(
                routes.map((route) => [route.name, fn(route.name).publish, fn(route.name).reservedConcurrentExecutions]),
                [
                    ["list-events", false, undefined],
                    ["create-event", false, 50],
                    ["get-event", true, 5],
                    ["delete-event", false, undefined],
                ],
            );
        });

        it("points the live alias at the published version and provisions the environments on the alias", () => {
            const fn = harness.state(`${prefix}-get-event-fn`);
            assert.deepStrictEqual(harness.named(`${prefix}-get-event-alias`).inputs, {
                functionName: fn.name,
                functionVersion: fn.version,
                name: liveAliasName,
            });
            assert.strictEqual(fn.version, "1");
            assert.deepStrictEqual(harness.named(`${prefix}-get-event-provisioned`).inputs, {
                functionName: fn.name,
                qualifier: liveAliasName,
                provisionedConcurrentExecutions: 3,
            });
            assert.strictEqual(harness.ofType(types.alias).length, 1);
            assert.strictEqual(harness.ofType(types.provisionedConcurrency).length, 1);
        });

        it("integrates the route with the alias, and permits API Gateway to invoke that alias only", () => {
            const aliasArn = harness.state(`${prefix}-get-event-alias`).arn;
            assert.match(aliasArn, /:function:api-test-get-event-fn-[0-9a-f]+:live$/);
            assert.strictEqual(harness.named(`${prefix}-get-event-integration`).inputs.integrationUri, aliasArn);
            const permission = harness.named(`${prefix}-get-event-permission`).inputs;
            assert.deepStrictEqual(
                [permission.function, permission.qualifier],
                [harness.state(`${prefix}-get-event-fn`).name, liveAliasName],
            );
            assert.ok(permission.sourceArn.endsWith("/*/GET/events/{id}"), permission.sourceArn);
        });

        it("keeps the other routes on the unqualified function", () => {
            for (const route of ["list-events", "create-event", "delete-event"]) {
                const fn = harness.state(`${prefix}-${route}-fn`);
                assert.strictEqual(harness.named(`${prefix}-${route}-integration`).inputs.integrationUri, fn.arn);
                assert.strictEqual(harness.named(`${prefix}-${route}-permission`).inputs.qualifier, undefined);
            }
        });

        it("watches each function by name, so the alarms cover the alias's invocations too", () => {
            for (const route of routes) {
                const fnName = harness.state(`${prefix}-${route.name}-fn`).name;
                for (const role of ["errors", "throttles", "duration-p99"]) {
                    const alarm = harness.named(`${prefix}-${route.name}-${role}`).inputs;
                    assert.deepStrictEqual(alarm.dimensions, { FunctionName: fnName }, `${route.name}-${role}`);
                }
            }
        });

        it("wires every alarm to the topic and applies the threshold overrides", () => {
            const alarms = harness.ofType(types.alarm);
            assert.strictEqual(alarms.length, 3 * routes.length + 3);
            for (const alarm of alarms) {
                assert.deepStrictEqual([alarm.inputs.alarmActions, alarm.inputs.okActions], [[topicArn], [topicArn]], alarm.name);
            }
            assert.strictEqual(harness.named(`${prefix}-api-latency-p99`).inputs.threshold, 700);
            const apiId = harness.named(`${prefix}-api`).id;
            assert.deepStrictEqual(harness.named(`${prefix}-api-latency-p99`).inputs.dimensions, { ApiId: apiId, Stage: "$default" });
            const tableName = harness.state(`${prefix}-table`).name;
            const throttles = harness.named(`${prefix}-table-throttles`).inputs.metricQueries;
            assert.ok(throttles.filter((q: { metric?: unknown }) => q.metric).length > 0);
            for (const query of throttles.filter((q: { metric?: unknown }) => q.metric)) {
                assert.strictEqual(query.metric.dimensions.TableName, tableName);
            }
        });
    });

    it("creates no alias and no provisioned config for provisioned concurrency 0", async () => {
        fixture.reset();
        await build({ provisionedConcurrency: 0 });
        assert.strictEqual(harness.ofType(types.alias).length, 0);
        assert.strictEqual(harness.ofType(types.provisionedConcurrency).length, 0);
        assert.ok(harness.ofType(types.function).every((fn) => fn.inputs.publish === false));
    });

    describe("rejects a bad operations arg with a ResourceError naming it and the allowed values, registering nothing", () => {
        const routeList = "list-events, create-event, get-event, delete-event";
        const cases: [EventsApiArgs, string][] = [
            [{ reservedConcurrency: -1 }, "[reservedConcurrency] must be an integer of 0 or more; got -1"],
            [{ reservedConcurrency: { "create-event": -1, "get-event": 2 } }, "[reservedConcurrency.create-event] must be an integer of 0 or more; got -1"],
            [{ provisionedConcurrency: { "get-events": 1 } }, `[provisionedConcurrency] has "get-events", which is not a route: the routes are ${routeList}`],
            [{ provisionedConcurrency: 1.5 }, "[provisionedConcurrency] must be an integer of 0 or more; got 1.5"],
            [
                { provisionedConcurrency: "2" as never },
                `[provisionedConcurrency] must be an integer of 0 or more for every route, or a map from route name (${routeList}) to such an integer; got "2"`,
            ],
            [
                { reservedConcurrency: { "get-event": 2 }, provisionedConcurrency: 3 },
                "[provisionedConcurrency.get-event] must not exceed reservedConcurrency on this route (2); got 3",
            ],
            [{ alarmTopicArn: "ops-alarms" }, '[alarmTopicArn] must be an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:alarms; got "ops-alarms"'],
            [
                { alarmTopicArn: "arn:aws:sqs:eu-west-1:123456789012:q" },
                '[alarmTopicArn] must be an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:alarms; got "arn:aws:sqs:eu-west-1:123456789012:q"',
            ],
            [
                { alarmThresholds: { durationTimeoutRatio: 2 } },
                "[alarmThresholds.durationTimeoutRatio] must be a number above 0 and at most 1 (share of the timeout); got 2",
            ],
            [
                { alarmThresholds: { latency: 1 } as never },
                '[alarmThresholds] has "latency", which is not a threshold: the thresholds are functionErrors, functionThrottles, ' +
                    "durationTimeoutRatio, api5xxPercent, apiLatencyP99Ms, tableThrottledRequests",
            ],
        ];
        for (const [args, message] of cases) {
            it(JSON.stringify(args), () => fixture.rejects(args, message));
        }
    });
});
