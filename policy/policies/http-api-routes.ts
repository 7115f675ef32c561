import { PolicyResource } from "@pulumi/policy";
import { PackPolicy } from "./exemptions";
import { knownString, property, shown, unknown } from "./property";
import { httpApiRouteTypes, httpApiTypes } from "./resource-types";

/** Methods that change data, and `ANY`, which accepts them. */
const writeMethods = new Set(["POST", "PUT", "PATCH", "DELETE", "ANY"]);

/** Authorization types that let a request through without credentials (unset is API Gateway's `NONE`). */
function isOpen(authorizationType: unknown): boolean {
    return authorizationType === undefined || authorizationType === null || authorizationType === "NONE";
}

/**
 * The API a route belongs to, when the stack declares it: found through the engine's property
 * dependencies of `apiId` (the program passed `api.id`), which also hold while the id is unknown.
 */
function apiOf(route: PolicyResource): PolicyResource | undefined {
    return route.propertyDependencies?.apiId?.find((dependency) => httpApiTypes.includes(dependency.type));
}

/**
 * Whether a route key takes writes on an HTTP API: `METHOD /path` with a write method, or the catch-all
 * `$default` of an API the stack declares with protocol HTTP. WebSocket APIs also have `$default` (and
 * `$connect`, custom keys), and their authorization works differently, so `$default` of an API the pack
 * cannot see is left alone.
 */
function takesWrites(routeKey: string, route: PolicyResource): boolean {
    const method = /^([A-Z]+) \//.exec(routeKey)?.[1];
    if (method !== undefined) {
        return writeMethods.has(method);
    }
    return routeKey === "$default" && knownString(apiOf(route)?.props, "protocolType") === "HTTP";
}

/**
 * A stack policy, because only the route's API tells an HTTP `$default` from a WebSocket one. Values
 * unknown at preview pass: the update, where they are known, checks them.
 */
export const apigatewayv2WriteRoutesAuthorized: PackPolicy = {
    appliesToStackOf: httpApiRouteTypes,
    name: "apigatewayv2-write-routes-authorized",
    description: "HTTP API routes that write (POST, PUT, PATCH, DELETE, ANY, or an HTTP API's $default) should require authorization, or anyone who finds the URL can change data.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        for (const route of args.resources.filter((resource) => httpApiRouteTypes.includes(resource.type))) {
            const routeKey = knownString(route.props, "routeKey");
            const authorizationType = property(route.props, "authorizationType");
            if (routeKey === undefined || authorizationType === unknown || !takesWrites(routeKey, route) || !isOpen(authorizationType)) {
                continue;
            }
            reportViolation(
                `HTTP API route "${route.name}" (${routeKey}): authorizationType is ${shown(authorizationType)}, so anyone who finds ` +
                    `the URL can call it. Require a caller: add an aws.apigatewayv2.Authorizer (authorizerType "JWT", e.g. a Cognito ` +
                    `user pool as issuer) and set the route's authorizationType "JWT" and authorizerId, or use "AWS_IAM" or "CUSTOM".`,
                route.urn,
            );
        }
    },
};
