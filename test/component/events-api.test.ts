import * as assert from "assert";
import { EventsApi, EventsApiArgs } from "../../components/events-api";
import { PolicyDocument } from "../../components/iam";
import { routes } from "../../components/routes";
import { localAwsEnv } from "../../local/dynalite";
import { acceptedRequest, createTestEventV2 } from "../support/api-gateway-event";
import { applyEnv, loadBundledHandler, testContext } from "../support/bundled-handlers";
import { captureConsole } from "../support/console-capture";
import { startErroringDynamo } from "../support/fake-dynamo";
import { archiveTexts, types, valueOf } from "../support/pulumi-mocks";
import { EventsApiFixture } from "./events-api-fixture";

const fixture = new EventsApiFixture();
const { harness, name, prefix } = fixture;
const build = (args?: EventsApiArgs): Promise<EventsApi> => fixture.build(args);
const routeList = "list-events, create-event, get-event, delete-event";

interface OpenApiView {
    servers: unknown;
    paths: Record<string, Record<string, { operationId: string; security?: unknown }>>;
    components: { securitySchemes?: { jwt: { description: string } } };
}

/** Each operation's security requirements, by operation id. */
function securityByOperation(document: OpenApiView): Record<string, unknown> {
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    return Object.fromEntries(operations.map((operation) => [operation.operationId, operation.security]).sort());
}

/** Expected per route, written out: a new route must say what it expects here. */
function expectedPerRoute<T>(expected: Record<string, T>): [(typeof routes)[number], T][] {
    assert.deepStrictEqual(Object.keys(expected), routes.map((route) => route.name), "one expectation per route of the route table");
    return routes.map((route) => [route, expected[route.name]]);
}

const routeResource = (type: string, routeName: string, role: string) => fixture.child(`${routeName}-${role}`, type);

describe("EventsApi under mocks", () => {
    describe("with default args", () => {
        // One build for every assertion below: they only read what it recorded.
        let api: EventsApi;
        before(async () => {
            fixture.reset();
            api = await fixture.build();
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

        it("parents every child to the component and names it <name>-<stack>-<role>", () => {
            const [component] = harness.ofType(types.component);
            assert.strictEqual(component.type, "events-api:index:EventsApi");
            assert.strictEqual(component.name, name);
            const perRoute = routes.flatMap((route) =>
                ["fn", "role", "policy", "logs", "permission", "integration", "route", "errors", "throttles", "duration-p99"].map(
                    (role) => `api-test-${route.name}-${role}`,
                ),
            );
            const monitoring = ["api-5xx-rate", "api-latency-p99", "table-throttles", "dashboard"].map((role) => `api-test-${role}`);
            const expected = [...perRoute, ...monitoring, "api-test-table", "api-test-api", "api-test-stage", "api-test-access-logs"].sort();
            const children = harness.resources.filter((r) => r !== component);
            assert.deepStrictEqual(children.map((r) => r.name).sort(), expected);
            for (const child of children) {
                assert.strictEqual(child.parent, component.urn, `${child.name} is not parented to the component`);
            }
        });

        it("keeps the URN every child had before names carried the stack, through an alias to <name>-<role>", () => {
            const [component] = harness.ofType(types.component);
            assert.strictEqual(component.urn, "urn:pulumi:test::events-api::events-api:index:EventsApi::api");
            // The engine completes an alias spec into the URN the child had: the parent's type chain, the child's type, the old name.
            const aliasUrn = (alias: { name?: string; parentUrn?: string }, type: string) =>
                `${alias.parentUrn?.replace(/::[^:]+$/, "")}$${type}::${alias.name}`;
            const table = harness.named("api-test-table");
            assert.deepStrictEqual(table.wire?.aliases, [{ name: "api-table", type: undefined, parentUrn: component.urn }]);
            assert.strictEqual(
                aliasUrn(table.wire.aliases[0] as { name: string; parentUrn: string }, table.type),
                "urn:pulumi:test::events-api::events-api:index:EventsApi$aws:dynamodb/table:Table::api-table",
            );
            for (const child of harness.resources.filter((r) => r !== component)) {
                const before = child.name.replace(/^api-test-/, "api-");
                assert.deepStrictEqual(child.wire?.aliases, [{ name: before, type: undefined, parentUrn: component.urn }], child.name);
            }
        });

        it("auto-names every resource after <name>-<stack>-<role>, and names the access-log group under /aws/vendedlogs/", () => {
            const named = harness.resources.filter((r) => r.inputs.name !== undefined).map((r) => [r.type, r.inputs.name]);
            // The `$default` stage name is API Gateway's name for the root stage, not a physical name.
            assert.deepStrictEqual(named, [
                [types.logGroup, "/aws/vendedlogs/api-test-access-logs"],
                [types.stage, "$default"],
            ]);
            for (const resource of harness.resources.filter((r) => r.type !== types.component && r.inputs.name === undefined)) {
                assert.match(harness.state(resource.name).name, /^api-test-.+-[0-9a-f]{7}$/, resource.name);
            }
            assert.strictEqual(harness.named("api-test-dashboard").inputs.dashboardName, "api-test");
        });

        it("creates one arm64 function per route with the default memory, timeout, runtime and active tracing", () => {
            assert.deepStrictEqual(Object.fromEntries(routes.map((route) => [route.name, routeResource(types.function, route.name, "fn").inputs.memorySize])), {
                "list-events": 1024,
                "create-event": 1024,
                "get-event": 1024,
                "delete-event": 1024,
            });
            for (const route of routes) {
                const fn = routeResource(types.function, route.name, "fn").inputs;
                assert.deepStrictEqual(fn.architectures, ["arm64"]);
                assert.strictEqual(fn.timeout, 10);
                assert.strictEqual(fn.runtime, "nodejs24.x");
                assert.strictEqual(fn.handler, "index.handler");
                assert.deepStrictEqual(fn.tracingConfig, { mode: "Active" });
            }
        });

        it("ships each function an archive whose only file, index.mjs, primes during Init and runs its own route's handler", async () => {
            // Each handler, loaded from the function's own archive with the function's own environment, reaches
            // the table with its route's operation, once during Init (the prime) and then for the request (the
            // table answers ResourceNotFound, so nothing retries).
            const dynamo = await startErroringDynamo(400, "ResourceNotFoundException");
            const logs = captureConsole();
            try {
                const operations: Record<string, { init: string[]; invocation: string[] }> = {};
                for (const route of routes) {
                    const fn = routeResource(types.function, route.name, "fn").inputs;
                    const files = await archiveTexts(fn.code);
                    assert.deepStrictEqual(Object.keys(files), ["index.mjs"], route.name);
                    const restore = applyEnv({ ...localAwsEnv, ...fn.environment.variables, AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint });
                    try {
                        dynamo.operations.length = 0;
                        const handler = await loadBundledHandler(files["index.mjs"], route.name);
                        const init = [...dynamo.operations];
                        dynamo.operations.length = 0;
                        await handler(createTestEventV2(route, acceptedRequest(route, "0f8fad5b-d9cb-469f-a165-70867728950e")), testContext(route.name));
                        operations[route.name] = { init, invocation: [...dynamo.operations] };
                    } finally {
                        restore();
                    }
                }
                assert.deepStrictEqual(operations, {
                    // One Query per shard of the default four, for the prime's page as for the request's.
                    "list-events": { init: ["Query", "Query", "Query", "Query"], invocation: ["Query", "Query", "Query", "Query"] },
                    // The prime is the read an Idempotency-Key replay makes, an action the role has.
                    "create-event": { init: ["GetItem"], invocation: ["PutItem"] },
                    "get-event": { init: ["GetItem"], invocation: ["GetItem"] },
                    "delete-event": { init: ["DeleteItem"], invocation: ["DeleteItem"] },
                });
            } finally {
                logs.restore();
                await dynamo.close();
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

        it("gives each function the table name, the listing index name and its shard count, the owner-only route the admin scopes, and nothing else", () => {
            const tableName = harness.state(`${prefix}-table`).name;
            for (const route of routes) {
                const fn = routeResource(types.function, route.name, "fn").inputs;
                assert.deepStrictEqual(fn.environment, {
                    variables: { TABLE_NAME: tableName, LIST_INDEX_NAME: "events-by-created-at", LIST_SHARDS: "4", ...(route.name === "delete-event" && { ADMIN_SCOPES: "" }) },
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
            const tableArn = harness.state(`${prefix}-table`).arn;
            const indexArn = `${tableArn}/index/events-by-created-at`;
            const expected = expectedPerRoute({
                "list-events": { Action: ["dynamodb:Query"], Resource: [indexArn] },
                "create-event": { Action: ["dynamodb:PutItem", "dynamodb:GetItem"], Resource: [tableArn] },
                "get-event": { Action: ["dynamodb:GetItem"], Resource: [tableArn] },
                "delete-event": { Action: ["dynamodb:DeleteItem", "dynamodb:PutItem"], Resource: [tableArn] },
            });
            for (const [route, tableAccess] of expected) {
                const policy = routeResource(types.rolePolicy, route.name, "policy").inputs;
                assert.strictEqual(policy.role, harness.named(`${prefix}-${route.name}-role`).id);
                const document: PolicyDocument = JSON.parse(policy.policy);
                const logGroupArn = harness.state(`${prefix}-${route.name}-logs`).arn;
                assert.deepStrictEqual(
                    document.Statement.map(({ Action, Resource, Effect }) => ({ Effect, Action, Resource })),
                    [
                        { Effect: "Allow", ...tableAccess },
                        { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`${logGroupArn}:*`] },
                        { Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: ["*"] },
                    ],
                    route.name,
                );
            }
        });

        it("routes each route key to its function through an AWS_PROXY payload 2.0 integration", () => {
            const apiId = harness.named(`${prefix}-api`).id;
            const routeKeys = expectedPerRoute({
                "list-events": "GET /events",
                "create-event": "POST /events",
                "get-event": "GET /events/{id}",
                "delete-event": "DELETE /events/{id}",
            });
            for (const [route, routeKey] of routeKeys) {
                const integration = routeResource(types.integration, route.name, "integration");
                assert.deepStrictEqual(integration.inputs, {
                    apiId,
                    integrationType: "AWS_PROXY",
                    integrationUri: harness.state(`${prefix}-${route.name}-fn`).arn,
                    payloadFormatVersion: "2.0",
                });
                assert.deepStrictEqual(routeResource(types.route, route.name, "route").inputs, {
                    apiId,
                    routeKey,
                    target: `integrations/${integration.id}`,
                    // Without jwtIssuer and jwtAudiences every route is open (test/component/authorizer.test.ts).
                    authorizationType: "NONE",
                });
            }
        });

        it("lets API Gateway invoke each function from its own route only", () => {
            const executionArn = harness.state(`${prefix}-api`).executionArn;
            const sourceArns: Record<string, string> = {};
            for (const route of routes) {
                const permission = routeResource(types.permission, route.name, "permission").inputs;
                assert.strictEqual(permission.function, harness.state(`${prefix}-${route.name}-fn`).name);
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

        it("creates an HTTP API that answers CORS preflight for any origin, the routes' methods and the API's headers", () => {
            const api = harness.named(`${prefix}-api`).inputs;
            assert.strictEqual(api.protocolType, "HTTP");
            assert.deepStrictEqual(api.corsConfiguration, {
                allowOrigins: ["*"],
                allowMethods: ["DELETE", "GET", "POST"],
                allowHeaders: ["authorization", "content-type", "idempotency-key"],
                exposeHeaders: ["location", "retry-after", "idempotent-replayed"],
                maxAge: 3600,
            });
        });

        it("auto-deploys a $default stage with JSON access logs and non-zero throttling", () => {
            const stage = harness.named(`${prefix}-stage`).inputs;
            assert.strictEqual(stage.apiId, harness.named(`${prefix}-api`).id);
            assert.strictEqual(stage.autoDeploy, true);
            assert.deepStrictEqual(stage.defaultRouteSettings, { throttlingBurstLimit: 500, throttlingRateLimit: 1000 });
            assert.deepStrictEqual(stage.routeSettings, [
                { routeKey: "GET /events", throttlingBurstLimit: 50, throttlingRateLimit: 100 },
                { routeKey: "POST /events", throttlingBurstLimit: 500, throttlingRateLimit: 1000 },
                { routeKey: "GET /events/{id}", throttlingBurstLimit: 500, throttlingRateLimit: 1000 },
                { routeKey: "DELETE /events/{id}", throttlingBurstLimit: 500, throttlingRateLimit: 1000 },
            ]);
            assert.strictEqual(stage.accessLogSettings.destinationArn, harness.state(`${prefix}-access-logs`).arn);
            assert.strictEqual(harness.named(`${prefix}-access-logs`).inputs.retentionInDays, 14);
            // What each field may hold is test/component/access-log-format.test.ts's: here, that a line is one
            // JSON object of `$context` values that joins the function's own records by its request id.
            const format: Record<string, string> = JSON.parse(stage.accessLogSettings.format);
            assert.ok(Object.values(format).every((value) => /^\$context\.[A-Za-z.]+$/.test(value)), stage.accessLogSettings.format);
            for (const variable of ["$context.requestId", "$context.integration.requestId", "$context.routeKey", "$context.status"]) {
                assert.ok(Object.values(format).includes(variable), `the access log has no ${variable}`);
            }
        });

        it("creates an on-demand table keyed by pk with the sparse listing index and point-in-time recovery", () => {
            const table = harness.named(`${prefix}-table`).inputs;
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
                ttl: { attributeName: "expiresAt", enabled: true },
            });
        });

        it("outputs the stage URL, table name, API id, each route's function name and the dashboard URL", async () => {
            const apiId = harness.named(`${prefix}-api`).id;
            assert.strictEqual(await valueOf(api.url), `https://${apiId}.execute-api.eu-west-1.amazonaws.com/`);
            assert.strictEqual(await valueOf(api.tableName), harness.state(`${prefix}-table`).name);
            assert.strictEqual(await valueOf(api.apiId), apiId);
            assert.deepStrictEqual(
                await valueOf(api.functionNames),
                Object.fromEntries(routes.map((route) => [route.name, harness.state(`${prefix}-${route.name}-fn`).name])),
            );
            assert.strictEqual(
                await valueOf(api.dashboardUrl),
                "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=api-test",
            );
        });

        it("outputs the OpenAPI document with the stage URL as its server and no security, every route being open", async () => {
            const document = JSON.parse(await valueOf(api.openApi)) as OpenApiView;
            assert.deepStrictEqual(document.servers, [{ url: `https://${harness.named(`${prefix}-api`).id}.execute-api.eu-west-1.amazonaws.com` }]);
            assert.deepStrictEqual(securityByOperation(document), { "create-event": undefined, "delete-event": undefined, "get-event": undefined, "list-events": undefined });
        });
    });

    describe("with a JWT authorizer", () => {
        before(() => fixture.reset());

        it("outputs an OpenAPI document whose write routes need the JWT scheme with one of their scopes, and whose reads are open", async () => {
            const guarded = await build({
                jwtIssuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
                jwtAudiences: ["app"],
                writeScopes: ["events-api/write"],
                adminScopes: ["events-api/admin"],
            });
            const document = JSON.parse(await valueOf(guarded.openApi)) as OpenApiView;
            assert.deepStrictEqual(securityByOperation(document), {
                "create-event": [{ jwt: ["events-api/write"] }],
                "delete-event": [{ jwt: ["events-api/write"] }, { jwt: ["events-api/admin"] }],
                "get-event": undefined,
                "list-events": undefined,
            });
            assert.match(String(document.components.securitySchemes?.jwt.description), /of https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_AbCdEf123 /);
        });
    });

    describe("with args", () => {
        beforeEach(() => fixture.reset());

        it("treats an arg set to undefined as unset", async () => {
            await build({ memorySize: undefined, timeout: undefined });
            const fn = harness.ofType(types.function)[0].inputs;
            // The first function is list-events': its default memory is 1024 MB.
            assert.deepStrictEqual([fn.memorySize, fn.timeout], [1024, 10]);
        });

        describe("rejects a bad arg with a ResourceError naming it and the allowed values, registering nothing", () => {
            const origins = 'a non-empty list of origins: ["*"], or scheme://host[:port] entries such as "https://example.com"';
            const origin = 'an origin, scheme://host[:port] such as "https://example.com", or "*"';
            const cases: [EventsApiArgs, string][] = [
                [{ memorySize: 64 }, "[memorySize] must be an integer from 128 to 10240 (MB); got 64"],
                [{ memorySize: 10241 }, "[memorySize] must be an integer from 128 to 10240 (MB); got 10241"],
                [{ memorySize: 512.5 }, "[memorySize] must be an integer from 128 to 10240 (MB); got 512.5"],
                [{ memorySize: Number.NaN }, "[memorySize] must be an integer from 128 to 10240 (MB); got NaN"],
                [{ memorySize: "512" as never }, `[memorySize] must be an integer from 128 to 10240 (MB) for every route, or a map from route name (${routeList}) to such an integer; got "512"`],
                [{ memorySize: { "get-event": 64 } }, "[memorySize.get-event] must be an integer from 128 to 10240 (MB); got 64"],
                [{ memorySize: { "get-events": 1024 } }, `[memorySize] has "get-events", which is not a route: the routes are ${routeList}`],
                [{ timeout: 0 }, "[timeout] must be an integer from 1 to 29 (seconds); got 0"],
                [{ timeout: 30 }, "[timeout] must be an integer from 1 to 29 (seconds); got 30"],
                [{ runtime: "nodejs18.x" as never }, '[runtime] must be one of nodejs22.x, nodejs24.x; got "nodejs18.x"'],
                [
                    { logRetentionDays: 10 as never },
                    "[logRetentionDays] must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653; got 10",
                ],
                [{ corsAllowOrigins: [] }, `[corsAllowOrigins] must be ${origins}; got []`],
                [{ corsAllowOrigins: ["https://example.com/"] }, `[corsAllowOrigins[0]] must be ${origin}; got "https://example.com/"`],
                [{ corsAllowOrigins: ["example.com"] }, `[corsAllowOrigins[0]] must be ${origin}; got "example.com"`],
                [
                    { corsAllowOrigins: ["*", "https://example.com"] },
                    '[corsAllowOrigins] must be ["*"] alone: "*" already allows every origin; got ["*","https://example.com"]',
                ],
                [{ throttlingBurstLimit: 0 }, "[throttlingBurstLimit] must be a positive integer (requests); got 0"],
                [{ throttlingBurstLimit: 2.5 }, "[throttlingBurstLimit] must be a positive integer (requests); got 2.5"],
                [{ throttlingRateLimit: -1 }, "[throttlingRateLimit] must be a positive number (requests per second); got -1"],
                [{ pointInTimeRecovery: "yes" as never }, '[pointInTimeRecovery] must be true or false; got "yes"'],
                [{ deletionProtection: 1 as never }, "[deletionProtection] must be true or false; got 1"],
                [{ listShards: 0 }, "[listShards] must be an integer from 1 to 16 (shards); got 0"],
                [{ listShards: 17 }, "[listShards] must be an integer from 1 to 16 (shards); got 17"],
                [{ listShards: 2.5 }, "[listShards] must be an integer from 1 to 16 (shards); got 2.5"],
                [{ listShards: "4" as never }, '[listShards] must be an integer from 1 to 16 (shards); got "4"'],
            ];
            for (const [args, message] of cases) {
                it(`${message.split(" ")[0]} ${JSON.stringify(args)}`, () => fixture.rejects(args, message));
            }

            it("names every bad arg at once", () =>
                fixture.rejects(
                    { memorySize: 1, timeout: 100 },
                    "[memorySize] must be an integer from 128 to 10240 (MB); got 1",
                    "[timeout] must be an integer from 1 to 29 (seconds); got 100",
                ));
        });
    });
});
