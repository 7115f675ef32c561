import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RouteDefinition } from "./routes";

/** The alias API Gateway invokes when a route has provisioned concurrency. */
export const liveAliasName = "live";

export interface ProvisionedAlias {
    alias: aws.lambda.Alias;
    config: aws.lambda.ProvisionedConcurrencyConfig;
}

/**
 * Provisioned concurrency for one route: an alias on the function's latest published version (the
 * function must have `publish: true`) with warm environments on it. Lambda accepts provisioned concurrency
 * only on a version or an alias, never on `$LATEST`, so the API must invoke the alias for the warm
 * environments to serve its requests.
 */
export function createProvisionedAlias(
    name: string,
    route: RouteDefinition,
    fn: aws.lambda.Function,
    provisionedExecutions: number,
    parent: pulumi.Resource,
): ProvisionedAlias {
    const prefix = `${name}-${route.name}`;
    const alias = new aws.lambda.Alias(
        `${prefix}-alias`,
        { functionName: fn.name, functionVersion: fn.version, name: liveAliasName },
        { parent },
    );
    const config = new aws.lambda.ProvisionedConcurrencyConfig(
        `${prefix}-provisioned`,
        { functionName: fn.name, qualifier: alias.name, provisionedConcurrentExecutions: provisionedExecutions },
        { parent },
    );
    return { alias, config };
}
