import * as assert from "assert";
import { packUnderTest } from "./harness";

describe("the pack as the CLI sees it (GetAnalyzerInfo)", function () {
    this.timeout(60_000);

    it("reports the four mandatory policies by name, every other one advisory (policy-exemptions first), and the cross-resource checks as stack policies", async () => {
        const { policies, name, version } = await (await packUnderTest()).info();
        assert.deepStrictEqual([name, version], ["events-api-policies", "0.1.0"]);
        assert.deepStrictEqual(
            policies.filter((p) => p.enforcementLevel === "mandatory").map((p) => [p.name, p.type]),
            [
                ["lambda-memory-above-128mb", "resource"],
                ["lambda-no-bundled-aws-sdk", "stack"],
                ["lambda-arm64-architecture", "resource"],
                ["lambda-supported-runtime", "resource"],
            ],
        );
        assert.deepStrictEqual(
            policies.filter((p) => p.enforcementLevel !== "mandatory").map((p) => [p.name, p.enforcementLevel, p.type]),
            [
                ["policy-exemptions", "advisory", "resource"],
                ["lambda-code-inspectable", "advisory", "stack"],
                ["lambda-tracing-active", "advisory", "resource"],
                ["lambda-explicit-log-group", "advisory", "resource"],
                ["lambda-timeout-set", "advisory", "resource"],
                ["lambda-timeout-within-http-api-limit", "advisory", "stack"],
                ["lambda-role-no-wildcards", "advisory", "stack"],
                ["lambda-permission-one-principal", "advisory", "stack"],
                ["lambda-no-plaintext-secrets", "advisory", "stack"],
                ["lambda-function-url-auth", "advisory", "resource"],
                ["lambda-async-failure-destination", "advisory", "stack"],
                ["lambda-event-source-failure-destination", "advisory", "stack"],
                ["sqs-queue-redrive-policy", "advisory", "stack"],
                ["sns-subscription-redrive-policy", "advisory", "resource"],
                ["eventbridge-target-dead-letter", "advisory", "resource"],
                ["apigateway-permission-source-arn", "advisory", "resource"],
                ["apigatewayv2-stage-access-logs", "advisory", "resource"],
                ["apigatewayv2-stage-throttling", "advisory", "resource"],
                ["apigatewayv2-write-routes-authorized", "advisory", "stack"],
                ["apigateway-stage-logs-tracing-throttling", "advisory", "stack"],
                ["api-access-logs-json", "advisory", "resource"],
                ["dynamodb-point-in-time-recovery", "advisory", "resource"],
                ["cloudwatch-log-group-retention", "advisory", "resource"],
            ],
        );
    });

    it("names each policy in kebab-case with a one-sentence description, and reports the settings' schemas", async () => {
        const { policies } = await (await packUnderTest()).info();
        for (const policy of policies) {
            assert.match(policy.name, /^[a-z0-9]+(-[a-z0-9]+)+$/);
            assert.match(policy.description, /^[A-Z][^]*\.$/, policy.name);
            assert.strictEqual(policy.description.replace(/\d\.\d|e\.g\./g, "").split(". ").length, 1, policy.name);
        }
        const schemas = Object.fromEntries(policies.filter((p) => p.configSchema).map((p) => [p.name, Object.keys(p.configSchema?.properties ?? {})]));
        assert.deepStrictEqual(schemas, {
            "policy-exemptions": ["allowTagExemptions", "exemptions"],
            "lambda-memory-above-128mb": ["minimumMemorySize"],
            "lambda-no-bundled-aws-sdk": ["programRoot"],
            "lambda-supported-runtime": ["analysisDate", "warnDaysBeforeDeprecation"],
            "lambda-timeout-within-http-api-limit": ["maximumTimeout"],
        });
    });
});
