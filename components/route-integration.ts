import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RouteDefinition, routeKey } from "./routes";

/**
 * The ARN API Gateway invokes a route's function with: `<executionArn>/<stage>/<METHOD><path>`, where an
 * HTTP API puts the route's path template (`/events/{id}`), not the request path. Any stage, this route only.
 */
export function routeSourceArn(executionArn: string, route: Pick<RouteDefinition, "method" | "path">): string {
    return `${executionArn}/*/${route.method}${route.path}`;
}

export interface RouteIntegration {
    integration: aws.apigatewayv2.Integration;
    route: aws.apigatewayv2.Route;
    permission: aws.lambda.Permission;
}

/** What a route invokes: its function, or an alias of it (then the permission is on that qualifier). */
export interface RouteTarget {
    /** The function's or the alias's ARN. */
    arn: pulumi.Input<string>;
    functionName: pulumi.Input<string>;
    /** The alias name, when the route invokes an alias. */
    qualifier?: pulumi.Input<string>;
}

/** Connects one route of the HTTP API to its function: proxy integration, route, invoke permission. */
export function connectRoute(
    name: string,
    route: RouteDefinition,
    api: aws.apigatewayv2.Api,
    target: RouteTarget,
    parent: pulumi.Resource,
): RouteIntegration {
    const prefix = `${name}-${route.name}`;
    const integration = new aws.apigatewayv2.Integration(
        `${prefix}-integration`,
        {
            apiId: api.id,
            integrationType: "AWS_PROXY",
            integrationUri: target.arn,
            payloadFormatVersion: "2.0",
        },
        { parent },
    );
    const apiRoute = new aws.apigatewayv2.Route(
        `${prefix}-route`,
        {
            apiId: api.id,
            routeKey: routeKey(route),
            target: pulumi.interpolate`integrations/${integration.id}`,
        },
        { parent },
    );
    const permission = new aws.lambda.Permission(
        `${prefix}-permission`,
        {
            function: target.functionName,
            qualifier: target.qualifier,
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            sourceArn: api.executionArn.apply((executionArn) => routeSourceArn(executionArn, route)),
        },
        { parent },
    );
    return { integration, route: apiRoute, permission };
}
