import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accessLogFormat } from "./access-log-format";
import { corsSettings } from "./cors";

export interface HttpApiOptions {
    corsAllowOrigins: string[];
    throttlingBurstLimit: number;
    throttlingRateLimit: number;
    logRetentionDays: number;
}

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
