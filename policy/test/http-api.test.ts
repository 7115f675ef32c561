import * as assert from "assert";
import {
    apigatewayPermissionSourceArn,
    apigatewayv2StageAccessLogs,
    apigatewayv2StageThrottling,
    lambdaTimeoutWithinHttpApiLimit,
} from "../policies/http-api";
import { resourceTypes } from "../policies/resource-types";
import { DeclaredResource } from "../validation-args";
import { compliantFunction, compliantLogGroup, compliantPermission, compliantStage, violationsOf, without } from "./fixtures";

describe("apigateway-permission-source-arn", () => {
    it("passes a permission scoped to a route", async () => {
        assert.deepStrictEqual(await violationsOf(apigatewayPermissionSourceArn, [compliantPermission()]), []);
    });

    it("flags a missing, empty or wildcard sourceArn as advisory, naming the permission and the fix", async () => {
        const violations = await violationsOf(apigatewayPermissionSourceArn, [
            without(compliantPermission(), "sourceArn"),
            compliantPermission({ sourceArn: "" }),
            compliantPermission({ sourceArn: "*" }),
        ]);
        assert.deepStrictEqual(
            violations.map((v) => [v.enforcementLevel, v.message.split(", so")[0]]),
            [
                ["advisory", 'Lambda permission "api-get-event-permission": sourceArn is unset'],
                ["advisory", 'Lambda permission "api-get-event-permission": sourceArn is ""'],
                ["advisory", 'Lambda permission "api-get-event-permission": sourceArn is "*"'],
            ],
        );
        assert.match(violations[0].message, /Set sourceArn to the API's execution ARN and route/);
    });

    it("leaves permissions for other principals, and other types, alone", async () => {
        const s3 = without(compliantPermission({ principal: "s3.amazonaws.com" }), "sourceArn");
        assert.deepStrictEqual(await violationsOf(apigatewayPermissionSourceArn, [s3, compliantLogGroup()]), []);
    });
});

describe("apigatewayv2-stage-access-logs", () => {
    it("passes a stage with a destination and a format", async () => {
        assert.deepStrictEqual(await violationsOf(apigatewayv2StageAccessLogs, [compliantStage()]), []);
    });

    it("flags a missing destination, a missing format, and unset access logs", async () => {
        const violations = await violationsOf(apigatewayv2StageAccessLogs, [
            compliantStage({ accessLogSettings: { format: "$context.requestId" } }),
            compliantStage({ accessLogSettings: { destinationArn: "arn:aws:logs:x" } }),
            without(compliantStage(), "accessLogSettings"),
        ]);
        assert.deepStrictEqual(
            violations.map((v) => v.message.split(". Set")[0]),
            [
                'HTTP API stage "api-stage": accessLogSettings is {"format":"$context.requestId"} (missing destinationArn)',
                'HTTP API stage "api-stage": accessLogSettings is {"destinationArn":"arn:aws:logs:x"} (missing format)',
                'HTTP API stage "api-stage": accessLogSettings is unset (missing destinationArn and format)',
            ],
        );
    });

    it("ignores other resource types", async () => {
        assert.deepStrictEqual(await violationsOf(apigatewayv2StageAccessLogs, [compliantLogGroup()]), []);
    });
});

describe("apigatewayv2-stage-throttling", () => {
    it("passes non-zero burst and rate limits", async () => {
        assert.deepStrictEqual(await violationsOf(apigatewayv2StageThrottling, [compliantStage()]), []);
    });

    it("flags a zero burst limit, a zero rate limit, unset limits and unset defaultRouteSettings", async () => {
        const violations = await violationsOf(apigatewayv2StageThrottling, [
            compliantStage({ defaultRouteSettings: { throttlingBurstLimit: 0, throttlingRateLimit: 50 } }),
            compliantStage({ defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 0 } }),
            compliantStage({ defaultRouteSettings: { detailedMetricsEnabled: true } }),
            without(compliantStage(), "defaultRouteSettings"),
        ]);
        assert.deepStrictEqual(
            violations.map((v) => v.message.split(". Set")[0]),
            [
                'HTTP API stage "api-stage": defaultRouteSettings has throttlingBurstLimit 0',
                'HTTP API stage "api-stage": defaultRouteSettings has throttlingRateLimit 0',
                'HTTP API stage "api-stage": defaultRouteSettings has throttlingBurstLimit unset, throttlingRateLimit unset',
                'HTTP API stage "api-stage": defaultRouteSettings has throttlingBurstLimit unset, throttlingRateLimit unset',
            ],
        );
    });

    it("flags a route setting that throttles a route to 0", async () => {
        const stage = compliantStage({ routeSettings: [{ routeKey: "GET /events", throttlingBurstLimit: 0, throttlingRateLimit: 10 }] });
        const [violation, ...rest] = await violationsOf(apigatewayv2StageThrottling, [stage]);
        assert.deepStrictEqual(rest, []);
        assert.match(violation.message, /routeSettings for "GET \/events" sets throttlingBurstLimit to 0/);
    });

    it("ignores other resource types", async () => {
        assert.deepStrictEqual(await violationsOf(apigatewayv2StageThrottling, [compliantLogGroup()]), []);
    });
});

describe("lambda-timeout-within-http-api-limit", () => {
    const arn = "arn:aws:lambda:eu-west-1:123456789012:function:slow-1a2b3c4";
    const slow = (timeout: number | undefined): DeclaredResource => {
        const fn = compliantFunction({ timeout }, "slow");
        return { ...fn, props: timeout === undefined ? without(fn, "timeout").props : fn.props, outputs: { ...fn.props, name: "slow-1a2b3c4", arn } };
    };
    const integration = (integrationUri: unknown, propertyDependencies?: Record<string, string[]>): DeclaredResource => ({
        type: resourceTypes.httpApiIntegration,
        name: "slow-integration",
        props: { apiId: "abc123", integrationType: "AWS_PROXY", integrationUri, payloadFormatVersion: "2.0" },
        propertyDependencies,
    });
    const urnOfSlow = "urn:pulumi:stack::project::aws:lambda/function:Function::slow";

    it("flags a function behind an AWS_PROXY integration (found by ARN) whose timeout exceeds 29 s, on the function", async () => {
        const violations = await violationsOf(lambdaTimeoutWithinHttpApiLimit, [slow(30), integration(arn)]);
        assert.deepStrictEqual(
            violations.map((v) => [v.enforcementLevel, v.urn, v.message.split(". ")[0]]),
            [["advisory", urnOfSlow, 'Lambda function "slow" is invoked by API Gateway and has timeout 30 s']],
        );
        assert.match(violations[0].message, /Set timeout to 29 s or less/);
    });

    it("finds the function through an apigateway permission (by name), an alias, or the engine's property dependencies", async () => {
        const permission = compliantPermission({ function: "slow-1a2b3c4" });
        const alias: DeclaredResource = {
            type: resourceTypes.lambdaAlias,
            name: "slow-live",
            props: { functionName: arn, name: "live" },
            outputs: { functionName: arn, arn: `${arn}:live` },
        };
        const unknownUri = integration(undefined, { integrationUri: [urnOfSlow] });
        for (const resources of [[slow(60), permission], [slow(60), alias, integration(`${arn}:live`)], [slow(60), unknownUri]]) {
            const violations = await violationsOf(lambdaTimeoutWithinHttpApiLimit, resources);
            assert.deepStrictEqual(violations.map((v) => v.urn), [urnOfSlow], JSON.stringify(resources.map((r) => r.type)));
        }
    });

    it("passes 29 s, the unset default (3 s), and any timeout of a function API Gateway does not invoke", async () => {
        assert.deepStrictEqual(await violationsOf(lambdaTimeoutWithinHttpApiLimit, [slow(29), integration(arn)]), []);
        assert.deepStrictEqual(await violationsOf(lambdaTimeoutWithinHttpApiLimit, [slow(undefined), integration(arn)]), []);
        assert.deepStrictEqual(await violationsOf(lambdaTimeoutWithinHttpApiLimit, [slow(900), compliantLogGroup()]), []);
        const otherPrincipal = compliantPermission({ function: "slow-1a2b3c4", principal: "events.amazonaws.com" });
        assert.deepStrictEqual(await violationsOf(lambdaTimeoutWithinHttpApiLimit, [slow(900), otherPrincipal]), []);
    });

    it("uses maximumTimeout when configured, and refuses one above the 30 s integration timeout", async () => {
        const config = { maximumTimeout: 10 };
        assert.strictEqual((await violationsOf(lambdaTimeoutWithinHttpApiLimit, [slow(15), integration(arn)], config)).length, 1);
        assert.deepStrictEqual(await violationsOf(lambdaTimeoutWithinHttpApiLimit, [slow(10), integration(arn)], config), []);
        await assert.rejects(
            violationsOf(lambdaTimeoutWithinHttpApiLimit, [slow(10)], { maximumTimeout: 31 }),
            /maximumTimeout is 31; expected integer from 1 to 30/,
        );
    });
});
