import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { EventsApi, EventsApiArgs } from "../../components/events-api";
import { routes } from "../../components/routes";
import { types, valueOf } from "../support/pulumi-mocks";
import { EventsApiFixture } from "./events-api-fixture";

const fixture = new EventsApiFixture();
const { harness } = fixture;
const build = (args?: EventsApiArgs) => fixture.build(args);

const certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/9f1c6a52-7d2e-4b8a-a5e1-3c0b9d8f7e21";

describe("EventsApi's boundary, protection and custom domain, under mocks", () => {
    beforeEach(() => fixture.reset());

    describe("permissionsBoundaryArn", () => {
        it("gives every function role the stack's documented boundary in the deploying account by default", async () => {
            await build();
            const roles = harness.ofType(types.role);
            assert.strictEqual(roles.length, routes.length);
            for (const role of roles) {
                assert.strictEqual(role.inputs.permissionsBoundary, "arn:aws:iam::123456789012:policy/api-test-permissions-boundary", role.name);
            }
        });

        it("takes a boundary another resource makes, as a pulumi.Output", async () => {
            await build({ permissionsBoundaryArn: pulumi.output("arn:aws:iam::123456789012:policy/team/lambda-boundary") });
            for (const role of harness.ofType(types.role)) {
                assert.strictEqual(role.inputs.permissionsBoundary, "arn:aws:iam::123456789012:policy/team/lambda-boundary", role.name);
            }
        });

        it("refuses a value that is no IAM policy ARN, and registers nothing", () =>
            fixture.rejects(
                { permissionsBoundaryArn: "events-api-boundary" },
                '[permissionsBoundaryArn] must be an IAM policy ARN such as arn:aws:iam::123456789012:policy/events-api-prod-permissions-boundary; got "events-api-boundary"',
            ));

        it("refuses a boundary in another account once its value is known, since IAM attaches none", async () => {
            await assert.rejects(
                build({ permissionsBoundaryArn: pulumi.output("arn:aws:iam::111122223333:policy/boundary") }),
                (error: Error) =>
                    pulumi.ResourceError.isInstance(error) &&
                    error.message.endsWith('[permissionsBoundaryArn] must be an IAM policy ARN in the deploying account 123456789012 (or an AWS managed policy); got "arn:aws:iam::111122223333:policy/boundary"'),
            );
        });
    });

    it("fails, naming the prefix and the room left, when the component and stack names leave a role name no room", async () => {
        // 39 characters, and <prefix>-delete-event-role-<7 random> would be 65: one more than IAM allows.
        const name = "events-api-with-a-much-longer-name";
        await assert.rejects(harness.declare(() => new EventsApi(name)), {
            message:
                "the name prefix events-api-with-a-much-longer-name-test (component name events-api-with-a-much-longer-name, stack test) has 39 characters, and function and role names leave room for 38: use a shorter stack or component name",
        });
    });

    describe("deletionProtection", () => {
        it("Pulumi-protects the table when on, so a replacing change fails its preview, and nothing else", async () => {
            await build({ deletionProtection: true });
            assert.deepStrictEqual(
                harness.resources.filter((r) => r.wire?.protect).map((r) => [r.name, r.inputs.deletionProtectionEnabled]),
                [["api-test-table", true]],
            );
        });

        it("leaves the table unprotected when off, so pulumi destroy can remove a dev stack", async () => {
            await build({ deletionProtection: false });
            assert.deepStrictEqual(harness.resources.filter((r) => r.wire?.protect), []);
        });
    });

    describe("customDomain", () => {
        it("adds a regional TLS 1.2 domain mapped to the stage, the alias record, turns execute-api off and makes url the domain's", async () => {
            const api = await build({ customDomain: { domainName: "api.events.acme.io", certificateArn, hostedZoneId: "Z0123456789ABCDEFGHIJ" } });
            const domain = harness.named("api-test-domain");
            assert.deepStrictEqual(domain.inputs, {
                domainName: "api.events.acme.io",
                domainNameConfiguration: { certificateArn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
            });
            assert.deepStrictEqual(harness.named("api-test-domain-mapping").inputs, {
                apiId: harness.named("api-test-api").id,
                domainName: "api.events.acme.io",
                stage: harness.named("api-test-stage").id,
            });
            assert.deepStrictEqual(harness.named("api-test-domain-record").inputs, {
                zoneId: "Z0123456789ABCDEFGHIJ",
                name: "api.events.acme.io",
                type: "A",
                aliases: [{ name: `d-${domain.id}.execute-api.eu-west-1.amazonaws.com`, zoneId: "ZMOCKAPIGATEWAY", evaluateTargetHealth: false }],
            });
            assert.strictEqual(harness.named("api-test-api").inputs.disableExecuteApiEndpoint, true);
            assert.strictEqual(await valueOf(api.url), "https://api.events.acme.io/");
        });

        it("makes no DNS record without a hosted zone, and keeps execute-api on and the stage's URL without a domain", async () => {
            await build({ customDomain: { domainName: "api.events.acme.io", certificateArn } });
            assert.deepStrictEqual(harness.resources.filter((r) => r.type === "aws:route53/record:Record"), []);
            assert.ok(harness.named("api-test-domain-mapping"));

            fixture.reset();
            const api = await build();
            assert.deepStrictEqual(harness.resources.filter((r) => r.type.startsWith("aws:apigatewayv2/domainName") || r.type.startsWith("aws:apigatewayv2/apiMapping")), []);
            assert.strictEqual(harness.named("api-test-api").inputs.disableExecuteApiEndpoint, false);
            assert.match(await valueOf(api.url), /^https:\/\/[0-9a-f]+\.execute-api\.eu-west-1\.amazonaws\.com\/$/);
        });

        it("refuses a certificate of another region, which a regional domain cannot use", async () => {
            await assert.rejects(
                build({ customDomain: { domainName: "api.events.acme.io", certificateArn: certificateArn.replace("eu-west-1", "us-east-1") } }),
                (error: Error) =>
                    pulumi.ResourceError.isInstance(error) &&
                    error.message.endsWith(
                        `[customDomain.certificateArn] must be a certificate in the stack's region eu-west-1, where the API is; got "${certificateArn.replace("eu-west-1", "us-east-1")}"`,
                    ),
            );
        });

        it("refuses a domain without a certificate, an unknown field, a wildcard and an upper-case name, all at once", async () => {
            await assert.rejects(build({ customDomain: { domainName: "*.Acme.io", zone: "Z1" } as unknown as EventsApiArgs["customDomain"] }), {
                message:
                    "invalid EventsApi args:\n" +
                    '  [customDomain.domainName] must be a lowercase DNS name without a wildcard, such as "api.events.acme.io"; got "*.Acme.io"\n' +
                    "  [customDomain.certificateArn] must be an ACM certificate ARN such as arn:aws:acm:eu-west-1:123456789012:certificate/0f8fad5b-d9cb-469f-a165-70867728950e; got undefined\n" +
                    '  [customDomain] has "zone", which is not a field: the fields are domainName, certificateArn, hostedZoneId',
            });
        });
    });
});
