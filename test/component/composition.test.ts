import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { EventsApi, EventsApiArgs } from "../../components/events-api";
import { routes } from "../../components/routes";
import { eventsApiSettings, SettingName } from "../../components/settings";
import { runProgramUnderMocks } from "../../tools/mock-program";
import { types, valueOf } from "../support/pulumi-mocks";
import { EventsApiFixture } from "./events-api-fixture";

const fixture = new EventsApiFixture();
const { harness } = fixture;
const build = (args?: EventsApiArgs, opts?: pulumi.ComponentResourceOptions) => fixture.build(args, opts);
const issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";
const certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/9f1c6a52-7d2e-4b8a-a5e1-3c0b9d8f7e21";

/** The error a build fails with: the first line and the problem lines of its message (the SDK may prefix an apply's). */
async function failure(args: EventsApiArgs, options: { preview?: boolean } = {}): Promise<string> {
    fixture.reset(options);
    try {
        await build(args);
    } catch (error) {
        assert.ok(pulumi.ResourceError.isInstance(error), `not a ResourceError: ${error}`);
        return (error as Error).message.slice((error as Error).message.indexOf("invalid EventsApi args:"));
    }
    throw new Error(`${JSON.stringify(Object.keys(args))} did not fail`);
}

describe("EventsApi composed with other resources, under mocks", () => {
    describe("its children, as read-only properties", () => {
        let api: EventsApi;
        before(async () => {
            fixture.reset();
            api = await build({ jwtIssuer: issuer, jwtAudiences: ["app"], customDomain: { domainName: "api.events.acme.io", certificateArn } });
        });

        /** The URN of the child with this role. */
        const urnOf = (role: string) => fixture.child(role).urn;

        it("are the table, API, stage, access-log group, authorizer and custom domain it registered", async () => {
            assert.deepStrictEqual(
                await Promise.all([api.table, api.api, api.stage, api.accessLogGroup, api.authorizer!, api.domain!.domainName, api.domain!.apiMapping].map((child) => valueOf(child.urn))),
                ["table", "api", "stage", "access-logs", "authorizer", "domain", "domain-mapping"].map(urnOf),
            );
        });

        it("give each route's function, role and log group by route name, and the rest of the route in routes", async () => {
            for (const route of routes) {
                const of = (role: string) => urnOf(`${route.name}-${role}`);
                assert.deepStrictEqual(
                    await Promise.all([api.functions[route.name], api.roles[route.name], api.logGroups[route.name], api.routes[route.name].apiRoute, api.routes[route.name].permission].map((child) => valueOf(child.urn))),
                    [of("fn"), of("role"), of("logs"), of("route"), of("permission")],
                    route.name,
                );
            }
            assert.deepStrictEqual(Object.keys(api.functions), routes.map((route) => route.name));
        });

        it("include every alarm and the dashboard", async () => {
            const alarmUrns = await Promise.all(api.alarms.map((alarm) => valueOf(alarm.urn)));
            assert.deepStrictEqual(alarmUrns.sort(), harness.ofType(types.alarm).map((alarm) => alarm.urn).sort());
            assert.strictEqual(await valueOf(api.dashboard.urn), urnOf("dashboard"));
        });

        it("have no authorizer or domain without the settings for them", async () => {
            fixture.reset();
            const open = await build();
            assert.deepStrictEqual([open.authorizer, open.domain], [undefined, undefined]);
        });
    });

    describe("settings that name another resource", () => {
        it("are exactly jwtIssuer, jwtAudiences, alarmTopicArn, corsAllowOrigins, permissionsBoundaryArn and customDomain's certificate and zone", () => {
            const made = pulumi.output("made by another resource");
            const takesOutput = (Object.keys(eventsApiSettings) as SettingName[]).filter((key) => {
                const value = key === "customDomain" ? { domainName: "api.events.acme.io", certificateArn: made, hostedZoneId: made } : made;
                return eventsApiSettings[key].safeParse(value).success;
            });
            assert.deepStrictEqual(takesOutput, ["corsAllowOrigins", "permissionsBoundaryArn", "customDomain", "alarmTopicArn", "jwtIssuer", "jwtAudiences"]);
        });

        it("pass an Output's value on to the resources that use it, registering the same resources as plain values", async () => {
            const topicArn = "arn:aws:sns:eu-west-1:123456789012:ops";
            const plain: EventsApiArgs = { jwtIssuer: issuer, jwtAudiences: ["app", "cli"], alarmTopicArn: topicArn, corsAllowOrigins: ["https://events.acme.io", "http://localhost:5173"] };
            fixture.reset();
            await build(plain);
            const byName = () => Object.fromEntries(harness.resources.map((r) => [r.name, r.wire?.inputs]));
            const plainResources = byName();

            fixture.reset();
            await build({
                jwtIssuer: pulumi.output(issuer),
                jwtAudiences: [pulumi.output("app"), "cli"],
                alarmTopicArn: pulumi.output(topicArn),
                corsAllowOrigins: [pulumi.output("https://events.acme.io"), "http://localhost:5173"],
            });
            assert.deepStrictEqual(byName(), plainResources);
            assert.deepStrictEqual(fixture.child("authorizer").inputs.jwtConfiguration, { issuer, audiences: ["app", "cli"] });
            assert.deepStrictEqual(fixture.child("api").inputs.corsConfiguration.allowOrigins, ["https://events.acme.io", "http://localhost:5173"]);
            assert.deepStrictEqual(fixture.child("api-latency-p99").inputs.alarmActions, [topicArn]);
        });

        // Each bad value, as a plain value and made by another resource: the same message either way.
        const cases: [string, EventsApiArgs, EventsApiArgs][] = [
            ["jwtIssuer", { jwtIssuer: "https://issuer.acme.io:99999", jwtAudiences: ["app"] }, { jwtIssuer: pulumi.output("https://issuer.acme.io:99999"), jwtAudiences: ["app"] }],
            ["jwtAudiences", { jwtIssuer: issuer, jwtAudiences: ["app", " "] }, { jwtIssuer: issuer, jwtAudiences: ["app", pulumi.output(" ")] }],
            ["alarmTopicArn", { alarmTopicArn: "arn:aws:sqs:eu-west-1:123456789012:q" }, { alarmTopicArn: pulumi.output("arn:aws:sqs:eu-west-1:123456789012:q") }],
            ["corsAllowOrigins", { corsAllowOrigins: ["https://a.io", "https://b.io/"] }, { corsAllowOrigins: ["https://a.io", pulumi.output("https://b.io/")] }],
            ["corsAllowOrigins, all of it", { corsAllowOrigins: ["*", "https://a.io"] }, { corsAllowOrigins: pulumi.output(["*", "https://a.io"]) }],
            ["permissionsBoundaryArn", { permissionsBoundaryArn: "boundary" }, { permissionsBoundaryArn: pulumi.output("boundary") }],
            [
                "customDomain.certificateArn",
                { customDomain: { domainName: "api.events.acme.io", certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/x" } },
                { customDomain: { domainName: "api.events.acme.io", certificateArn: pulumi.output("arn:aws:acm:eu-west-1:123456789012:certificate/x") } },
            ],
            [
                "customDomain.hostedZoneId",
                { customDomain: { domainName: "api.events.acme.io", certificateArn, hostedZoneId: "zone" } },
                { customDomain: { domainName: "api.events.acme.io", certificateArn, hostedZoneId: pulumi.output("zone") } },
            ],
        ];
        for (const [setting, plain, made] of cases) {
            it(`${setting}: a bad value made by another resource fails with the message a plain one gets before anything registers`, async () => {
                const before = await failure(plain);
                assert.deepStrictEqual(harness.resources, [], "a plain bad value registers nothing");
                assert.match(before, /^invalid EventsApi args:\n {2}\[/);
                assert.strictEqual(await failure(made), before);
            });
        }

        for (const preview of [true, false]) {
            it(`refuse an alarm topic or a certificate of another region than the stack's, where AWS would refuse them, ${preview ? "at preview" : "at pulumi up"}`, async () => {
                assert.strictEqual(
                    await failure({ alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:ops" }, { preview }),
                    `invalid EventsApi args:\n  [alarmTopicArn] must be a topic in the stack's region eu-west-1, where the alarms are; got "arn:aws:sns:us-east-1:123456789012:ops"`,
                );
                assert.strictEqual(
                    await failure({ customDomain: { domainName: "api.events.acme.io", certificateArn: pulumi.output(certificateArn.replace("eu-west-1", "us-east-1")) } }, { preview }),
                    `invalid EventsApi args:\n  [customDomain.certificateArn] must be a certificate in the stack's region eu-west-1, where the API is; got "${certificateArn.replace("eu-west-1", "us-east-1")}"`,
                );
            });
        }
    });

    it("applies the transforms resource option to every child: a tag added to every function reaches all four", async () => {
        fixture.reset();
        const seen: string[] = [];
        const tagFunctions: pulumi.ResourceTransform = ({ type, name, props, opts }) => {
            seen.push(name);
            return type === "aws:lambda/function:Function" ? { props: { ...props, tags: { ...props.tags, team: "events" } }, opts } : undefined;
        };
        await build({}, { transforms: [tagFunctions] });
        const functions = harness.ofType(types.function);
        assert.deepStrictEqual(
            functions.map((fn) => [fn.name, fn.inputs.tags]),
            routes.map((route) => [`api-test-${route.name}-fn`, { "events-api:stack": "api-test", team: "events" }]),
        );
        // The component itself, and every resource under it.
        assert.deepStrictEqual(seen.sort(), harness.resources.map((r) => r.name).sort());
    });

    it("runs the transform example (docs/examples/tag-every-function.ts): every function gets its tag", async () => {
        const { resources } = await runProgramUnderMocks("docs/examples/tag-every-function.ts", { stack: "dev" });
        assert.deepStrictEqual(
            resources.filter((r) => r.type === types.function).map((fn) => [fn.name, fn.inputs.tags]),
            routes.map((route) => [`events-api-dev-${route.name}-fn`, { "events-api:stack": "events-api-dev", team: "events" }]),
        );
    });

    describe("the Cognito example (docs/examples/cognito-user-pool.ts)", () => {
        it("wires the pool's issuer, the app client and the topic into the API when pulumi up knows them", async () => {
            const { resources } = await runProgramUnderMocks("docs/examples/cognito-user-pool.ts", { stack: "dev" });
            const one = (type: string) => {
                const found = resources.filter((r) => r.type === type);
                assert.strictEqual(found.length, 1, type);
                return found[0];
            };
            const pool = one("aws:cognito/userPool:UserPool");
            const client = one("aws:cognito/userPoolClient:UserPoolClient");
            assert.match(pool.id, /^eu-west-1_[0-9a-f]{9}$/);
            assert.deepStrictEqual(one("aws:apigatewayv2/authorizer:Authorizer").inputs.jwtConfiguration, {
                issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${pool.id}`,
                audiences: [client.id],
            });
            assert.deepStrictEqual(client.inputs.allowedOauthScopes, ["events-api/write"]);
            const topicArn = `arn:aws:sns:eu-west-1:123456789012:${one("aws:sns/topic:Topic").name}`;
            for (const alarm of resources.filter((r) => r.type === types.alarm)) assert.match(alarm.inputs.alarmActions[0], new RegExp(`^${topicArn}-[0-9a-f]{7}$`), alarm.name);
            const writes = resources.filter((r) => r.type === types.route && r.inputs.authorizationType === "JWT").map((r) => [r.inputs.routeKey, r.inputs.authorizationScopes]);
            assert.deepStrictEqual(writes, [
                ["POST /events", ["events-api/write"]],
                ["DELETE /events/{id}", ["events-api/write"]],
            ]);
        });

        it("previews without the values, which a preview does not know yet", async () => {
            const { resources } = await runProgramUnderMocks("docs/examples/cognito-user-pool.ts", { stack: "dev", preview: true });
            // The Pulumi SDK's sentinel for a value not known at preview, as it goes over the wire.
            const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
            const authorizer = resources.find((r) => r.type === "aws:apigatewayv2/authorizer:Authorizer");
            assert.deepStrictEqual(authorizer?.wire?.inputs.jwtConfiguration, { issuer: unknown, audiences: unknown });
            assert.strictEqual(resources.filter((r) => r.type === types.function).length, routes.length);
        });
    });
});
