import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { createMonitoring, MonitoringArgs, tableOperations } from "../../components/monitoring";
import { childNaming, namePrefix } from "../../components/naming";
import { routes } from "../../components/routes";
import { settingDefaults } from "../../components/settings";
import { RecordedResource } from "../../tools/mock-program";
import { MockHarness, valueOf } from "../support/pulumi-mocks";

const alarmType = "aws:cloudwatch/metricAlarm:MetricAlarm";
const dashboardType = "aws:cloudwatch/dashboard:Dashboard";
const topicArn = "arn:aws:sns:eu-west-1:123456789012:ops-alarms";

function monitoringArgs(overrides: Partial<MonitoringArgs> = {}): MonitoringArgs {
    return {
        functions: routes.map((route) => ({
            routeName: route.name,
            functionName: `fn-${route.name}`,
            logGroupName: `/aws/lambda/fn-${route.name}`,
            timeoutSeconds: 10,
        })),
        apiId: "api123",
        tableName: "events-table",
        alarmThresholds: settingDefaults.alarmThresholds,
        ...overrides,
    };
}

const harness = new MockHarness();

const parentType = "test:index:Parent";

/** Creates the monitoring under a stand-in parent component and fresh mocks. */
async function monitor(overrides: Partial<MonitoringArgs> = {}) {
    harness.reset();
    const monitoring = await harness.declare(() =>
        createMonitoring(childNaming("ops", pulumi.getStack(), new pulumi.ComponentResource(parentType, "ops")), monitoringArgs(overrides)),
    );
    return { monitoring, resources: harness.resources };
}

function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
    return resources.filter((r) => r.type === type);
}

interface MetricQuery {
    id: string;
    expression?: string;
    returnData?: boolean;
    metric?: { namespace: string; metricName: string; stat: string; dimensions: Record<string, string> };
}

/** The inputs of a MetricAlarm that these tests read. */
interface AlarmInputs {
    namespace?: string;
    metricName?: string;
    statistic?: string;
    extendedStatistic?: string;
    dimensions?: Record<string, string>;
    threshold: number;
    actionsEnabled?: boolean;
    alarmActions?: string[];
    okActions?: string[];
    metricQueries: MetricQuery[];
}

/** A widget of a dashboard body; a metric is [namespace, name, dim1, value1, ..., rendering props]. */
interface DashboardWidget {
    type: string;
    properties: { title?: string; query?: string; region?: string; metrics?: unknown[][]; alarms?: string[] };
}

function alarm(resources: RecordedResource[], name: string): AlarmInputs {
    const found = resources.filter((r) => r.type === alarmType && r.name === name);
    assert.strictEqual(found.length, 1, `one alarm named ${name}`);
    return found[0].inputs as AlarmInputs;
}

function dashboardWidgets(resources: RecordedResource[]): DashboardWidget[] {
    const [dashboard] = ofType(resources, dashboardType);
    return JSON.parse(dashboard.inputs.dashboardBody).widgets;
}

describe("Monitoring", () => {
    // One run with the defaults serves every test that only reads it (each run takes about half a second).
    let defaults: RecordedResource[];
    before(async () => {
        defaults = (await monitor()).resources;
    });

    it("creates errors, throttles and p99 duration alarms per function, on that function's metrics", async () => {
        const resources = defaults;
        for (const route of routes) {
            const dimensions = { FunctionName: `fn-${route.name}` };
            const errors = alarm(resources, `ops-test-${route.name}-errors`);
            assert.deepStrictEqual(
                [errors.namespace, errors.metricName, errors.statistic, errors.dimensions],
                ["AWS/Lambda", "Errors", "Sum", dimensions],
            );
            const throttles = alarm(resources, `ops-test-${route.name}-throttles`);
            assert.deepStrictEqual([throttles.metricName, throttles.dimensions], ["Throttles", dimensions]);
            const duration = alarm(resources, `ops-test-${route.name}-duration-p99`);
            assert.deepStrictEqual(
                [duration.metricName, duration.extendedStatistic, duration.dimensions],
                ["Duration", "p99", dimensions],
            );
        }
        assert.strictEqual(ofType(resources, alarmType).length, routes.length * 3 + 3);
    });

    it("fires at the default thresholds, the duration alarm at 80% of the function timeout", () => {
        assert.deepStrictEqual(
            ["errors", "throttles", "duration-p99"].map((role) => alarm(defaults, `ops-test-get-event-${role}`).threshold),
            [1, 1, 8000],
        );
        assert.deepStrictEqual(
            ["ops-test-api-5xx-rate", "ops-test-api-latency-p99", "ops-test-table-throttles"].map((name) => alarm(defaults, name).threshold),
            [1, 1000, 1],
        );
    });

    it("takes every threshold from the overrides", async () => {
        const { resources } = await monitor({
            functions: [{ routeName: "get-event", functionName: "f", logGroupName: "/l", timeoutSeconds: 20 }],
            alarmThresholds: {
                functionErrors: 5,
                functionThrottles: 7,
                durationTimeoutRatio: 0.5,
                api5xxPercent: 2.5,
                apiLatencyP99Ms: 1500,
                tableThrottledRequests: 3,
            },
        });
        assert.deepStrictEqual(
            [
                "ops-test-get-event-errors",
                "ops-test-get-event-throttles",
                "ops-test-get-event-duration-p99",
                "ops-test-api-5xx-rate",
                "ops-test-api-latency-p99",
                "ops-test-table-throttles",
            ].map((name) => alarm(resources, name).threshold),
            [5, 7, 10000, 2.5, 1500, 3],
        );
    });

    it("alarms on the HTTP API's 5xx share and p99 latency, by ApiId and Stage", async () => {
        const resources = defaults;
        const dimensions = { ApiId: "api123", Stage: "$default" };
        const latency = alarm(resources, "ops-test-api-latency-p99");
        assert.deepStrictEqual(
            [latency.namespace, latency.metricName, latency.extendedStatistic, latency.dimensions, latency.threshold],
            ["AWS/ApiGateway", "Latency", "p99", dimensions, 1000],
        );
        const rate = alarm(resources, "ops-test-api-5xx-rate");
        const queries = new Map(rate.metricQueries.map((q) => [q.id, q]));
        const errors = queries.get("errors")?.metric;
        assert.deepStrictEqual([errors?.metricName, errors?.stat, errors?.dimensions], ["5xx", "Sum", dimensions]);
        const requests = queries.get("requests")?.metric;
        assert.deepStrictEqual([requests?.metricName, requests?.dimensions], ["Count", dimensions]);
        assert.strictEqual(queries.get("rate")?.expression, "100 * errors / requests");
        assert.deepStrictEqual(
            rate.metricQueries.filter((q) => q.returnData).map((q) => q.id),
            ["rate"],
        );
    });

    it("alarms on the table's throttled requests, summed over every operation the routes call", async () => {
        const resources = defaults;
        const throttles = alarm(resources, "ops-test-table-throttles");
        const metrics = throttles.metricQueries.flatMap((q) => (q.metric ? [q.metric] : []));
        assert.deepStrictEqual(
            metrics.map((m) => m.dimensions.Operation).sort(),
            ["DeleteItem", "GetItem", "PutItem", "Query"],
        );
        for (const metric of metrics) {
            assert.deepStrictEqual(
                [metric.namespace, metric.metricName, metric.dimensions.TableName, metric.stat],
                ["AWS/DynamoDB", "ThrottledRequests", "events-table", "Sum"],
            );
        }
        assert.strictEqual(throttles.metricQueries.at(-1)?.expression, "SUM(METRICS())");
    });

    it("leaves every alarm without actions when there is no alarm topic", async () => {
        const resources = defaults;
        for (const { name, inputs } of ofType(resources, alarmType)) {
            assert.ok(!inputs.alarmActions?.length && !inputs.okActions?.length, `${name} has actions`);
        }
    });

    describe("with an alarm topic and a dashboard name", () => {
        let resources: RecordedResource[];
        before(async () => {
            ({ resources } = await monitor({ alarmTopicArn: topicArn, dashboardName: "events-ops" }));
        });

        it("notifies the topic when an alarm fires and when it recovers", () => {
            const alarms = ofType(resources, alarmType);
            assert.strictEqual(alarms.length, routes.length * 3 + 3);
            for (const { inputs } of alarms) {
                assert.deepStrictEqual([inputs.alarmActions, inputs.okActions, inputs.actionsEnabled ?? true], [[topicArn], [topicArn], true]);
            }
        });

        it("takes the dashboard name given", () => {
            assert.strictEqual(ofType(resources, dashboardType)[0].inputs.dashboardName, "events-ops");
        });
    });

    it("builds one dashboard with per-route, API and table metrics, and cold starts from the JSON logs", async () => {
        const resources = defaults;
        assert.strictEqual(ofType(resources, dashboardType).length, 1);
        const widgets = dashboardWidgets(resources);
        const metrics = widgets.flatMap((widget) => widget.properties.metrics ?? []);
        const has = (namespace: string, name: string, dimension: string, value: string) =>
            metrics.some((m) => m[0] === namespace && m[1] === name && m.includes(dimension) && m[m.indexOf(dimension) + 1] === value);
        for (const route of routes) {
            for (const name of ["Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions"]) {
                assert.ok(has("AWS/Lambda", name, "FunctionName", `fn-${route.name}`), `${name} of ${route.name}`);
            }
            const coldStarts = widgets.find((w) => w.type === "log" && w.properties.title === `${route.name}: cold starts`);
            assert.match(coldStarts?.properties.query ?? "", new RegExp(`^SOURCE '/aws/lambda/fn-${route.name}' \\|`));
            assert.match(coldStarts?.properties.query ?? "", /type = "platform.report" and ispresent\(record.metrics.initDurationMs\)/);
        }
        const durationStats = metrics
            .filter((m) => m[1] === "Duration" && m.includes("fn-get-event"))
            .map((m) => (m.at(-1) as { stat: string }).stat);
        assert.deepStrictEqual(durationStats, ["p50", "p99"]);
        for (const name of ["Count", "4xx", "5xx", "Latency"]) {
            assert.ok(has("AWS/ApiGateway", name, "ApiId", "api123"), `API ${name}`);
        }
        for (const name of ["ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits", "ThrottledRequests"]) {
            assert.ok(has("AWS/DynamoDB", name, "TableName", "events-table"), `table ${name}`);
        }
        const metricWidgets = widgets.filter((w) => w.type === "metric");
        assert.ok(metricWidgets.every((w) => w.properties.region === "eu-west-1"));
        const alarmWidget = widgets.find((w) => w.type === "alarm");
        assert.strictEqual(alarmWidget?.properties.alarms?.length, ofType(resources, alarmType).length);
    });

    it("names the dashboard after the component and the stack, and outputs its console URL in the provider's region", async () => {
        const { monitoring, resources } = await monitor();
        assert.strictEqual(ofType(resources, dashboardType)[0].inputs.dashboardName, "ops-test");
        assert.strictEqual(
            await valueOf(monitoring.dashboardUrl),
            "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=ops-test",
        );
        // Dashboard names allow letters, digits, - and _ only; stack names may also hold dots.
        assert.strictEqual(namePrefix("ops", "prod.eu"), "ops-prod-eu");
    });

    it("parents every resource to the given parent and names it <name>-<stack>-<role>", () => {
        const resources = defaults;
        const component = resources.find((r) => r.type === parentType);
        assert.ok(component);
        const children = resources.filter((r) => r !== component);
        assert.ok(children.length > 0);
        for (const child of children) {
            assert.ok(child.name.startsWith("ops-test-"), child.name);
            assert.strictEqual(child.parent, component.urn, child.name);
        }
    });

    it("derives the table operations from the route table", () => {
        assert.deepStrictEqual(tableOperations(["create-event"]), ["PutItem", "GetItem"]);
        assert.deepStrictEqual(tableOperations(["list-events", "delete-event"]), ["Query", "DeleteItem", "PutItem"]);
    });
});
