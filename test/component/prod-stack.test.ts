import * as assert from "assert";
import { liveAliasName } from "../../components/route-resources";
import { routes } from "../../components/routes";
import { readStackConfig, RecordedResource, runProgramUnderMocks } from "../../tools/mock-program";
import { types } from "../support/pulumi-mocks";
import { ownProdValues, recordedAccountConfig, recorded, startLambdaAccount } from "./lambda-account";

describe("the prod stack (Pulumi.prod.yaml, its placeholders replaced) as pulumi up deploys it, under mocks", () => {
    // pulumi up refuses the committed placeholders (test/component/deployment-checks.test.ts): these are a user's own values.
    const prod = { ...readStackConfig("prod"), ...ownProdValues };
    let resources: RecordedResource[];
    let outputs: Record<string, unknown>;
    before(async () => {
        const account = await startLambdaAccount({ accountSettings: recorded.accountAt1000 });
        try {
            ({ resources, outputs } = await runProgramUnderMocks("index.ts", { stack: "prod", config: { ...ownProdValues, ...recordedAccountConfig(account.endpoint) } }));
        } finally {
            await account.close();
        }
    });

    const named = (name: string) => {
        const found = resources.filter((r) => r.name === name);
        assert.strictEqual(found.length, 1, `one resource named ${name}`);
        return found[0];
    };
    const ofType = (type: string) => resources.filter((r) => r.type === type);

    it("protects the table from deletion, in DynamoDB and in Pulumi, and keeps point-in-time recovery on", () => {
        const table = named("events-api-prod-table");
        assert.strictEqual(table.inputs.deletionProtectionEnabled, true);
        assert.deepStrictEqual(table.inputs.pointInTimeRecovery, { enabled: true });
        // `protect` makes a change that would replace the table fail its preview, before any step.
        assert.strictEqual(table.wire?.protect, true);
        assert.deepStrictEqual(
            resources.filter((r) => r.wire?.protect).map((r) => r.name),
            ["events-api-prod-table"],
        );
    });

    it("serves the API on its custom domain only, with TLS 1.2, the alias record in the zone, and outputs the domain's URL", () => {
        const domain = JSON.parse(ownProdValues["events-api:customDomain"]);
        const domainName = named("events-api-prod-domain");
        assert.deepStrictEqual(domainName.inputs, {
            domainName: "api.events.acme.io",
            domainNameConfiguration: { certificateArn: domain.certificateArn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
        });
        const api = named("events-api-prod-api");
        assert.deepStrictEqual(named("events-api-prod-domain-mapping").inputs, { apiId: api.id, domainName: "api.events.acme.io", stage: named("events-api-prod-stage").id });
        assert.deepStrictEqual(named("events-api-prod-domain-record").inputs, {
            zoneId: "Z0123456789ABCDEFGHIJ",
            name: "api.events.acme.io",
            type: "A",
            aliases: [{ name: `d-${domainName.id}.execute-api.eu-west-1.amazonaws.com`, zoneId: "ZMOCKAPIGATEWAY", evaluateTargetHealth: false }],
        });
        // No way around the domain: the execute-api endpoint is off.
        assert.strictEqual(api.inputs.disableExecuteApiEndpoint, true);
        assert.strictEqual(outputs.url, "https://api.events.acme.io/");
    });

    it("allows only the listed origins, not *", () => {
        const origins = named("events-api-prod-api").inputs.corsConfiguration.allowOrigins;
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
                .map((route) => [`events-api-prod-${route.name}-provisioned`, liveAliasName, provisioned[route.name]]),
        );
        for (const route of routes) {
            const integration = named(`events-api-prod-${route.name}-integration`).inputs;
            const permission = named(`events-api-prod-${route.name}-permission`).inputs;
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
            assert.strictEqual(named(`events-api-prod-${route.name}-fn`).inputs.reservedConcurrentExecutions, reserved[route.name], route.name);
        }
    });

    it("lets only a token from its issuer, for its audiences and with its write scope, create or delete events", () => {
        const [authorizer] = ofType("aws:apigatewayv2/authorizer:Authorizer");
        assert.deepStrictEqual(authorizer.inputs.jwtConfiguration, {
            issuer: prod["events-api:jwtIssuer"],
            audiences: JSON.parse(prod["events-api:jwtAudiences"]),
        });
        assert.match(prod["events-api:jwtIssuer"], /^https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\//);
        const writeScopes = JSON.parse(prod["events-api:writeScopes"]);
        assert.ok(writeScopes.length > 0, "prod writes need a scope, so an ID token cannot write");
        for (const route of routes) {
            const { authorizationType, authorizerId, authorizationScopes } = named(`events-api-prod-${route.name}-route`).inputs;
            assert.deepStrictEqual(
                { authorizationType, authorizerId, authorizationScopes },
                route.writes
                    ? { authorizationType: "JWT", authorizerId: authorizer.id, authorizationScopes: route.ownerOnly ? [...writeScopes, "events-api/admin"] : writeScopes }
                    : { authorizationType: "NONE", authorizerId: undefined, authorizationScopes: undefined },
                route.name,
            );
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
