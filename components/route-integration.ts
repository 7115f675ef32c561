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

/** Connects one route of the HTTP API to its function: proxy integration, route, invoke permission. */
export function connectRoute(
    name: string,
    route: RouteDefinition,
    api: aws.apigatewayv2.Api,
    fn: aws.lambda.Function,
    parent: pulumi.Resource,
): RouteIntegration {
    const prefix = `${name}-${route.name}`;
    const integration = new aws.apigatewayv2.Integration(
        `${prefix}-integration`,
        {
            apiId: api.id,
            integrationType: "AWS_PROXY",
            integrationUri: fn.arn,
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
            function: fn.name,
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            sourceArn: api.executionArn.apply((executionArn) => routeSourceArn(executionArn, route)),
        },
        { parent },
    );
    return { integration, route: apiRoute, permission };
}
