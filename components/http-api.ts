import * as aws from "@pulumi/aws";
import { corsSettings } from "./cors";
import { ChildNaming } from "./naming";
import { RouteThrottleSettings, routeThrottle } from "./route-throttling";
import { RouteDefinition, routeKey } from "./routes";
import { Settings } from "./settings";

/** A route of the table and the API Gateway route made for it. */
export interface ApiRoute {
    route: RouteDefinition;
    apiRoute: aws.apigatewayv2.Route;
}

/**
 * The stage's access log line: one JSON object per request
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html).
 *
 * API Gateway inserts each `$context` value verbatim, without JSON escaping, so a value a client can put a
 * `"`, `\` or control character into would break the line and Logs Insights would drop all its fields.
 * Only values API Gateway itself makes are logged: ids, times, numbers, the matched route key (from this
 * stack's routes, or `-`), the protocol and the TCP peer's IP. Left out on purpose: the path and
 * `identity.userAgent` (client text), `error.message` and `integrationErrorMessage` (can quote the request
 * or a function's error), `httpMethod` (routeKey has it for every routed request) and `authorizer.error`.
 * The function's own JSON log record, found by `integrationRequestId` (its Lambda request id), carries
 * whatever else a request needs, safely escaped. Every value is quoted: a variable without a value
 * logs `-`, which would break an unquoted JSON number.
 */
const accessLogFormat = JSON.stringify({
    requestId: "$context.requestId",
    requestTime: "$context.requestTime",
    requestTimeEpoch: "$context.requestTimeEpoch",
    routeKey: "$context.routeKey",
    status: "$context.status",
    protocol: "$context.protocol",
    responseLength: "$context.responseLength",
    responseLatency: "$context.responseLatency",
    integrationLatency: "$context.integrationLatency",
    integrationStatus: "$context.integrationStatus",
    integrationRequestId: "$context.integration.requestId",
    ip: "$context.identity.sourceIp",
});

export type HttpApiOptions = Pick<Settings, "corsAllowOrigins" | "logRetentionDays"> & {
    /** Turn the default `execute-api` endpoint off, so clients can only reach the API through its custom domain. */
    disableExecuteApiEndpoint: boolean;
};

/**
 * The access-log group's name. API Gateway adds every access-log group it delivers to to the account's
 * CloudWatch Logs resource policy, which has a size limit; groups under `/aws/vendedlogs/` are covered
 * by one entry instead, so repeated create/destroy cycles cannot fill it up and fail with "Insufficient
 * permissions to enable logging" (https://github.com/sst/sst/issues/125,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html).
 */
export function accessLogGroupName(prefix: string): string {
    return `/aws/vendedlogs/${prefix}-access-logs`;
}

export interface HttpApi {
    api: aws.apigatewayv2.Api;
    accessLogs: aws.cloudwatch.LogGroup;
}

/** The HTTP API with CORS (API Gateway answers preflight itself) and the log group of its stage's access logs. */
export function createHttpApi(naming: ChildNaming, options: HttpApiOptions): HttpApi {
    const cors = corsSettings(options.corsAllowOrigins);
    const api = new aws.apigatewayv2.Api(
        naming.name("api"),
        {
            protocolType: "HTTP",
            disableExecuteApiEndpoint: options.disableExecuteApiEndpoint,
            corsConfiguration: {
                allowOrigins: cors.allowOrigins,
                allowMethods: cors.allowMethods,
                allowHeaders: cors.allowHeaders,
                exposeHeaders: cors.exposeHeaders,
                maxAge: cors.maxAge,
            },
        },
        naming.opts("api"),
    );
    const accessLogs = new aws.cloudwatch.LogGroup(
        naming.name("access-logs"),
        { name: accessLogGroupName(naming.prefix), retentionInDays: options.logRetentionDays },
        naming.opts("access-logs"),
    );
    return { api, accessLogs };
}

/**
 * The auto-deployed `$default` stage, with each route's throttle (components/route-throttling.ts) as its
 * route settings. Created after the routes and depending on them: API Gateway refuses route settings for a
 * route key the API does not have yet.
 */
export function createStage(naming: ChildNaming, { api, accessLogs }: HttpApi, apiRoutes: readonly ApiRoute[], options: RouteThrottleSettings): aws.apigatewayv2.Stage {
    return new aws.apigatewayv2.Stage(
        naming.name("stage"),
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
            routeSettings: apiRoutes.map(({ route }) => {
                const { burstLimit, rateLimit } = routeThrottle(route, options);
                return { routeKey: routeKey(route), throttlingBurstLimit: burstLimit, throttlingRateLimit: rateLimit };
            }),
        },
        naming.opts("stage", { dependsOn: apiRoutes.map(({ apiRoute }) => apiRoute) }),
    );
}
