import * as assert from "assert";
import { resourceTypes } from "../policies/resource-types";
import { resource, verdictsOf } from "./harness";
import { declared, findings, nativeFn } from "./stack-fixtures";

/** serverless-rules' access log format for its pass cases, with an unquoted `$context.integration.latency`. */
const serverlessRulesFormat = `{
  "stage" : "$context.stage",
  "request_id" : "$context.requestId",
  "api_id" : "$context.apiId",
  "resource_path" : "$context.resourcePath",
  "http_method" : "$context.httpMethod",
  "source_ip" : "$context.identity.sourceIp",
  "user-agent" : "$context.identity.userAgent",
  "integration_latency": $context.integration.latency
}`;
const logs = { destinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:my-log-group", format: serverlessRulesFormat };

const stagePolicy = "apigateway-stage-logs-tracing-throttling";

/** A REST API with methods GET and POST on /my-path, a stage, and the stage's method settings. */
function restApi(stage: Record<string, unknown>, methodSettings: { methodPath: string; settings: Record<string, unknown> }[]) {
    // The mocks make up no root resource id; a real provider's state has one.
    const api = declared(resourceTypes.restApi, "api", { name: "test-api", rootResourceId: "r00t1d" }, ["rootResourceId", "arn"]);
    const path = declared(resourceTypes.restApiResource, "my-path", { restApi: api.id, parentId: api.rootResourceId, pathPart: "my-path" }, ["path"]);
    const methods = ["GET", "POST"].map((verb) => resource(resourceTypes.restApiMethod, `my-path-${verb}`, { restApi: api.id, resourceId: path.id, httpMethod: verb, authorization: "NONE" }));
    const prod = declared(resourceTypes.restApiStage, "prod", { restApi: api.id, deployment: "d1", stageName: "prod", ...stage }, ["stageName"]);
    const settings = methodSettings.map((s, i) => resource(resourceTypes.restApiMethodSettings, `settings-${i}`, { restApi: api.id, stageName: prod.stageName, ...s }));
    return [...methods, ...settings];
}

const throttleAll = { methodPath: "*/*", settings: { throttlingBurstLimit: 1000, throttlingRateLimit: 10 } };
const compliantStage = { accessLogSettings: logs, xrayTracingEnabled: true };

const logsMessage = (found: string) =>
    `REST API stage "prod": accessLogSettings.destinationArn is ${found}, so it writes no access logs, the only record of requests API Gateway rejects ` +
    "before the integration. Set accessLogSettings with destinationArn (a log group ARN) and a JSON format.";
const tracingMessage = (found: string) =>
    `REST API stage "prod": xrayTracingEnabled is ${found}, so X-Ray traces stop at the function and leave out API Gateway's own time. Set xrayTracingEnabled: true.`;
const throttleMessage = (found: string) =>
    `REST API stage "prod": ${found}, so a burst of requests can use up the account's API Gateway and Lambda concurrency (a limit of 0 rejects every ` +
    'request). To throttle every method, add an aws.apigateway.MethodSettings with methodPath "*/*" and settings.throttlingBurstLimit and throttlingRateLimit above 0.';

describe("apigateway-stage-logs-tracing-throttling, through the pack's stack analysis", function () {
    this.timeout(60_000);

    it("passes a stage with access logs, X-Ray tracing and a */* throttle (serverless-rules' ES2003 REST pass case), linked at preview and in an update", async () => {
        for (const preview of [true, false]) {
            assert.deepStrictEqual(await verdictsOf(() => restApi(compliantStage, [throttleAll]), { policy: stagePolicy, preview }), []);
        }
    });

    it("reports each missing aspect of a bare stage as its own finding, on the stage", async () => {
        assert.deepStrictEqual(findings(await verdictsOf(() => restApi({}, []), { policy: stagePolicy })), [
            ["advisory", "prod", logsMessage("unset")],
            ["advisory", "prod", throttleMessage('no method settings throttle "my-path/GET", "my-path/POST"')],
            ["advisory", "prod", tracingMessage("unset")],
        ]);
    });

    it("flags tracing set to false, a */* setting without limits (ES2003's nothrottle case) or at 0, and settings that leave a method out (its nodefault case)", async () => {
        const cases: [Record<string, unknown>, { methodPath: string; settings: Record<string, unknown> }[], string[]][] = [
            [{ ...compliantStage, xrayTracingEnabled: false }, [throttleAll], [tracingMessage("false")]],
            [compliantStage, [{ methodPath: "*/*", settings: { metricsEnabled: true } }], [throttleMessage('its "*/*" method settings have throttlingBurstLimit unset and throttlingRateLimit unset')]],
            [compliantStage, [{ methodPath: "*/*", settings: { throttlingBurstLimit: 0, throttlingRateLimit: 10 } }], [throttleMessage('its "*/*" method settings have throttlingBurstLimit 0 and throttlingRateLimit 10')]],
            [compliantStage, [{ methodPath: "my-path/GET", settings: { throttlingBurstLimit: 1000, throttlingRateLimit: 10 } }], [throttleMessage('no method settings throttle "my-path/POST"')]],
        ];
        for (const [stage, settings, expected] of cases) {
            assert.deepStrictEqual(findings(await verdictsOf(() => restApi(stage, settings), { policy: stagePolicy })).map(([, , message]) => message), expected);
        }
    });

    it("passes method settings that throttle every method the stack declares, one by one", async () => {
        const each = ["GET", "POST"].map((verb) => ({ methodPath: `my-path/${verb}`, settings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 } }));
        for (const preview of [true, false]) {
            assert.deepStrictEqual(await verdictsOf(() => restApi(compliantStage, each), { policy: stagePolicy, preview }), []);
        }
    });

    it("reads aws-native stages, whose access logs, tracing and method settings are the stage's own", async () => {
        const native = (name: string, props: Record<string, unknown>) => resource(resourceTypes.nativeRestApiStage, name, { restApiId: "abc123", deploymentId: "d1", stageName: name, ...props });
        const verdicts = await verdictsOf(
            () => [
                native("ok", { accessLogSetting: logs, tracingEnabled: true, methodSettings: [{ resourcePath: "/*", httpMethod: "*", throttlingBurstLimit: 100, throttlingRateLimit: 50 }] }),
                native("bare", {}),
            ],
            { policy: stagePolicy },
        );
        assert.deepStrictEqual(
            findings(verdicts).map(([, name, message]) => [name, message.split(", so")[0]]),
            [
                ["bare", 'REST API stage "bare": accessLogSetting.destinationArn is unset'],
                ["bare", 'REST API stage "bare": no method settings throttle its methods'],
                ["bare", 'REST API stage "bare": tracingEnabled is unset'],
            ],
        );
    });

    it("passes an access log destination that is a log group not yet created", async () => {
        const verdicts = await verdictsOf(
            () => {
                const group = declared(resourceTypes.logGroup, "access-logs", { retentionInDays: 30 });
                return restApi({ ...compliantStage, accessLogSettings: { destinationArn: group.arn, format: serverlessRulesFormat } }, [throttleAll]);
            },
            { policy: stagePolicy },
        );
        assert.deepStrictEqual(verdicts, []);
    });
});

const jsonPolicy = "api-access-logs-json";
const jsonFix =
    'Write it as one JSON object, e.g. {"requestId":"$context.requestId","status":"$context.status","latency":"$context.responseLatency"}: Logs Insights discovers JSON fields by itself.';

describe("api-access-logs-json, through the pack's analyzer", function () {
    this.timeout(60_000);

    it("passes JSON formats on REST and HTTP stages of both providers, an unquoted $context.integration.latency included (serverless-rules' WS2001 pass cases)", async () => {
        const verdicts = await verdictsOf(
            () => [
                resource(resourceTypes.restApiStage, "rest", { restApi: "abc123", deployment: "d1", stageName: "prod", accessLogSettings: logs }),
                resource(resourceTypes.nativeRestApiStage, "native-rest", { restApiId: "abc123", stageName: "prod", accessLogSetting: logs }),
                resource(resourceTypes.httpApiStage, "http", { apiId: "abc123", name: "$default", accessLogSettings: logs }),
                resource(resourceTypes.nativeHttpApiStage, "native-http", { apiId: "abc123", stageName: "$default", accessLogSettings: logs }),
                resource(resourceTypes.httpApiStage, "unset", { apiId: "abc123", name: "dev" }),
            ],
            { policy: jsonPolicy },
        );
        assert.deepStrictEqual(verdicts, []);
    });

    it("flags a key=value format (WS2001's nojson cases) and a lone JSON string, on each stage type", async () => {
        const plain = { destinationArn: logs.destinationArn, format: "requestId=$context.requestId" };
        const verdicts = await verdictsOf(
            () => [
                resource(resourceTypes.restApiStage, "a-rest", { restApi: "abc123", deployment: "d1", stageName: "prod", accessLogSettings: plain }),
                resource(resourceTypes.nativeRestApiStage, "b-native-rest", { restApiId: "abc123", stageName: "prod", accessLogSetting: plain }),
                resource(resourceTypes.httpApiStage, "c-http", { apiId: "abc123", name: "$default", accessLogSettings: plain }),
                resource(resourceTypes.nativeHttpApiStage, "d-native-http", { apiId: "abc123", stageName: "$default", accessLogSettings: { ...plain, format: '"$context.requestId"' } }),
            ],
            { policy: jsonPolicy },
        );
        const notJson = (kind: string, name: string) => `${kind} "${name}": the access log format "requestId=$context.requestId" is not JSON (with each $context variable read as a value). ${jsonFix}`;
        assert.deepStrictEqual(findings(verdicts), [
            ["advisory", "a-rest", notJson("REST API stage", "a-rest")],
            ["advisory", "b-native-rest", notJson("REST API stage", "b-native-rest")],
            ["advisory", "c-http", notJson("HTTP API stage", "c-http")],
            ["advisory", "d-native-http", `HTTP API stage "d-native-http": the access log format "\\"$context.requestId\\"" is JSON but not an object of fields (with each $context variable read as a value). ${jsonFix}`],
        ]);
    });
});

describe("the HTTP API policies on aws-native resources, through the pack", function () {
    this.timeout(60_000);

    it("flag missing access logs, unset default throttling and a route throttled to 0 in aws-native's routeSettings map", async () => {
        const verdicts = await verdictsOf(() =>
            resource(resourceTypes.nativeHttpApiStage, "native-http", { apiId: "abc123", stageName: "$default", routeSettings: { "POST /events": { throttlingBurstLimit: 0, throttlingRateLimit: 10 } } }),
        );
        assert.deepStrictEqual(
            verdicts.map(([level, policy, name, message]) => [level, policy, name, message.split(". Set")[0]]),
            [
                ["advisory", "apigatewayv2-stage-access-logs", "native-http", 'HTTP API stage "native-http": accessLogSettings is unset (missing destinationArn and format)'],
                ["advisory", "apigatewayv2-stage-throttling", "native-http", 'HTTP API stage "native-http": defaultRouteSettings has throttlingBurstLimit unset, throttlingRateLimit unset'],
                ["advisory", "apigatewayv2-stage-throttling", "native-http", 'HTTP API stage "native-http": routeSettings for "POST /events" sets throttlingBurstLimit to 0, which answers every request to that route with 429'],
            ],
        );
    });

    it("flag an aws-native API Gateway permission without sourceArn, and the timeout of a function an aws-native AWS_PROXY integration invokes", async () => {
        const verdicts = await verdictsOf(() => {
            const slow = nativeFn("slow", { timeout: 60 });
            return [
                resource(resourceTypes.nativeLambdaPermission, "native-permission", { functionName: slow.arn, action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com" }),
                resource(resourceTypes.nativeHttpApiIntegration, "native-integration", { apiId: "abc123", integrationType: "AWS_PROXY", integrationUri: slow.arn, payloadFormatVersion: "2.0" }),
            ];
        });
        assert.deepStrictEqual(
            verdicts.map(([level, policy, name, message]) => [level, policy, name, message.split(", so")[0].split(". Set")[0]]),
            [
                ["advisory", "apigateway-permission-source-arn", "native-permission", 'Lambda permission "native-permission": sourceArn is unset'],
                ["advisory", "lambda-timeout-within-http-api-limit", "slow", 'Lambda function "slow" is invoked by API Gateway and has timeout 60 s'],
            ],
        );
    });
});
