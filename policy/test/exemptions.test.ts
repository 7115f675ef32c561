import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { resourceTypes } from "../policies/resource-types";
import { compliantFunction, deploy, resource, verdictsOf } from "./harness";

const arm64 = "lambda-arm64-architecture";
const memory = "lambda-memory-above-128mb";
const sdk = "lambda-no-bundled-aws-sdk";
const fn = (name: string, props: Record<string, unknown> = {}) => resource(resourceTypes.lambdaFunction, name, compliantFunction(props));
const x86 = { architectures: ["x86_64"] };
const summary = (rows: string[][]) => rows.map(([level, policy, name, message]) => [level, policy, name, message.split(". ")[0]]);

describe("exemptions, through the pack's analyzer", function () {
    this.timeout(60_000);

    it("exempts the resources a pack config pattern names (name or URN), reports each as an advisory, and leaves the rest blocked", async () => {
        const config = {
            "policy-exemptions": {
                exemptions: [
                    { policy: arm64, resources: ["legacy-*"], reason: "vendor SDK ships amd64 only until 2026-Q3 (TICKET-42)" },
                    { policy: memory, resources: ["urn:pulumi:dev::team::*::tiny"], reason: "a 10-line webhook, measured" },
                ],
            },
        };
        const verdicts = await verdictsOf(() => [fn("legacy-worker", x86), fn("api", x86), fn("tiny", { memorySize: 128 })], { config });
        assert.deepStrictEqual(summary(verdicts), [
            ["mandatory", arm64, "api", 'Lambda function "api": architectures is ["x86_64"]'],
            [
                "advisory",
                "policy-exemptions",
                "legacy-worker",
                'exempted: vendor SDK ships amd64 only until 2026-Q3 (TICKET-42) (lambda-arm64-architecture does not apply to aws:lambda/function:Function "legacy-worker", by pack config pattern "legacy-*")',
            ],
            [
                "advisory",
                "policy-exemptions",
                "tiny",
                'exempted: a 10-line webhook, measured (lambda-memory-above-128mb does not apply to aws:lambda/function:Function "tiny", by pack config pattern "urn:pulumi:dev::team::*::tiny")',
            ],
        ]);
    });

    it("exempts a resource from a stack policy (the SDK check) the same way", async () => {
        const code = new pulumi.asset.AssetArchive({ "node_modules/@aws-sdk/client-s3": new pulumi.asset.AssetArchive({}) });
        const config = { "policy-exemptions": { exemptions: [{ policy: sdk, resources: ["pinned-sdk"], reason: "needs an SDK fix newer than the runtime's" }] } };
        const verdicts = await verdictsOf(() => [fn("pinned-sdk", { code }), fn("other", { code })], { config });
        assert.deepStrictEqual(
            verdicts.map((row) => row.slice(0, 3)),
            [
                ["mandatory", sdk, "other"],
                ["advisory", "policy-exemptions", "pinned-sdk"],
            ],
        );
    });

    it("honours a policy-exemption:<policy> tag only for policies the pack config allows, and says why a tag exempts nothing", async () => {
        const tagged = (name: string, tags: Record<string, string>) => fn(name, { ...x86, tags });
        const declare = () => [
            tagged("allowed", { [`policy-exemption:${arm64}`]: "Go binary built for amd64; arm64 build in TICKET-7" }),
            tagged("typo", { "policy-exemption:lambda-arm64-architcture": "typo in the policy name" }),
            tagged("no-reason", { [`policy-exemption:${arm64}`]: " " }),
        ];
        const allowed = await verdictsOf(declare, { config: { "policy-exemptions": { allowTagExemptions: [arm64] } } });
        assert.deepStrictEqual(summary(allowed), [
            ["advisory", "policy-exemptions", "allowed", `exempted: Go binary built for amd64; arm64 build in TICKET-7 (${arm64} does not apply to aws:lambda/function:Function "allowed", by tag "policy-exemption:${arm64}")`],
            ["mandatory", arm64, "no-reason", 'Lambda function "no-reason": architectures is ["x86_64"]'],
            ["advisory", "policy-exemptions", "no-reason", `aws:lambda/function:Function "no-reason": tag "policy-exemption:${arm64}" exempts nothing: its value, the reason, is empty`],
            ["mandatory", arm64, "typo", 'Lambda function "typo": architectures is ["x86_64"]'],
            ["advisory", "policy-exemptions", "typo", 'aws:lambda/function:Function "typo": tag "policy-exemption:lambda-arm64-architcture" exempts nothing: no policy of this pack is named "lambda-arm64-architcture" (policies: lambda-memory-above-128mb, lambda-no-bundled-aws-sdk, lambda-arm64-architecture, lambda-supported-runtime, lambda-code-inspectable, lambda-tracing-active, lambda-explicit-log-group, lambda-timeout-set, lambda-timeout-within-http-api-limit, lambda-role-no-wildcards, lambda-permission-one-principal, lambda-no-plaintext-secrets, lambda-function-url-auth, lambda-async-failure-destination, lambda-event-source-failure-destination, sqs-queue-redrive-policy, sns-subscription-redrive-policy, eventbridge-target-dead-letter, apigateway-permission-source-arn, apigatewayv2-stage-access-logs, apigatewayv2-stage-throttling, apigatewayv2-write-routes-authorized, apigateway-stage-logs-tracing-throttling, api-access-logs-json, dynamodb-point-in-time-recovery, cloudwatch-log-group-retention)'],
        ]);
        const notAllowed = await verdictsOf(() => tagged("allowed", { [`policy-exemption:${arm64}`]: "self-service" }));
        assert.deepStrictEqual(summary(notAllowed), [
            ["mandatory", arm64, "allowed", 'Lambda function "allowed": architectures is ["x86_64"]'],
            ["advisory", "policy-exemptions", "allowed", `aws:lambda/function:Function "allowed": tag "policy-exemption:${arm64}" exempts nothing: the pack config does not let tags exempt ${arm64} (policy-exemptions.allowTagExemptions)`],
        ]);
    });

    it("refuses, as the CLI does, a config exemption naming no policy, with an empty or blank reason, or naming no resource", async () => {
        const bad = [
            { policy: "lambda-arm64-architcture", resources: ["x"], reason: "typo" },
            { policy: arm64, resources: ["x"], reason: "" },
            { policy: arm64, resources: ["x"], reason: "   " },
            { policy: arm64, resources: [], reason: "none named" },
        ];
        await assert.rejects(verdictsOf(() => fn("f"), { config: { "policy-exemptions": { exemptions: bad } } }), (error: Error) => {
            const lines = error.message.split("\n");
            assert.strictEqual(lines[0], "invalid pack config:");
            assert.deepStrictEqual(
                lines.slice(1).map((line) => line.split(":")[0]),
                [
                    'policy-exemptions.exemptions.0.policy is "lambda-arm64-architcture"',
                    'policy-exemptions.exemptions.1.reason is ""',
                    'policy-exemptions.exemptions.1.reason is ""',
                    'policy-exemptions.exemptions.2.reason is "   "',
                    "policy-exemptions.exemptions.3.resources is []",
                ],
            );
            return true;
        });
    });

    it("never remediates an exempted resource, and turns every exemption off when policy-exemptions is disabled", async () => {
        const exemptions = [{ policy: arm64, resources: ["legacy"], reason: "amd64 vendor binary" }];
        const remediated = await deploy(() => fn("legacy", x86), { config: { [arm64]: "remediate", "policy-exemptions": { exemptions } } });
        assert.deepStrictEqual(remediated.remediations, []);
        const disabled = await verdictsOf(() => fn("legacy", x86), { config: { "policy-exemptions": { enforcementLevel: "disabled", exemptions } } });
        assert.deepStrictEqual(summary(disabled), [["mandatory", arm64, "legacy", 'Lambda function "legacy": architectures is ["x86_64"]']]);
    });
});
