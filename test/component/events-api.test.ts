import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { accessLogFields } from "../../components/access-log-format";
import { bundleFileName, bundleHandler, lambdaHandler } from "../../components/bundle";
import { corsSettings } from "../../components/cors";
import { EventsApi, EventsApiArgs, eventsApiDefaults, eventsApiType } from "../../components/events-api";
import { PolicyDocument } from "../../components/iam";
import { routeKey, routes } from "../../components/routes";
import { handlerEnv, tableSchema } from "../../components/table-schema";
import { archiveTexts, MockHarness, types, valueOf } from "../support/pulumi-mocks";

const name = "api";
const harness = new MockHarness();

function build(args?: EventsApiArgs): Promise<EventsApi> {
    return harness.declare(() => new EventsApi(name, args));
}

function routeResource(type: string, routeName: string, role: string) {
    const resource = harness.named(`${name}-${routeName}-${role}`);
    assert.strictEqual(resource.type, type);
    return resource;
}

describe("EventsApi under mocks", () => {
    describe("with default args", () => {
        // One build for every assertion below: they only read what it recorded.
        let api: EventsApi;
        before(async () => {
            harness.reset();
            api = await build();
        });

        it("creates exactly the table, the HTTP API, seven resources and three alarms per route, and the dashboard", () => {
            const count = (type: string) => harness.ofType(type).length;
            assert.deepStrictEqual(
                {
                    components: count(types.component),
                    tables: count(types.table),
                    functions: count(types.function),
                    roles: count(types.role),
                    rolePolicies: count(types.rolePolicy),
                    logGroups: count(types.logGroup),
                    permissions: count(types.permission),
                    integrations: count(types.integration),
                    routes: count(types.route),
                    apis: count(types.api),
                    stages: count(types.stage),
                    alarms: count(types.alarm),
                    dashboards: count(types.dashboard),
                    aliases: count(types.alias),
                    total: harness.resources.length,
                },
                {
                    components: 1,
                    tables: 1,
                    functions: 4,
                    roles: 4,
                    rolePolicies: 4,
                    logGroups: 5, // one per function, and the access logs
                    permissions: 4,
                    integrations: 4,
                    routes: 4,
                    apis: 1,
                    stages: 1,
                    alarms: 3 * 4 + 3, // per function, and the API's two and the table's one
                    dashboards: 1,
                    aliases: 0, // only with provisioned concurrency
                    total: 1 + 1 + 7 * 4 + 3 + 3 * 4 + 3 + 1,
                },
            );
        });

        it("parents every child to the component and names it ${name}-<role>", () => {
            const [component] = harness.ofType(types.component);
            assert.strictEqual(component.type, eventsApiType);
            assert.strictEqual(component.name, name);
            const perRoute = routes.flatMap((route) =>
                ["fn", "role", "policy", "logs", "permission", "integration", "route", "errors", "throttles", "duration-p99"].map(
                    (role) => `${name}-${route.name}-${role}`,
                ),
            );
            const monitoring = ["api-5xx-rate", "api-latency-p99", "table-throttles", "dashboard"].map((role) => `${name}-${role}`);
            const expected = [...perRoute, ...monitoring, `${name}-table`, `${name}-api`, `${name}-stage`, `${name}-access-logs`].sort();
            const children = harness.resources.filter((r) => r !== component);
            assert.deepStrictEqual(children.map((r) => r.name).sort(), expected);
            for (const child of children) {
                assert.strictEqual(child.parent, component.urn, `${child.name} is not parented to the component`);
            }
        });

        it("leaves every physical name to Pulumi's auto-naming", () => {
            const named = harness.resources.filter((r) => r.inputs.name !== undefined).map((r) => r.type);
            // The `$default` stage name is API Gateway's name for the root stage, not a physical name.
            assert.deepStrictEqual(named, [types.stage]);
            assert.strictEqual(harness.named(`${name}-stage`).inputs.name, "$default");
        });

        it("creates one arm64 function per route with the default memory, timeout, runtime and active tracing", () => {
            for (const route of routes) {
                const fn = routeResource(types.function, route.name, "fn").inputs;
                assert.deepStrictEqual(fn.architectures, ["arm64"]);
                assert.strictEqual(fn.memorySize, 512);
                assert.strictEqual(fn.timeout, 10);
                assert.strictEqual(fn.runtime, "nodejs24.x");
                assert.strictEqual(fn.handler, lambdaHandler);
                assert.deepStrictEqual(fn.tracingConfig, { mode: "Active" });
            }
        });

        it("ships each function its own route's bundle as the archive's only file", async () => {
            for (const route of routes) {
                const fn = routeResource(types.function, route.name, "fn").inputs;
                assert.ok(fn.code instanceof pulumi.asset.AssetArchive, `${route.name}: code is not an AssetArchive`);
                const expected = await bundleHandler(route.entry, { runtime: "nodejs24.x" });
                assert.deepStrictEqual(await archiveTexts(fn.code), { [bundleFileName]: expected.code });
            }
        });

        it("sends each function's JSON logs to its own log group, which has a retention", () => {
            for (const route of routes) {
                const fn = routeResource(types.function, route.name, "fn").inputs;
                const logs = routeResource(types.logGroup, route.name, "logs");
                assert.deepStrictEqual(fn.loggingConfig, {
                    logFormat: "JSON",
                    logGroup: harness.state(logs.name).name,
                });
                assert.strictEqual(logs.inputs.retentionInDays, 14);
            }
        });

        it("gives each function the table name and the listing index name, and nothing else", () => {
            const tableName = harness.state(`${name}-table`).name;
            for (const route of routes) {
                const fn = routeResource(types.function, route.name, "fn").inputs;
                assert.deepStrictEqual(fn.environment, {
                    variables: {
                        [handlerEnv.tableName]: tableName,
                        [handlerEnv.listIndexName]: tableSchema.listIndex.name,
                    },
                });
            }
        });

        it("gives each function its own role, assumable by Lambda only", () => {
            const roleArns = routes.map((route) => {
                const role = routeResource(types.role, route.name, "role");
                const trust: PolicyDocument = JSON.parse(role.inputs.assumeRolePolicy);
                assert.deepStrictEqual(trust.Statement, [
                    { Effect: "Allow", Action: ["sts:AssumeRole"], Principal: { Service: "lambda.amazonaws.com" } },
                ]);
                assert.deepStrictEqual(role.inputs.managedPolicyArns, undefined);
                const arn = harness.state(role.name).arn;
                assert.strictEqual(routeResource(types.function, route.name, "fn").inputs.role, arn);
                return arn;
            });
            assert.strictEqual(new Set(roleArns).size, routes.length);
        });

        it("allows each role only its route's DynamoDB actions, on the table or the index, and writes to its own log group", () => {
            const tableArn = harness.state(`${name}-table`).arn;
            for (const route of routes) {
                const policy = routeResource(types.rolePolicy, route.name, "policy").inputs;
                assert.strictEqual(policy.role, harness.named(`${name}-${route.name}-role`).id);
                const document: PolicyDocument = JSON.parse(policy.policy);
                const logGroupArn = harness.state(`${name}-${route.name}-logs`).arn;
                const dynamodbArn =
                    route.target === "index" ? `${tableArn}/index/${tableSchema.listIndex.name}` : tableArn;
                assert.deepStrictEqual(
                    document.Statement.map(({ Action, Resource, Effect }) => ({ Effect, Action, Resource })),
                    [
                        { Effect: "Allow", Action: [...route.dynamodbActions], Resource: [dynamodbArn] },
                        {
                            Effect: "Allow",
                            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                            Resource: [`${logGroupArn}:*`],
                        },
                        { Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: ["*"] },
                    ],
                    route.name,
                );
                for (const action of document.Statement.flatMap((s) => s.Action)) {
                    assert.ok(!action.includes("*"), `${route.name}: wildcard action ${action}`);
                }
            }
        });

        it("routes each route key to its function through an AWS_PROXY payload 2.0 integration", () => {
            const apiId = harness.named(`${name}-api`).id;
            for (const route of routes) {
                const integration = routeResource(types.integration, route.name, "integration");
                assert.deepStrictEqual(integration.inputs, {
                    apiId,
                    integrationType: "AWS_PROXY",
                    integrationUri: harness.state(`${name}-${route.name}-fn`).arn,
                    payloadFormatVersion: "2.0",
                });
                assert.deepStrictEqual(routeResource(types.route, route.name, "route").inputs, {
                    apiId,
                    routeKey: routeKey(route),
                    target: `integrations/${integration.id}`,
                });
            }
            assert.deepStrictEqual(
                harness.ofType(types.route).map((r) => r.inputs.routeKey).sort(),
                ["DELETE /events/{id}", "GET /events", "GET /events/{id}", "POST /events"],
            );
        });

        it("lets API Gateway invoke each function from its own route only", () => {
            const executionArn = harness.state(`${name}-api`).executionArn;
            const sourceArns: Record<string, string> = {};
            for (const route of routes) {
                const permission = routeResource(types.permission, route.name, "permission").inputs;
                assert.strictEqual(permission.function, harness.state(`${name}-${route.name}-fn`).name);
                assert.strictEqual(permission.action, "lambda:InvokeFunction");
                assert.strictEqual(permission.principal, "apigateway.amazonaws.com");
                sourceArns[route.name] = permission.sourceArn.slice(executionArn.length);
                assert.ok(permission.sourceArn.startsWith(`${executionArn}/`));
            }
            assert.deepStrictEqual(sourceArns, {
                "list-events": "/*/GET/events",
                "create-event": "/*/POST/events",
                "get-event": "/*/GET/events/{id}",
                "delete-event": "/*/DELETE/events/{id}",
            });
        });

        it("creates an HTTP API whose CORS configuration comes from corsSettings", () => {
            const api = harness.named(`${name}-api`).inputs;
            assert.strictEqual(api.protocolType, "HTTP");
            assert.deepStrictEqual(api.corsConfiguration, corsSettings(["*"]));
        });

        it("auto-deploys a $default stage with JSON access logs and non-zero throttling", () => {
            const stage = harness.named(`${name}-stage`).inputs;
            assert.strictEqual(stage.apiId, harness.named(`${name}-api`).id);
            assert.strictEqual(stage.autoDeploy, true);
            assert.deepStrictEqual(stage.defaultRouteSettings, { throttlingBurstLimit: 500, throttlingRateLimit: 1000 });
            assert.strictEqual(stage.accessLogSettings.destinationArn, harness.state(`${name}-access-logs`).arn);
            assert.strictEqual(harness.named(`${name}-access-logs`).inputs.retentionInDays, 14);
            const format = JSON.parse(stage.accessLogSettings.format);
            assert.deepStrictEqual(format, accessLogFields);
            for (const field of ["requestId", "routeKey", "status", "responseLatency", "integrationLatency", "integrationErrorMessage", "ip", "userAgent"]) {
                assert.ok(field in format, `access log lacks ${field}`);
            }
        });

        it("creates an on-demand table keyed by pk with the sparse listing index and point-in-time recovery", () => {
            const table = harness.named(`${name}-table`).inputs;
            assert.deepStrictEqual(table, {
                billingMode: "PAY_PER_REQUEST",
                hashKey: "pk",
                attributes: [
                    { name: "pk", type: "S" },
                    { name: "listPk", type: "S" },
                    { name: "listSk", type: "S" },
                ],
                globalSecondaryIndexes: [
                    {
                        name: "events-by-created-at",
                        keySchemas: [
                            { attributeName: "listPk", keyType: "HASH" },
                            { attributeName: "listSk", keyType: "RANGE" },
                        ],
                        projectionType: "ALL",
                    },
                ],
                pointInTimeRecovery: { enabled: true },
                deletionProtectionEnabled: false,
            });
        });

        it("outputs the stage URL, table name, API id, each route's function name and the dashboard URL", async () => {
            const apiId = harness.named(`${name}-api`).id;
            assert.strictEqual(await valueOf(api.url), `https://${apiId}.execute-api.eu-west-1.amazonaws.com/`);
            assert.strictEqual(await valueOf(api.tableName), harness.state(`${name}-table`).name);
            assert.strictEqual(await valueOf(api.apiId), apiId);
            assert.deepStrictEqual(
                await valueOf(api.functionNames),
                Object.fromEntries(routes.map((route) => [route.name, harness.state(`${name}-${route.name}-fn`).name])),
            );
            assert.strictEqual(
                await valueOf(api.dashboardUrl),
                "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=api-test",
            );
        });
    });

    describe("with args", () => {
        beforeEach(() => harness.reset());

        it("applies every arg that overrides a default", async () => {
            await build({
                memorySize: 1769,
                timeout: 29,
                runtime: "nodejs22.x",
                logRetentionDays: 365,
                corsAllowOrigins: ["https://example.com", "http://localhost:3000"],
                throttlingBurstLimit: 20,
                throttlingRateLimit: 7.5,
                pointInTimeRecovery: false,
                deletionProtection: true,
            });
            for (const fn of harness.ofType(types.function)) {
                assert.strictEqual(fn.inputs.memorySize, 1769);
                assert.strictEqual(fn.inputs.timeout, 29);
                assert.strictEqual(fn.inputs.runtime, "nodejs22.x");
            }
            for (const logs of harness.ofType(types.logGroup)) {
                assert.strictEqual(logs.inputs.retentionInDays, 365);
            }
            assert.deepStrictEqual(harness.named(`${name}-api`).inputs.corsConfiguration.allowOrigins, [
                "https://example.com",
                "http://localhost:3000",
            ]);
            assert.deepStrictEqual(harness.named(`${name}-stage`).inputs.defaultRouteSettings, {
                throttlingBurstLimit: 20,
                throttlingRateLimit: 7.5,
            });
            const table = harness.named(`${name}-table`).inputs;
            assert.deepStrictEqual(table.pointInTimeRecovery, { enabled: false });
            assert.strictEqual(table.deletionProtectionEnabled, true);
        });

        it("bundles for the runtime it deploys", async () => {
            await build({ runtime: "nodejs22.x" });
            const [route] = routes;
            const fn = harness.named(`${name}-${route.name}-fn`).inputs;
            const expected = await bundleHandler(route.entry, { runtime: "nodejs22.x" });
            assert.deepStrictEqual(await archiveTexts(fn.code), { [bundleFileName]: expected.code });
        });

        it("treats an arg set to undefined as unset", async () => {
            await build({ memorySize: undefined, timeout: undefined });
            const fn = harness.ofType(types.function)[0].inputs;
            assert.strictEqual(fn.memorySize, eventsApiDefaults.memorySize);
            assert.strictEqual(fn.timeout, eventsApiDefaults.timeout);
        });

        describe("rejects a bad arg with a ResourceError naming it and the allowed values, registering nothing", () => {
            const cases: [EventsApiArgs, RegExp][] = [
                [{ memorySize: 64 }, /\[memorySize\] must be an integer from 128 to 10240 \(MB\); got 64/],
                [{ memorySize: 10241 }, /\[memorySize\] must be an integer from 128 to 10240/],
                [{ memorySize: 512.5 }, /\[memorySize\] must be an integer from 128 to 10240/],
                [{ timeout: 0 }, /\[timeout\] must be an integer from 1 to 29 \(seconds\); got 0/],
                [{ timeout: 30 }, /\[timeout\] must be an integer from 1 to 29/],
                [{ runtime: "nodejs18.x" as never }, /\[runtime\] must be one of nodejs22.x, nodejs24.x; got "nodejs18.x"/],
                [{ logRetentionDays: 10 as never }, /\[logRetentionDays\] must be one of 1, 3, 5, 7, 14, 30,.*3653; got 10/],
                [{ corsAllowOrigins: [] }, /\[corsAllowOrigins\] must be a non-empty list of origins/],
                [{ corsAllowOrigins: ["https://example.com/"] }, /\[corsAllowOrigins\] .*got \["https:\/\/example.com\/"\]/],
                [{ corsAllowOrigins: ["example.com"] }, /\[corsAllowOrigins\] must be a non-empty list of origins/],
                [{ corsAllowOrigins: ["*", "https://example.com"] }, /\[corsAllowOrigins\]/],
                [{ throttlingBurstLimit: 0 }, /\[throttlingBurstLimit\] must be a positive integer \(requests\); got 0/],
                [{ throttlingBurstLimit: 2.5 }, /\[throttlingBurstLimit\] must be a positive integer/],
                [{ throttlingRateLimit: -1 }, /\[throttlingRateLimit\] must be a positive number \(requests per second\); got -1/],
                [{ pointInTimeRecovery: "yes" as never }, /\[pointInTimeRecovery\] must be true or false; got "yes"/],
                [{ deletionProtection: 1 as never }, /\[deletionProtection\] must be true or false; got 1/],
            ];
            for (const [args, message] of cases) {
                it(`${JSON.stringify(args)}`, async () => {
                    await assert.rejects(build(args), (error: Error) => {
                        assert.ok(pulumi.ResourceError.isInstance(error), `not a ResourceError: ${error}`);
                        assert.match(error.message, message);
                        return true;
                    });
                    assert.deepStrictEqual(harness.resources, []);
                });
            }

            it("names every bad arg at once", async () => {
                await assert.rejects(build({ memorySize: 1, timeout: 100 }), /\[memorySize\].*\n.*\[timeout\]/);
            });
        });
    });
});
