import { PolicyResource } from "@pulumi/policy";
import { knownValue } from "./property";
import { apiGatewayPrincipal, resourceTypes } from "./resource-types";

/**
 * The Lambda functions API Gateway invokes: targets of `AWS_PROXY` integrations and of permissions
 * granted to `apigateway.amazonaws.com`. A reference is resolved through the engine's property
 * dependencies when it provides them (also for values still unknown at preview), else by value
 * (name, ARN, invoke ARN, or a qualified ARN), and through aliases to their function.
 */
export function functionsBehindApiGateway(resources: PolicyResource[]): Set<PolicyResource> {
    const functions = resources.filter((r) => r.type === resourceTypes.lambdaFunction);
    const aliases = resources.filter((r) => r.type === resourceTypes.lambdaAlias);
    const behind = new Set<PolicyResource>();
    for (const resource of resources) {
        const property = invokerProperty(resource);
        if (property) {
            for (const target of referencedFunctions(resource, property, functions, aliases)) {
                behind.add(target);
            }
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

function referencedFunctions(
    resource: PolicyResource,
    property: string,
    functions: PolicyResource[],
    aliases: PolicyResource[],
): PolicyResource[] {
    const dependencies = resource.propertyDependencies?.[property] ?? [];
    const byDependency = dependencies.flatMap((d) =>
        d.type === resourceTypes.lambdaAlias ? referencedFunctions(d, "functionName", functions, []) : [d],
    );
    const value = knownValue(resource.props, property);
    const byValue = typeof value === "string" ? functionsNamedBy(value, functions, aliases) : [];
    return [...byDependency, ...byValue].filter((r) => r.type === resourceTypes.lambdaFunction);
}

function functionsNamedBy(reference: string, functions: PolicyResource[], aliases: PolicyResource[]): PolicyResource[] {
    const direct = functions.filter((fn) => identifiers(fn).some((id) => refersTo(reference, id)));
    const viaAlias = aliases
        .filter((alias) => identifiers(alias).some((id) => refersTo(reference, id)))
        .flatMap((alias) => {
            const target = knownValue(alias.props, "functionName");
            return typeof target === "string" ? functionsNamedBy(target, functions, []) : [];
        });
    return [...direct, ...viaAlias];
}

function identifiers(resource: PolicyResource): string[] {
    return ["name", "arn", "invokeArn", "qualifiedArn"]
        .map((key) => knownValue(resource.props, key))
        .filter((value): value is string => typeof value === "string" && value !== "");
}

/** `arn:...:function:f` also refers to `f` qualified with a version or alias (`arn:...:function:f:live`). */
function refersTo(reference: string, identifier: string): boolean {
    return reference === identifier || (identifier.includes(":function:") && reference.startsWith(`${identifier}:`));
}
