import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bundleFileName, cachedBundle, lambdaHandler } from "./bundle";
import { lambdaAssumeRolePolicy, routeRolePolicy, routeSourceArn } from "./iam";
import { ChildNaming, stackTagKey } from "./naming";
import { routeAuthorization } from "./route-authorization";
import { RouteDefinition, routeKey } from "./routes";
import { functionLogFormat, NodeRuntime } from "./runtime";
import { Settings } from "./settings";
import { handlerEnv, tableSchema } from "./table-schema";

/** The alias API Gateway invokes when a route has provisioned concurrency. */
export const liveAliasName = "live";

export interface RouteResourcesArgs {
    settings: Pick<
        Settings,
        | "memorySize"
        | "timeout"
        | "runtime"
        | "logRetentionDays"
        | "reservedConcurrency"
        | "provisionedConcurrency"
        | "listShards"
        | "jwtIssuer"
        | "jwtAudiences"
        | "writeScopes"
        | "authorizeReads"
        | "adminScopes"
    >;
    table: aws.dynamodb.Table;
    api: aws.apigatewayv2.Api;
    /** The permissions boundary of the function's role, resolved (components/permissions-boundary.ts). */
    permissionsBoundaryArn: pulumi.Input<string>;
    /** The API's JWT authorizer, when the settings configure one. */
    authorizer?: aws.apigatewayv2.Authorizer;
}

/** Everything one route is made of. */
export interface RouteResources {
    logGroup: aws.cloudwatch.LogGroup;
    role: aws.iam.Role;
    policy: aws.iam.RolePolicy;
    function: aws.lambda.Function;
    /** Only with provisioned concurrency: the `live` alias the API invokes, and its warm environments. */
    alias?: aws.lambda.Alias;
    provisionedConcurrency?: aws.lambda.ProvisionedConcurrencyConfig;
    integration: aws.apigatewayv2.Integration;
    apiRoute: aws.apigatewayv2.Route;
    permission: aws.lambda.Permission;
}

/**
 * One route of the HTTP API with everything it alone owns: its log group with retention; its role (only
 * the route's DynamoDB actions, only its log group); the arm64 function running the route's bundle; with
 * provisioned concurrency, a `live` alias with the warm environments; and the proxy integration, the route
 * and the invoke permission that connect the API to the function (or to the alias).
 */
export function createRouteResources(naming: ChildNaming, route: RouteDefinition, args: RouteResourcesArgs, parent: pulumi.Resource): RouteResources {
    const { settings, table, api, authorizer } = args;
    // Each child's role in the component's names: `<route>-fn`, `<route>-role`, ...
    const of = (part: string) => `${route.name}-${part}`;
    // 0 provisioned executions is no provisioned concurrency: no version, alias or config.
    const provisioned = settings.provisionedConcurrency?.[route.name] || undefined;

    const logGroup = new aws.cloudwatch.LogGroup(naming.name(of("logs")), { retentionInDays: settings.logRetentionDays }, naming.opts(of("logs")));
    const role = new aws.iam.Role(
        naming.name(of("role")),
        { assumeRolePolicy: JSON.stringify(lambdaAssumeRolePolicy), permissionsBoundary: args.permissionsBoundaryArn },
        naming.opts(of("role")),
    );
    const policy = new aws.iam.RolePolicy(
        naming.name(of("policy")),
        {
            role: role.id,
            policy: pulumi
                .all([table.arn, logGroup.arn])
                .apply(([tableArn, logGroupArn]) => JSON.stringify(routeRolePolicy({ route, tableArn, logGroupArn }))),
        },
        naming.opts(of("policy")),
    );
    const fn = new aws.lambda.Function(
        naming.name(of("fn")),
        {
            role: role.arn,
            architectures: ["arm64"],
            runtime: settings.runtime,
            handler: lambdaHandler,
            code: functionCode(route.entry, settings.runtime, parent),
            memorySize: settings.memorySize[route.name],
            timeout: settings.timeout,
            reservedConcurrentExecutions: settings.reservedConcurrency?.[route.name],
            // Provisioned concurrency runs on a published version, never on $LATEST.
            publish: provisioned !== undefined,
            tracingConfig: { mode: "Active" },
            loggingConfig: { logFormat: functionLogFormat, logGroup: logGroup.name },
            environment: {
                variables: {
                    [handlerEnv.tableName]: table.name,
                    [handlerEnv.listIndexName]: tableSchema.listIndex.name,
                    [handlerEnv.listShards]: String(settings.listShards),
                    ...(route.ownerOnly && { [handlerEnv.adminScopes]: settings.adminScopes.join(" ") }),
                },
            },
            // How the concurrency check finds what this stack's functions already reserve (deployment-checks.ts).
            tags: { [stackTagKey]: naming.prefix },
        },
        // The role's policy must exist before the first invocation writes logs or reads the table.
        naming.opts(of("fn"), { dependsOn: [policy] }),
    );

    // Lambda accepts provisioned concurrency only on a version or an alias, so the API must invoke the
    // alias for the warm environments to serve its requests.
    let alias: aws.lambda.Alias | undefined;
    let provisionedConcurrency: aws.lambda.ProvisionedConcurrencyConfig | undefined;
    if (provisioned !== undefined) {
        alias = new aws.lambda.Alias(
            naming.name(of("alias")),
            { functionName: fn.name, functionVersion: fn.version, name: liveAliasName },
            naming.opts(of("alias")),
        );
        provisionedConcurrency = new aws.lambda.ProvisionedConcurrencyConfig(
            naming.name(of("provisioned")),
            { functionName: fn.name, qualifier: alias.name, provisionedConcurrentExecutions: provisioned },
            naming.opts(of("provisioned")),
        );
    }

    const integration = new aws.apigatewayv2.Integration(
        naming.name(of("integration")),
        { apiId: api.id, integrationType: "AWS_PROXY", integrationUri: alias?.arn ?? fn.arn, payloadFormatVersion: "2.0" },
        naming.opts(of("integration")),
    );
    const authorization = routeAuthorization(route, settings);
    if (authorization.type === "JWT" && !authorizer) {
        throw new pulumi.ResourceError(`route ${routeKey(route)} needs the API's JWT authorizer, and none was given`, parent);
    }
    const apiRoute = new aws.apigatewayv2.Route(
        naming.name(of("route")),
        {
            apiId: api.id,
            routeKey: routeKey(route),
            target: pulumi.interpolate`integrations/${integration.id}`,
            // NONE is API Gateway's default too; stating it lets a policy tell an open route from an unknown one.
            authorizationType: authorization.type,
            authorizerId: authorization.type === "JWT" ? authorizer?.id : undefined,
            authorizationScopes: authorization.type === "JWT" ? authorization.scopes : undefined,
        },
        naming.opts(of("route")),
    );
    const permission = new aws.lambda.Permission(
        naming.name(of("permission")),
        {
            function: fn.name,
            qualifier: alias?.name,
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            sourceArn: api.executionArn.apply((executionArn) => routeSourceArn(executionArn, route)),
        },
        naming.opts(of("permission")),
    );
    return { logGroup, role, policy, function: fn, alias, provisionedConcurrency, integration, apiRoute, permission };
}

/**
 * The function's `code`: the route's bundle as the one `index.mjs` of an archive, built by the program
 * itself (no build step before `pulumi up`). A build error becomes a ResourceError on the component, which
 * the Pulumi CLI prints as its message alone (file:line of the error, no stack).
 */
async function functionCode(entry: string, runtime: NodeRuntime, parent: pulumi.Resource): Promise<pulumi.asset.AssetArchive> {
    try {
        const { code } = await cachedBundle(entry, { runtime });
        return new pulumi.asset.AssetArchive({ [bundleFileName]: new pulumi.asset.StringAsset(code) });
    } catch (error) {
        throw new pulumi.ResourceError((error as Error).message, parent, true);
    }
}
