import { PolicyResource } from "@pulumi/policy";
import { StackFunctions } from "./function-references";
import { knownValue } from "./property";
import { apiGatewayPrincipal, resourceTypes } from "./resource-types";

/**
 * The Lambda functions API Gateway invokes: targets of `AWS_PROXY` integrations and of permissions
 * granted to `apigateway.amazonaws.com`, resolved as `StackFunctions` resolves references (property
 * dependencies at preview, values otherwise, aliases to their function).
 */
export function functionsBehindApiGateway(resources: PolicyResource[]): Set<PolicyResource> {
    const functions = new StackFunctions(resources);
    const behind = new Set<PolicyResource>();
    for (const resource of resources) {
        const property = invokerProperty(resource);
        if (property) {
            functions.referencedAt(resource, property).forEach((fn) => behind.add(fn));
        }
    }
    return behind;
}

/** Where an invoker of either provider names the function: an integration's URI, a permission's function. */
function invokerProperty(resource: PolicyResource): string | undefined {
    const integrations: readonly string[] = [resourceTypes.httpApiIntegration, resourceTypes.nativeHttpApiIntegration];
    if (integrations.includes(resource.type) && knownValue(resource.props, "integrationType") === "AWS_PROXY") {
        return "integrationUri";
    }
    const permissionKeys: Record<string, string> = { [resourceTypes.lambdaPermission]: "function", [resourceTypes.nativeLambdaPermission]: "functionName" };
    if (permissionKeys[resource.type] !== undefined && knownValue(resource.props, "principal") === apiGatewayPrincipal) {
        return permissionKeys[resource.type];
    }
    return undefined;
}
