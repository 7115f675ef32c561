import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { EventsApi, EventsApiArgs } from "../../components/events-api";
import { openWriteRoutes, routeAuthorization } from "../../components/route-authorization";
import { routes } from "../../components/routes";
import { settingDefaults } from "../../components/settings";
import { settingsFromConfig } from "../../components/stack-config";
import { readStackConfig, RecordingMocks, runProgramUnderMocks, settle } from "../../tools/mock-program";
import { captureConsole } from "../support/console-capture";
import { types } from "../support/pulumi-mocks";
import { EventsApiFixture } from "./events-api-fixture";

const fixture = new EventsApiFixture();
const { harness, name, prefix } = fixture;
const issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";
const audiences = ["1example23456789abcdefghij", "2example23456789abcdefghij"];
const authorizerType = "aws:apigatewayv2/authorizer:Authorizer";

const build = (args: EventsApiArgs) => fixture.build(args);

/** Each route's `authorizationType`, `authorizerId` and `authorizationScopes`, by route key. */
function routeGuards(): Record<string, unknown> {
    return Object.fromEntries(
        routes.map((route) => {
            const { routeKey, authorizationType, authorizerId, authorizationScopes } = harness.named(`${prefix}-${route.name}-route`).inputs;
            return [routeKey, { authorizationType, authorizerId, authorizationScopes }];
        }),
    );
}

const open = { authorizationType: "NONE", authorizerId: undefined, authorizationScopes: undefined };

describe("JWT authorization under mocks", () => {
    describe("with jwtIssuer, jwtAudiences and writeScopes", () => {
        let authorizerId: string;
        before(async () => {
            fixture.reset();
            await build({ jwtIssuer: issuer, jwtAudiences: audiences, writeScopes: ["events-api/write", "events-api/admin"] });
            authorizerId = harness.named(`${prefix}-authorizer`).id;
        });

        it("creates one JWT authorizer on the API that reads the Authorization header, with the issuer and audiences", () => {
            const authorizers = harness.ofType(authorizerType);
            assert.deepStrictEqual(authorizers.map((a) => a.name), [`${prefix}-authorizer`]);
            assert.deepStrictEqual(authorizers[0].inputs, {
                apiId: harness.named(`${prefix}-api`).id,
                authorizerType: "JWT",
                identitySources: ["$request.header.Authorization"],
                jwtConfiguration: { issuer, audiences },
            });
            assert.strictEqual(authorizers[0].parent, harness.ofType(types.component)[0].urn);
        });

        it("guards POST /events and DELETE /events/{id} with it and the write scopes, and leaves the reads open", () => {
            const scopes = ["events-api/write", "events-api/admin"];
            assert.deepStrictEqual(routeGuards(), {
                "GET /events": open,
                "POST /events": { authorizationType: "JWT", authorizerId, authorizationScopes: scopes },
                "GET /events/{id}": open,
                "DELETE /events/{id}": { authorizationType: "JWT", authorizerId, authorizationScopes: scopes },
            });
        });
    });

    it("without writeScopes, guards the write routes with the authorizer and no scope", async () => {
        fixture.reset();
        await build({ jwtIssuer: issuer, jwtAudiences: [audiences[0]] });
        const authorizerId = harness.named(`${prefix}-authorizer`).id;
        const guarded = { authorizationType: "JWT", authorizerId, authorizationScopes: undefined };
        assert.deepStrictEqual(routeGuards(), {
            "GET /events": open,
            "POST /events": guarded,
            "GET /events/{id}": open,
            "DELETE /events/{id}": guarded,
        });
        assert.ok(!("authorizationScopes" in harness.named(`${prefix}-create-event-route`).inputs), "an empty scope list is left out");
    });

    it("with authorizeReads, guards the reads too, with no scope", async () => {
        fixture.reset();
        await build({ jwtIssuer: issuer, jwtAudiences: [audiences[0]], writeScopes: ["events-api/write"], authorizeReads: true });
        const authorizerId = harness.named(`${prefix}-authorizer`).id;
        const read = { authorizationType: "JWT", authorizerId, authorizationScopes: undefined };
        const write = { authorizationType: "JWT", authorizerId, authorizationScopes: ["events-api/write"] };
        assert.deepStrictEqual(routeGuards(), {
            "GET /events": read,
            "POST /events": write,
            "GET /events/{id}": read,
            "DELETE /events/{id}": write,
        });
    });

    it("without jwtIssuer and jwtAudiences, creates no authorizer and leaves every route open", async () => {
        fixture.reset();
        await build({});
        assert.deepStrictEqual(harness.ofType(authorizerType), []);
        assert.deepStrictEqual(routeGuards(), { "GET /events": open, "POST /events": open, "GET /events/{id}": open, "DELETE /events/{id}": open });
    });

    describe("warns at preview about open write routes", () => {
        /** The warnings a preview of the component logs (without an engine, Pulumi prints them to stderr). */
        async function previewWarnings(args: EventsApiArgs, preview = true): Promise<string[]> {
            void pulumi.runtime.setMocks(new RecordingMocks(), "events-api", "dev", preview);
            const logs = captureConsole();
            try {
                await settle(() => new EventsApi(name, args));
            } finally {
                logs.restore();
            }
            return logs.lines.filter((line) => line.startsWith("warning: "));
        }

        it("for the dev stack as Pulumi.dev.yaml configures it, naming the open write routes and the settings that close them", async () => {
            assert.deepStrictEqual(await previewWarnings(settingsFromConfig(readStackConfig("dev"))), [
                "warning: [runtime] POST /events and DELETE /events/{id} are open: anyone who can reach the API can call them. " +
                    'Set jwtIssuer and jwtAudiences (events-api:jwtIssuer, events-api:jwtAudiences) to require a JWT; see "Authorization" in the README.',
            ]);
        });

        it("not for the prod stack, whose authorizer guards the writes", async () => {
            assert.deepStrictEqual(await previewWarnings(settingsFromConfig(readStackConfig("prod"))), []);
        });

        it("not outside a preview", async () => {
            assert.deepStrictEqual(await previewWarnings({}, false), []);
        });
    });

    describe("rejects a half or badly configured authorizer in the stack config, naming the key", () => {
        const cases: [string, Record<string, string>, string][] = [
            [
                "an http:// issuer",
                { "events-api:jwtIssuer": "http://issuer.example.com", "events-api:jwtAudiences": '["app"]' },
                'events-api:jwtIssuer must be an https:// issuer URL on a DNS name, without credentials, query or fragment, such as "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"; got "http://issuer.example.com"',
            ],
            [
                "an issuer with a query",
                { "events-api:jwtIssuer": "https://issuer.example.com/?tenant=a", "events-api:jwtAudiences": '["app"]' },
                'events-api:jwtIssuer must be an https:// issuer URL on a DNS name, without credentials, query or fragment, such as "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"; got "https://issuer.example.com/?tenant=a"',
            ],
            [
                "an empty audience list",
                { "events-api:jwtIssuer": issuer, "events-api:jwtAudiences": "[]" },
                'events-api:jwtAudiences must be a non-empty list of audiences such as ["1example23456789abcdefghij"]; got []',
            ],
            [
                "one audience that is not a list",
                { "events-api:jwtIssuer": issuer, "events-api:jwtAudiences": "app" },
                'events-api:jwtAudiences must be a non-empty list of audiences such as ["1example23456789abcdefghij"]; got "app"',
            ],
            [
                "a blank audience",
                { "events-api:jwtIssuer": issuer, "events-api:jwtAudiences": '["app", " "]' },
                'events-api:jwtAudiences[1] must be an audience, text without surrounding whitespace such as an app client id; got " "',
            ],
            [
                "an issuer without audiences",
                { "events-api:jwtIssuer": issuer },
                "events-api:jwtAudiences must be set when jwtIssuer is set: the JWT authorizer needs both the issuer and the audiences its tokens are issued for",
            ],
            [
                "audiences without an issuer",
                { "events-api:jwtAudiences": '["app"]' },
                "events-api:jwtIssuer must be set when jwtAudiences is set: the JWT authorizer needs both the issuer and the audiences its tokens are issued for",
            ],
            [
                "write scopes without an authorizer",
                { "events-api:writeScopes": '["events-api/write"]' },
                'events-api:writeScopes needs jwtIssuer and jwtAudiences: without a JWT authorizer no token is checked; got ["events-api/write"]',
            ],
            [
                "authorizeReads without an authorizer",
                { "events-api:authorizeReads": "true" },
                "events-api:authorizeReads needs jwtIssuer and jwtAudiences: without a JWT authorizer no token is checked; got true",
            ],
            [
                "a scope with a space",
                { "events-api:jwtIssuer": issuer, "events-api:jwtAudiences": '["app"]', "events-api:writeScopes": '["events write"]' },
                'events-api:writeScopes[0] must be an OAuth scope such as "events-api/write" (no spaces or quotes); got "events write"',
            ],
        ];
        for (const [what, config, problem] of cases) {
            it(what, () => {
                assert.throws(() => settingsFromConfig(config), { message: `invalid stack config:\n  ${problem}` });
            });
        }

        it("failing the stack program itself, before any resource", async () => {
            const [, config, problem] = cases[0];
            await assert.rejects(runProgramUnderMocks("index.ts", { stack: "none", config }), { message: `invalid stack config:\n  ${problem}` });
        });

        it("and as EventsApi args, naming [jwtAudiences] and registering nothing", () =>
            fixture.rejects({ jwtIssuer: issuer }, "[jwtAudiences] must be set when jwtIssuer is set: the JWT authorizer needs both the issuer and the audiences its tokens are issued for"));

        it("accepting the values as the Pulumi CLI passes them", () => {
            assert.deepStrictEqual(
                settingsFromConfig({
                    "events-api:jwtIssuer": issuer,
                    "events-api:jwtAudiences": JSON.stringify(audiences),
                    "events-api:writeScopes": '["events-api/write"]',
                    "events-api:authorizeReads": "true",
                }),
                { jwtIssuer: issuer, jwtAudiences: audiences, writeScopes: ["events-api/write"], authorizeReads: true },
            );
        });
    });
});

describe("route authorization, from the route table's writes flag", () => {
    const byKey = (settings: Parameters<typeof routeAuthorization>[1]) =>
        Object.fromEntries(routes.map((route) => [`${route.method} ${route.path}`, routeAuthorization(route, settings)]));
    const configured = { ...settingDefaults, jwtIssuer: issuer, jwtAudiences: audiences };

    it("marks exactly POST /events and DELETE /events/{id} as writes", () => {
        assert.deepStrictEqual(
            routes.filter((route) => route.writes).map((route) => `${route.method} ${route.path}`),
            ["POST /events", "DELETE /events/{id}"],
        );
    });

    it("opens every route without an authorizer, and lists the open writes", () => {
        assert.deepStrictEqual(byKey(settingDefaults), {
            "GET /events": { type: "NONE" },
            "POST /events": { type: "NONE" },
            "GET /events/{id}": { type: "NONE" },
            "DELETE /events/{id}": { type: "NONE" },
        });
        assert.deepStrictEqual(openWriteRoutes(settingDefaults).map((route) => route.name), ["create-event", "delete-event"]);
        assert.deepStrictEqual(openWriteRoutes(configured), []);
    });

    it("gives the write scopes to the writes only, and guards reads only with authorizeReads", () => {
        assert.deepStrictEqual(byKey({ ...configured, writeScopes: ["w"], authorizeReads: true }), {
            "GET /events": { type: "JWT" },
            "POST /events": { type: "JWT", scopes: ["w"] },
            "GET /events/{id}": { type: "JWT" },
            "DELETE /events/{id}": { type: "JWT", scopes: ["w"] },
        });
        assert.deepStrictEqual(byKey(configured)["GET /events"], { type: "NONE" });
        assert.deepStrictEqual(byKey(configured)["POST /events"], { type: "JWT" });
    });
});
