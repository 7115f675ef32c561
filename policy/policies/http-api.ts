import { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { PackPolicy } from "./exemptions";
import { appliesTo } from "./applies-to";
import { functionsBehindApiGateway } from "./http-api-functions";
import { lambdaDefaultTimeoutSeconds } from "./lambda-timeout";
import { knownValue, property, shown, unknown } from "./property";
import { apiGatewayPrincipal, httpApiStageTypes, lambdaFunctionTypes, resourceTypes } from "./resource-types";

// HTTP API's integration timeout ceiling (30 s): https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
const httpApiIntegrationTimeoutSeconds = 30;
const defaultMaximumTimeoutSeconds = httpApiIntegrationTimeoutSeconds - 1;

const timeoutConfigSchema: PolicyConfigSchema = {
    properties: {
        maximumTimeout: {
            type: "integer",
            description: "Longest timeout (seconds) for a function API Gateway invokes; keep it under the 30 s integration timeout.",
            minimum: 1,
            maximum: httpApiIntegrationTimeoutSeconds,
            default: defaultMaximumTimeoutSeconds,
        },
    },
};

/**
 * A stack policy: only the whole stack tells which functions sit behind API Gateway (an `AWS_PROXY`
 * integration or an `apigateway.amazonaws.com` permission points at them). Functions nothing invokes
 * through API Gateway are left alone.
 */
export const lambdaTimeoutWithinHttpApiLimit: PackPolicy = {
    appliesToStackOf: lambdaFunctionTypes,
    name: "lambda-timeout-within-http-api-limit",
    description: "Lambda functions behind API Gateway should time out before its 30 s integration timeout, or clients get a 503 while the function runs on.",
    enforcementLevel: "advisory",
    configSchema: timeoutConfigSchema,
    validateStack: (args, reportViolation) => {
        // The CLI fills in the schema's default before configuring the pack; the fallback covers a caller that does not.
        const maximumTimeout = args.getConfig<{ maximumTimeout?: number }>().maximumTimeout ?? defaultMaximumTimeoutSeconds;
        for (const fn of functionsBehindApiGateway(args.resources)) {
            const timeout = knownValue(fn.props, "timeout") ?? lambdaDefaultTimeoutSeconds;
            if (typeof timeout === "number" && timeout > maximumTimeout) {
                reportViolation(
                    `Lambda function "${fn.name}" is invoked by API Gateway and has timeout ${timeout} s. ` +
                        `Set timeout to ${maximumTimeout} s or less: API Gateway stops waiting after ${httpApiIntegrationTimeoutSeconds} s.`,
                    fn.urn,
                );
            }
        }
    },
};

// These checks ask whether a value is set. One unknown at preview is set, to a value computed from
// another resource's output (`${api.executionArn}/*/GET/events`, a log group's ARN): it passes, and
// the update, where the value is known, checks it.

export const apigatewayPermissionSourceArn: ResourceValidationPolicy = {
    name: "apigateway-permission-source-arn",
    description: "Lambda permissions for API Gateway should be scoped with sourceArn, so only the intended API and route can invoke the function.",
    enforcementLevel: "advisory",
    validateResource: appliesTo([resourceTypes.lambdaPermission, resourceTypes.nativeLambdaPermission], (args, reportViolation) => {
        if (args.props.principal !== apiGatewayPrincipal) {
            return;
        }
        const sourceArn = property(args.props, "sourceArn");
        if (sourceArn !== unknown && (typeof sourceArn !== "string" || sourceArn === "" || sourceArn === "*")) {
            reportViolation(
                `Lambda permission "${args.name}": sourceArn is ${shown(sourceArn)}, so any API Gateway API in any account can invoke ` +
                    `the function. Set sourceArn to the API's execution ARN and route, e.g. \${api.executionArn}/*/GET/events.`,
            );
        }
    }),
};

export const apigatewayv2StageAccessLogs: ResourceValidationPolicy = {
    name: "apigatewayv2-stage-access-logs",
    description: "HTTP API stages should write access logs (a destination and a format), the only record of requests API Gateway rejects.",
    enforcementLevel: "advisory",
    validateResource: appliesTo(httpApiStageTypes, (args, reportViolation) => {
        const settings = property(args.props, "accessLogSettings");
        const missing = (["destinationArn", "format"] as const).filter((key) => {
            const value = property(settings, key);
            return settings !== unknown && value !== unknown && (typeof value !== "string" || value === "");
        });
        if (missing.length > 0) {
            reportViolation(
                `HTTP API stage "${args.name}": accessLogSettings is ${shown(settings)} (missing ${missing.join(" and ")}). ` +
                    `Set accessLogSettings with destinationArn (a log group ARN) and a JSON format.`,
            );
        }
    }),
};

const limitKeys = ["throttlingBurstLimit", "throttlingRateLimit"] as const;

function zeroOrUnsetLimits(settings: unknown): (typeof limitKeys)[number][] {
    return limitKeys.filter((key) => {
        const value = property(settings, key);
        return settings !== unknown && value !== unknown && (typeof value !== "number" || value <= 0);
    });
}

/** Route settings as `[routeKey, settings]`: aws lists them with a `routeKey`, aws-native maps route keys to them. */
function routeSettings(value: unknown): [unknown, unknown][] {
    if (Array.isArray(value)) {
        return value.map((route) => [property(route, "routeKey"), route]);
    }
    return value !== null && typeof value === "object" ? Object.keys(value).map((key) => [key, property(value, key)]) : [];
}

export const apigatewayv2StageThrottling: ResourceValidationPolicy = {
    name: "apigatewayv2-stage-throttling",
    description: "HTTP API stages should set non-zero burst and rate limits: a limit sent as 0 answers every request with 429.",
    enforcementLevel: "advisory",
    validateResource: appliesTo(httpApiStageTypes, (args, reportViolation) => {
        const defaults = property(args.props, "defaultRouteSettings");
        const missing = zeroOrUnsetLimits(defaults);
        if (missing.length > 0) {
            const found = missing.map((key) => `${key} ${shown(property(defaults, key))}`).join(", ");
            reportViolation(
                `HTTP API stage "${args.name}": defaultRouteSettings has ${found}. Set both throttlingBurstLimit and ` +
                    `throttlingRateLimit above 0 (once any defaultRouteSettings field is set, an unset limit is sent as 0, ` +
                    `https://github.com/pulumi/pulumi-aws/issues/2363).`,
            );
        }
        for (const [routeKey, route] of routeSettings(property(args.props, "routeSettings"))) {
            const zero = limitKeys.filter((key) => property(route, key) === 0);
            if (zero.length > 0) {
                reportViolation(
                    `HTTP API stage "${args.name}": routeSettings for ${shown(routeKey)} sets ${zero.join(" and ")} to 0, ` +
                        `which answers every request to that route with 429. Set them above 0.`,
                );
            }
        }
    }),
};
