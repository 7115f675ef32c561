import * as assert from "assert";
import { EventsApiArgs } from "../../components/events-api";
import { routes } from "../../components/routes";
import { eventsApiSettings, SettingName } from "../../components/settings";
import { RecordedResource } from "../../tools/mock-program";
import { types } from "../support/pulumi-mocks";
import { EventsApiFixture } from "./events-api-fixture";

const fixture = new EventsApiFixture();
const { harness } = fixture;
const certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/9f1c6a52-7d2e-4b8a-a5e1-3c0b9d8f7e21";
const topicArn = "arn:aws:sns:eu-west-1:123456789012:ops";
const boundaryArn = "arn:aws:iam::123456789012:policy/team/lambda-boundary";
const issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";

/** Each route's value of `pick`, by route name. */
const perRoute = (role: string, pick: (resource: RecordedResource) => unknown) => Object.fromEntries(routes.map((route) => [route.name, pick(fixture.child(`${route.name}-${role}`))]));
const functions = (pick: (inputs: RecordedResource["inputs"]) => unknown) => perRoute("fn", (fn) => pick(fn.inputs));
const everyRoute = <T>(value: T) => Object.fromEntries(routes.map((route) => [route.name, value]));
/** The threshold of the alarm with this role. */
const threshold = (role: string) => fixture.child(role).inputs.threshold;

/**
 * For every setting of the schema: a value other than its default, and what the component makes of it,
 * written out. The type requires an entry for each setting, so a new setting fails to compile here until
 * it says what it does.
 */
const everySetting: { [K in SettingName]-?: { to: string; value: NonNullable<EventsApiArgs[K]>; applied: () => void } } = {
    memorySize: {
        to: "the named routes' memorySize, the others keeping their own defaults",
        value: { "create-event": 1769, "get-event": 256 },
        applied: () => assert.deepStrictEqual(functions((fn) => fn.memorySize), { "list-events": 1024, "create-event": 1769, "get-event": 256, "delete-event": 1024 }),
    },
    timeout: {
        to: "every function's timeout and its p99 duration alarm",
        value: 29,
        applied: () => {
            assert.deepStrictEqual(functions((fn) => fn.timeout), everyRoute(29));
            // The p99 duration alarm fires at durationTimeoutRatio (0.5 below) of it.
            assert.deepStrictEqual(perRoute("duration-p99", (alarm) => alarm.inputs.threshold), everyRoute(14500));
        },
    },
    runtime: {
        to: "every function's runtime",
        value: "nodejs22.x",
        applied: () => assert.deepStrictEqual(functions((fn) => fn.runtime), everyRoute("nodejs22.x")),
    },
    logRetentionDays: {
        to: "the retention of every log group",
        value: 365,
        applied: () => assert.deepStrictEqual(harness.ofType(types.logGroup).map((group) => group.inputs.retentionInDays), [365, 365, 365, 365, 365]),
    },
    corsAllowOrigins: {
        to: "the API's CORS origins",
        value: ["https://events.acme.io", "http://localhost:5173"],
        applied: () => assert.deepStrictEqual(fixture.child("api").inputs.corsConfiguration.allowOrigins, ["https://events.acme.io", "http://localhost:5173"]),
    },
    throttlingBurstLimit: {
        to: "the stage's burst limit",
        value: 20,
        applied: () => assert.strictEqual(fixture.child("stage").inputs.defaultRouteSettings.throttlingBurstLimit, 20),
    },
    throttlingRateLimit: {
        to: "the stage's rate limit",
        value: 7.5,
        applied: () => assert.strictEqual(fixture.child("stage").inputs.defaultRouteSettings.throttlingRateLimit, 7.5),
    },
    routeThrottling: {
        to: "the stage's route settings, the others at their defaults (GET /events a tenth of the stage's)",
        value: { "create-event": { rateLimit: 2.5, burstLimit: 5 } },
        applied: () =>
            assert.deepStrictEqual(fixture.child("stage").inputs.routeSettings, [
                // A tenth of 7.5 a second is less than one request: one.
                { routeKey: "GET /events", throttlingBurstLimit: 2, throttlingRateLimit: 1 },
                { routeKey: "POST /events", throttlingBurstLimit: 5, throttlingRateLimit: 2.5 },
                { routeKey: "GET /events/{id}", throttlingBurstLimit: 20, throttlingRateLimit: 7.5 },
                { routeKey: "DELETE /events/{id}", throttlingBurstLimit: 20, throttlingRateLimit: 7.5 },
            ]),
    },
    pointInTimeRecovery: {
        to: "the table's point-in-time recovery",
        value: false,
        applied: () => assert.deepStrictEqual(fixture.child("table").inputs.pointInTimeRecovery, { enabled: false }),
    },
    deletionProtection: {
        to: "the table's deletion protection and Pulumi protect",
        value: true,
        applied: () => assert.deepStrictEqual([fixture.child("table").inputs.deletionProtectionEnabled, fixture.child("table").wire?.protect], [true, true]),
    },
    permissionsBoundaryArn: {
        to: "every role's permissions boundary",
        value: boundaryArn,
        applied: () => assert.deepStrictEqual(perRoute("role", (role) => role.inputs.permissionsBoundary), everyRoute(boundaryArn)),
    },
    customDomain: {
        to: "the domain, its certificate and record, with execute-api off",
        value: { domainName: "api.events.acme.io", certificateArn, hostedZoneId: "Z0123456789ABCDEFGHIJ" },
        applied: () => {
            assert.deepStrictEqual(fixture.child("domain").inputs.domainName, "api.events.acme.io");
            assert.deepStrictEqual(fixture.child("domain").inputs.domainNameConfiguration.certificateArn, certificateArn);
            assert.deepStrictEqual(fixture.child("domain-record").inputs.zoneId, "Z0123456789ABCDEFGHIJ");
            assert.strictEqual(fixture.child("api").inputs.disableExecuteApiEndpoint, true);
        },
    },
    reservedConcurrency: {
        to: "the named routes' reserved executions",
        value: { "create-event": 50, "get-event": 5 },
        applied: () =>
            assert.deepStrictEqual(functions((fn) => fn.reservedConcurrentExecutions), { "list-events": undefined, "create-event": 50, "get-event": 5, "delete-event": undefined }),
    },
    provisionedConcurrency: {
        to: "a published version and warm environments on the named route",
        value: { "get-event": 3 },
        applied: () => {
            assert.deepStrictEqual(functions((fn) => fn.publish), { "list-events": false, "create-event": false, "get-event": true, "delete-event": false });
            assert.strictEqual(fixture.child("get-event-provisioned").inputs.provisionedConcurrentExecutions, 3);
        },
    },
    alarmTopicArn: {
        to: "every alarm's actions",
        value: topicArn,
        applied: () => {
            const alarms = harness.ofType(types.alarm);
            assert.strictEqual(alarms.length, 15);
            for (const alarm of alarms) assert.deepStrictEqual([alarm.inputs.alarmActions, alarm.inputs.okActions], [[topicArn], [topicArn]], alarm.name);
        },
    },
    alarmThresholds: {
        to: "each alarm's threshold",
        value: { functionErrors: 2, functionThrottles: 3, durationTimeoutRatio: 0.5, api5xxPercent: 4, apiLatencyP99Ms: 700, tableThrottledRequests: 5 },
        applied: () => {
            assert.deepStrictEqual(perRoute("errors", (alarm) => alarm.inputs.threshold), everyRoute(2));
            assert.deepStrictEqual(perRoute("throttles", (alarm) => alarm.inputs.threshold), everyRoute(3));
            assert.deepStrictEqual([threshold("api-5xx-rate"), threshold("api-latency-p99"), threshold("table-throttles")], [4, 700, 5]);
        },
    },
    listShards: {
        to: "every function's LIST_SHARDS",
        value: 16,
        applied: () => assert.deepStrictEqual(functions((fn) => fn.environment.variables.LIST_SHARDS), everyRoute("16")),
    },
    jwtIssuer: {
        to: "the authorizer's issuer",
        value: issuer,
        applied: () => assert.strictEqual(fixture.child("authorizer").inputs.jwtConfiguration.issuer, issuer),
    },
    jwtAudiences: {
        to: "the authorizer's audiences",
        value: ["app", "cli"],
        applied: () => assert.deepStrictEqual(fixture.child("authorizer").inputs.jwtConfiguration.audiences, ["app", "cli"]),
    },
    writeScopes: {
        to: "the write routes' scopes (the owner-only route's with the admin scopes)",
        value: ["events-api/write"],
        applied: () =>
            assert.deepStrictEqual(perRoute("route", (route) => route.inputs.authorizationScopes), {
                "list-events": undefined,
                "create-event": ["events-api/write"],
                "get-event": undefined,
                "delete-event": ["events-api/write", "events-api/admin"],
            }),
    },
    authorizeReads: {
        to: "a token required on every route",
        value: true,
        applied: () => assert.deepStrictEqual(perRoute("route", (route) => route.inputs.authorizationType), everyRoute("JWT")),
    },
    adminScopes: {
        to: "the owner-only route's scopes and its function's ADMIN_SCOPES",
        value: ["events-api/admin"],
        applied: () => {
            assert.deepStrictEqual(functions((fn) => fn.environment.variables.ADMIN_SCOPES), { "list-events": undefined, "create-event": undefined, "get-event": undefined, "delete-event": "events-api/admin" });
            assert.deepStrictEqual(fixture.child("delete-event-route").inputs.authorizationScopes, ["events-api/write", "events-api/admin"]);
        },
    },
};

describe("EventsApi with every setting set to a value other than its default, under mocks", () => {
    before(async () => {
        fixture.reset();
        await fixture.build(Object.fromEntries(Object.entries(everySetting).map(([key, { value }]) => [key, value])));
    });

    it("has a case for each setting of the schema, in its order", () => {
        assert.deepStrictEqual(Object.keys(everySetting), Object.keys(eventsApiSettings));
    });

    for (const [key, { to, value, applied }] of Object.entries(everySetting)) {
        it(`applies ${key} ${JSON.stringify(value)} to ${to}`, applied);
    }
});
