import * as pulumi from "@pulumi/pulumi";
import { Policies } from "@pulumi/policy";
import { evaluatePolicies, PolicyViolation } from "../evaluate";
import { resourceTypes } from "../policies/resource-types";
import { DeclaredResource } from "../validation-args";

/** Happy-path resources: each passes every policy; a test breaks one property at a time. */

export const handlerCode = 'exports.handler=async()=>({statusCode:200,body:"ok"});';

export function compliantFunction(props: Record<string, unknown> = {}, name = "api-get-event-fn"): DeclaredResource {
    return {
        type: resourceTypes.lambdaFunction,
        name,
        props: {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(handlerCode) }),
            architectures: ["arm64"],
            memorySize: 512,
            timeout: 10,
            tracingConfig: { mode: "Active" },
            loggingConfig: { logFormat: "JSON", logGroup: `${name}-logs-1a2b3c4` },
            ...props,
        },
    };
}

export function compliantPermission(props: Record<string, unknown> = {}): DeclaredResource {
    return {
        type: resourceTypes.lambdaPermission,
        name: "api-get-event-permission",
        props: {
            action: "lambda:InvokeFunction",
            function: "api-get-event-fn-1a2b3c4",
            principal: "apigateway.amazonaws.com",
            sourceArn: "arn:aws:execute-api:eu-west-1:123456789012:abc123/*/GET/events/{id}",
            ...props,
        },
    };
}

export function compliantStage(props: Record<string, unknown> = {}): DeclaredResource {
    return {
        type: resourceTypes.httpApiStage,
        name: "api-stage",
        props: {
            apiId: "abc123",
            name: "$default",
            autoDeploy: true,
            accessLogSettings: {
                destinationArn: "arn:aws:logs:eu-west-1:123456789012:log-group:api-access-logs",
                format: '{"requestId":"$context.requestId"}',
            },
            defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 },
            ...props,
        },
    };
}

export function compliantTable(props: Record<string, unknown> = {}): DeclaredResource {
    return {
        type: resourceTypes.dynamodbTable,
        name: "api-table",
        props: { billingMode: "PAY_PER_REQUEST", hashKey: "pk", pointInTimeRecovery: { enabled: true }, ...props },
    };
}

export function compliantLogGroup(props: Record<string, unknown> = {}): DeclaredResource {
    return { type: resourceTypes.logGroup, name: "api-get-event-logs", props: { retentionInDays: 14, ...props } };
}

/** A copy of `resource` without `key`, as a program that leaves the property unset declares it. */
export function without(resource: DeclaredResource, key: string): DeclaredResource {
    const props = { ...resource.props };
    delete props[key];
    return { ...resource, props };
}

/** The violations one policy reports over `resources`, with `config` as the pack config gives it. */
export async function violationsOf(
    policy: Policies[number],
    resources: DeclaredResource[],
    config?: Record<string, unknown>,
): Promise<PolicyViolation[]> {
    const evaluation = await evaluatePolicies([policy], resources, { config: config ? { [policy.name]: config } : {} });
    return evaluation.violations;
}
