import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { lambdaHandler } from "./bundle";
import { functionCode } from "./function-code";
import { lambdaAssumeRolePolicy, routeRolePolicy } from "./iam";
import { RouteDefinition } from "./routes";
import { NodeRuntime } from "./runtime";
import { handlerEnv, tableSchema } from "./table-schema";

export interface RouteFunctionOptions {
    memorySize: number;
    timeout: number;
    runtime: NodeRuntime;
    logRetentionDays: number;
    table: aws.dynamodb.Table;
    /** Reserved concurrent executions; unset leaves the function on the account's unreserved pool. */
    reservedConcurrency?: number;
    /** Publish a version on every code or configuration change (needed for provisioned concurrency). */
    publish?: boolean;
}

/** What one route's function is made of. */
export interface RouteFunction {
    role: aws.iam.Role;
    policy: aws.iam.RolePolicy;
    logGroup: aws.cloudwatch.LogGroup;
    function: aws.lambda.Function;
}

/**
 * One route's function with everything it alone owns: its role (only the route's DynamoDB actions,
 * only its log group), its log group with retention, and the arm64 function running the route's bundle.
 */
export function createRouteFunction(
    name: string,
    route: RouteDefinition,
    options: RouteFunctionOptions,
    parent: pulumi.Resource,
): RouteFunction {
    const prefix = `${name}-${route.name}`;
    const logGroup = new aws.cloudwatch.LogGroup(
        `${prefix}-logs`,
        { retentionInDays: options.logRetentionDays },
        { parent },
    );
    const role = new aws.iam.Role(
        `${prefix}-role`,
        { assumeRolePolicy: JSON.stringify(lambdaAssumeRolePolicy) },
        { parent },
    );
    const policy = new aws.iam.RolePolicy(
        `${prefix}-policy`,
        {
            role: role.id,
            policy: pulumi
                .all([options.table.arn, logGroup.arn])
                .apply(([tableArn, logGroupArn]) => JSON.stringify(routeRolePolicy({ route, tableArn, logGroupArn }))),
        },
        { parent },
    );
    const fn = new aws.lambda.Function(
        `${prefix}-fn`,
        {
            role: role.arn,
            architectures: ["arm64"],
            runtime: options.runtime,
            handler: lambdaHandler,
            code: functionCode(route.entry, { runtime: options.runtime }, parent),
            memorySize: options.memorySize,
            timeout: options.timeout,
            reservedConcurrentExecutions: options.reservedConcurrency,
            publish: options.publish,
            tracingConfig: { mode: "Active" },
            loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
            environment: {
                variables: {
                    [handlerEnv.tableName]: options.table.name,
                    [handlerEnv.listIndexName]: tableSchema.listIndex.name,
                },
            },
        },
        // The role's policy must exist before the first invocation writes logs or reads the table.
        { parent, dependsOn: [policy] },
    );
    return { role, policy, logGroup, function: fn };
}
