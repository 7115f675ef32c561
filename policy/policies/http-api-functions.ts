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

function invokerProperty(resource: PolicyResource): string | undefined {
    if (resource.type === resourceTypes.httpApiIntegration && knownValue(resource.props, "integrationType") === "AWS_PROXY") {
        return "integrationUri";
    }
    if (resource.type === resourceTypes.lambdaPermission && knownValue(resource.props, "principal") === apiGatewayPrincipal) {
        return "function";
    }
    return undefined;
}
