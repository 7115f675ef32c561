import * as assert from "assert";
import { liveAliasName } from "../../components/provisioned-concurrency";
import { routes } from "../../components/routes";
import { settingsFromConfig } from "../../components/stack-config";
import { readStackConfig, RecordedResource, runProgramUnderMocks } from "../../tools/mock-program";
import { types } from "../support/pulumi-mocks";

describe("the prod stack (Pulumi.prod.yaml) under mocks", () => {
    const prod = readStackConfig("prod");
    let resources: RecordedResource[];
    let outputs: Record<string, unknown>;
    before(async () => {
        ({ resources, outputs } = await runProgramUnderMocks("index.ts", { stack: "prod" }));
    });

    const named = (name: string) => {
        const found = resources.filter((r) => r.name === name);
        assert.strictEqual(found.length, 1, `one resource named ${name}`);
        return found[0];
    };
    const ofType = (type: string) => resources.filter((r) => r.type === type);

    it("protects the table from deletion and keeps point-in-time recovery on", () => {
        const table = named("events-api-table").inputs;
        assert.strictEqual(table.deletionProtectionEnabled, true);
        assert.deepStrictEqual(table.pointInTimeRecovery, { enabled: true });
    });

    it("allows only the listed origins, not *", () => {
        const origins = named("events-api-api").inputs.corsConfiguration.allowOrigins;
        assert.deepStrictEqual(origins, JSON.parse(prod["events-api:corsAllowOrigins"]));
        assert.ok(origins.length > 0 && !origins.includes("*"));
    });

    it("keeps logs longer than dev", () => {
        const days = Number(prod["events-api:logRetentionDays"]);
        assert.ok(days > Number(readStackConfig("dev")["events-api:logRetentionDays"]));
        for (const logs of ofType(types.logGroup)) {
            assert.strictEqual(logs.inputs.retentionInDays, days, logs.name);
        }
    });

    it("provisions warm environments for the read routes, behind aliases the API invokes", () => {
        const provisioned = JSON.parse(prod["events-api:provisionedConcurrency"]);
        assert.deepStrictEqual(Object.keys(provisioned).sort(), ["get-event", "list-events"]);
        assert.deepStrictEqual(
            ofType(types.provisionedConcurrency).map((c) => [c.name, c.inputs.qualifier, c.inputs.provisionedConcurrentExecutions]),
            routes
                .filter((route) => provisioned[route.name])
                .map((route) => [`events-api-${route.name}-provisioned`, liveAliasName, provisioned[route.name]]),
        );
        for (const route of routes) {
            const integration = named(`events-api-${route.name}-integration`).inputs;
            const permission = named(`events-api-${route.name}-permission`).inputs;
            if (provisioned[route.name]) {
                assert.match(integration.integrationUri, /:live$/, route.name);
                assert.strictEqual(permission.qualifier, liveAliasName, route.name);
            } else {
                assert.doesNotMatch(integration.integrationUri, /:live$/, route.name);
                assert.strictEqual(permission.qualifier, undefined, route.name);
            }
        }
    });

    it("caps the write route with reserved concurrency", () => {
        const reserved = JSON.parse(prod["events-api:reservedConcurrency"]);
        for (const route of routes) {
            assert.strictEqual(named(`events-api-${route.name}-fn`).inputs.reservedConcurrentExecutions, reserved[route.name], route.name);
        }
    });

    it("notifies the alarm topic from every alarm, and outputs the prod dashboard's URL", () => {
        const topic = prod["events-api:alarmTopicArn"];
        const alarms = ofType(types.alarm);
        assert.strictEqual(alarms.length, 3 * routes.length + 3);
        for (const alarm of alarms) {
            assert.deepStrictEqual([alarm.inputs.alarmActions, alarm.inputs.okActions], [[topic], [topic]], alarm.name);
        }
        assert.strictEqual(
            outputs.dashboardUrl,
            "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=events-api-prod",
        );
    });
});

describe("operations stack config", () => {
    const failsWith = (config: Record<string, string>, message: RegExp) =>
        assert.throws(() => settingsFromConfig(config), message);

    it("reads one number for all routes and a per-route map from YAML", () => {
        assert.deepStrictEqual(
            settingsFromConfig({
                "events-api:reservedConcurrency": "10",
                "events-api:provisionedConcurrency": '{"list-events":2}',
                "events-api:alarmTopicArn": "arn:aws:sns:us-east-1:123456789012:alarms",
                "events-api:alarmThresholds": '{"api5xxPercent":0.5}',
            }),
            {
                reservedConcurrency: 10,
                provisionedConcurrency: { "list-events": 2 },
                alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
                alarmThresholds: { api5xxPercent: 0.5 },
            },
        );
    });

    it("names the key, the valid route names and the value for an unknown route", () => {
        failsWith(
            { "events-api:provisionedConcurrency": '{"get-events":1}' },
            /events-api:provisionedConcurrency must be an integer of 0 or more for every route, or a map from route name \(list-events, create-event, get-event, delete-event\) to such an integer; got \{"get-events":1\}/,
        );
    });

    it("names the key and the range for a negative or fractional count", () => {
        failsWith({ "events-api:reservedConcurrency": "-5" }, /events-api:reservedConcurrency must be an integer of 0 or more .*; got -5/);
        failsWith({ "events-api:reservedConcurrency": '{"get-event":0.5}' }, /events-api:reservedConcurrency must be/);
    });

    it("rejects provisioned above reserved on a route", () => {
        failsWith(
            { "events-api:reservedConcurrency": "1", "events-api:provisionedConcurrency": '{"list-events":2}' },
            /events-api:provisionedConcurrency must not exceed reservedConcurrency: route "list-events" has 2 provisioned and 1 reserved/,
        );
    });

    it("names the key for a bad alarm topic or threshold", () => {
        failsWith({ "events-api:alarmTopicArn": "arn:aws:sns:eu-west-1:1234:x" }, /events-api:alarmTopicArn must be an SNS topic ARN/);
        failsWith({ "events-api:alarmThresholds": '{"apiLatencyP99Ms":0}' }, /events-api:alarmThresholds must be a map with any of .*apiLatencyP99Ms \(an integer 1\.\.30000\)/);
    });
});
