import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { corsSettings } from "./cors";
import { Settings } from "./settings";

/**
 * The stage's access log line: one JSON object per request with what an operator needs to debug it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html). Every
 * value is quoted: a variable that has no value logs `-`, which would break unquoted JSON numbers.
 */
const accessLogFormat = JSON.stringify({
    requestId: "$context.requestId",
    requestTime: "$context.requestTime",
    httpMethod: "$context.httpMethod",
    path: "$context.path",
    routeKey: "$context.routeKey",
    status: "$context.status",
    protocol: "$context.protocol",
    responseLength: "$context.responseLength",
    responseLatency: "$context.responseLatency",
    integrationLatency: "$context.integrationLatency",
    integrationStatus: "$context.integrationStatus",
    integrationRequestId: "$context.integration.requestId",
    integrationErrorMessage: "$context.integrationErrorMessage",
    // API Gateway's own error for a request it answered itself (429 throttled, 404 no route, ...).
    errorMessage: "$context.error.message",
    ip: "$context.identity.sourceIp",
    userAgent: "$context.identity.userAgent",
});

export type HttpApiOptions = Pick<Settings, "corsAllowOrigins" | "throttlingBurstLimit" | "throttlingRateLimit" | "logRetentionDays">;

export interface HttpApi {
    api: aws.apigatewayv2.Api;
    stage: aws.apigatewayv2.Stage;
    accessLogs: aws.cloudwatch.LogGroup;
}

/** The HTTP API with CORS (API Gateway answers preflight itself) and its auto-deployed `$default` stage. */
export function createHttpApi(name: string, options: HttpApiOptions, parent: pulumi.Resource): HttpApi {
    const cors = corsSettings(options.corsAllowOrigins);
    const api = new aws.apigatewayv2.Api(
        `${name}-api`,
        {
            protocolType: "HTTP",
            corsConfiguration: {
                allowOrigins: cors.allowOrigins,
                allowMethods: cors.allowMethods,
                allowHeaders: cors.allowHeaders,
                exposeHeaders: cors.exposeHeaders,
                maxAge: cors.maxAge,
            },
        },
        { parent },
    );
    const accessLogs = new aws.cloudwatch.LogGroup(
        `${name}-access-logs`,
        { retentionInDays: options.logRetentionDays },
        { parent },
    );
    const stage = new aws.apigatewayv2.Stage(
        `${name}-stage`,
        {
            apiId: api.id,
            // `$default` serves the API at the root of its URL; the name is API Gateway's, not a physical name.
            name: "$default",
            autoDeploy: true,
            accessLogSettings: { destinationArn: accessLogs.arn, format: accessLogFormat },
            // Both limits must be set: once any defaultRouteSettings field is set, an unset throttling limit
            // is sent as 0, and a 0 limit answers every request with 429
            // (https://github.com/pulumi/pulumi-aws/issues/2363).
            defaultRouteSettings: {
                throttlingBurstLimit: options.throttlingBurstLimit,
                throttlingRateLimit: options.throttlingRateLimit,
            },
        },
        { parent },
    );
    return { api, stage, accessLogs };
}
