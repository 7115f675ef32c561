import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { mockState } from "../../tools/mock-program";
import { resourceTypes } from "../policies/resource-types";
import { compliantFunction, resource, verdictsOf } from "./harness";

const permission = (props: Record<string, unknown>, name = "permission") =>
    resource(resourceTypes.lambdaPermission, name, {
        action: "lambda:InvokeFunction",
        function: "api-get-event-fn-1a2b3c4",
        principal: "apigateway.amazonaws.com",
        sourceArn: "arn:aws:execute-api:eu-west-1:123456789012:abc123/*/GET/events/{id}",
        ...props,
    });

const stage = (props: Record<string, unknown>, name = "stage") =>
    resource(resourceTypes.httpApiStage, name, {
        apiId: "abc123",
        name: "$default",
        autoDeploy: true,
        accessLogSettings: { destinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:api-access-logs", format: '{"requestId":"$context.requestId"}' },
        defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 },
        ...props,
    });

/** `[name, message up to the cut]` of each verdict of one policy. */
async function findings(policy: string, declare: () => unknown, cut: string): Promise<string[][]> {
    return (await verdictsOf(declare, { policy })).map(([level, , name, message]) => [level, name, message.split(cut)[0]]);
}

describe("apigateway-permission-source-arn, through the pack's analyzer", function () {
    this.timeout(60_000);
    const policy = "apigateway-permission-source-arn";

    it("passes a permission scoped to a route", async () => {
        assert.deepStrictEqual(await verdictsOf(() => permission({})), []);
    });

    it("flags a missing, empty or wildcard sourceArn as advisory, naming the permission and the fix", async () => {
        const found = await findings(policy, () => [permission({ sourceArn: undefined }, "a-unset"), permission({ sourceArn: "" }, "b-empty"), permission({ sourceArn: "*" }, "c-any")], ", so");
        assert.deepStrictEqual(found, [
            ["advisory", "a-unset", 'Lambda permission "a-unset": sourceArn is unset'],
            ["advisory", "b-empty", 'Lambda permission "b-empty": sourceArn is ""'],
            ["advisory", "c-any", 'Lambda permission "c-any": sourceArn is "*"'],
        ]);
        const [[, , , message]] = await verdictsOf(() => permission({ sourceArn: undefined }), { policy });
        assert.match(message, /Set sourceArn to the API's execution ARN and route/);
    });

    it("leaves permissions for other principals alone", async () => {
        assert.deepStrictEqual(await verdictsOf(() => permission({ principal: "s3.amazonaws.com", sourceArn: undefined })), []);
    });
});

describe("apigatewayv2-stage-access-logs, through the pack's analyzer", function () {
    this.timeout(60_000);

    it("passes a stage with a destination and a format, and flags a missing destination, format, or both", async () => {
        const found = await findings(
            "apigatewayv2-stage-access-logs",
            () => [
                stage({}, "ok"),
                stage({ accessLogSettings: { format: "$context.requestId" } }, "a-no-destination"),
                stage({ accessLogSettings: { destinationArn: "arn:aws:logs:x" } }, "b-no-format"),
                stage({ accessLogSettings: undefined }, "c-none"),
            ],
            ". Set",
        );
        assert.deepStrictEqual(found, [
            ["advisory", "a-no-destination", 'HTTP API stage "a-no-destination": accessLogSettings is {"format":"$context.requestId"} (missing destinationArn)'],
            ["advisory", "b-no-format", 'HTTP API stage "b-no-format": accessLogSettings is {"destinationArn":"arn:aws:logs:x"} (missing format)'],
            ["advisory", "c-none", 'HTTP API stage "c-none": accessLogSettings is unset (missing destinationArn and format)'],
        ]);
    });
});

describe("apigatewayv2-stage-throttling, through the pack's analyzer", function () {
    this.timeout(60_000);
    const policy = "apigatewayv2-stage-throttling";

    it("passes non-zero limits, and flags zero or unset limits and unset defaultRouteSettings", async () => {
        const found = await findings(
            policy,
            () => [
                stage({}, "ok"),
                stage({ defaultRouteSettings: { throttlingBurstLimit: 0, throttlingRateLimit: 50 } }, "a"),
                stage({ defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 0 } }, "b"),
                stage({ defaultRouteSettings: { detailedMetricsEnabled: true } }, "c"),
                stage({ defaultRouteSettings: undefined }, "d"),
            ],
            ". Set",
        );
        assert.deepStrictEqual(found, [
            ["advisory", "a", 'HTTP API stage "a": defaultRouteSettings has throttlingBurstLimit 0'],
            ["advisory", "b", 'HTTP API stage "b": defaultRouteSettings has throttlingRateLimit 0'],
            ["advisory", "c", 'HTTP API stage "c": defaultRouteSettings has throttlingBurstLimit unset, throttlingRateLimit unset'],
            ["advisory", "d", 'HTTP API stage "d": defaultRouteSettings has throttlingBurstLimit unset, throttlingRateLimit unset'],
        ]);
    });

    it("flags a route setting that throttles a route to 0", async () => {
        const verdicts = await verdictsOf(() => stage({ routeSettings: [{ routeKey: "GET /events", throttlingBurstLimit: 0, throttlingRateLimit: 10 }] }), { policy });
        assert.strictEqual(verdicts.length, 1);
        assert.match(verdicts[0][3], /routeSettings for "GET \/events" sets throttlingBurstLimit to 0/);
    });
});

describe("lambda-timeout-within-http-api-limit, through the pack's stack analysis", function () {
    this.timeout(60_000);
    const policy = "lambda-timeout-within-http-api-limit";
    const message = (timeout: number, limit = 29) =>
        `Lambda function "slow" is invoked by API Gateway and has timeout ${timeout} s. Set timeout to ${limit} s or less: API Gateway stops waiting after 30 s.`;

    /** A function, and the outputs other resources can reference it by (unknown at preview, known in an update). */
    const slowFunction = (timeout: number | undefined) =>
        resource(resourceTypes.lambdaFunction, "slow", { ...compliantFunction({ timeout }), name: undefined, arn: undefined, invokeArn: undefined }) as pulumi.CustomResource &
            Record<"name" | "arn" | "invokeArn", pulumi.Output<string>>;
    const integration = (integrationUri: unknown) =>
        resource(resourceTypes.httpApiIntegration, "integration", { apiId: "abc123", integrationType: "AWS_PROXY", integrationUri, payloadFormatVersion: "2.0" });

    it("flags, on the function, a timeout above 29 s of a function an AWS_PROXY integration invokes, found at preview by property dependency", async () => {
        const verdicts = await verdictsOf(() => integration(slowFunction(30).invokeArn), { policy });
        assert.deepStrictEqual(verdicts, [["advisory", policy, "slow", message(30)]]);
    });

    it("finds the function by value in an update, where no dependency links them: by ARN, through an alias, by name in a permission", async () => {
        const { arn, name } = mockState(resourceTypes.lambdaFunction, "slow", {}).state;
        const cases: (() => unknown)[] = [
            () => [slowFunction(60), integration(arn)],
            () => [slowFunction(60), resource(resourceTypes.lambdaAlias, "live", { functionName: name, name: "live" }), integration(`${arn}:live`)],
            () => [slowFunction(60), permission({ function: name })],
        ];
        for (const declare of cases) {
            assert.deepStrictEqual(await verdictsOf(declare, { policy, preview: false }), [["advisory", policy, "slow", message(60)]]);
        }
    });

    it("passes 29 s, the unset default (3 s), and any timeout of a function API Gateway does not invoke", async () => {
        assert.deepStrictEqual(await verdictsOf(() => integration(slowFunction(29).invokeArn), { policy }), []);
        assert.deepStrictEqual(await verdictsOf(() => integration(slowFunction(undefined).invokeArn), { policy }), []);
        assert.deepStrictEqual(await verdictsOf(() => slowFunction(900), { policy }), []);
        assert.deepStrictEqual(await verdictsOf(() => permission({ function: slowFunction(900).name, principal: "events.amazonaws.com" }), { policy }), []);
    });

    it("uses maximumTimeout when configured, and the CLI's schema check refuses one above 30 s", async () => {
        const config = { [policy]: { maximumTimeout: 10 } };
        assert.deepStrictEqual(await verdictsOf(() => integration(slowFunction(15).invokeArn), { policy, config }), [["advisory", policy, "slow", message(15, 10)]]);
        assert.deepStrictEqual(await verdictsOf(() => integration(slowFunction(10).invokeArn), { policy, config }), []);
        await assert.rejects(verdictsOf(() => slowFunction(10), { config: { [policy]: { maximumTimeout: 31 } } }), /lambda-timeout-within-http-api-limit\.maximumTimeout is 31: must be <= 30/);
    });
});

describe("HTTP API checks at preview, on values computed from resources not yet created", function () {
    this.timeout(60_000);

    it("pass a sourceArn built from the API's executionArn and an access-log destination that is a new log group's ARN", async () => {
        const verdicts = await verdictsOf(() => {
            const api = resource("aws:apigatewayv2/api:Api", "api", { protocolType: "HTTP", executionArn: undefined }) as pulumi.CustomResource & { executionArn: pulumi.Output<string> };
            const logs = resource(resourceTypes.logGroup, "access-logs", { retentionInDays: 7, arn: undefined }) as pulumi.CustomResource & { arn: pulumi.Output<string> };
            return [
                permission({ sourceArn: pulumi.interpolate`${api.executionArn}/*/GET/events` }),
                stage({ accessLogSettings: { destinationArn: logs.arn, format: '{"requestId":"$context.requestId"}' } }),
            ];
        });
        assert.deepStrictEqual(verdicts, []);
    });
});
