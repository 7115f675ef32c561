import { PolicyResource } from "@pulumi/policy";
import { property } from "./property";
import { containsUnknown, dependenciesOf, identifiersOf, knownStrings } from "./references";
import { lambdaFunctionTypes, resourceTypes } from "./resource-types";

/** What other resources name a function or an alias by: its name and ARNs (aws-native: `functionName`). */
const identifierKeys = ["name", "functionName", "arn", "invokeArn", "qualifiedArn"] as const;

/** Aliases and versions of both providers, each pointing at its function with `functionName`. */
const qualifierTypes: readonly string[] = [resourceTypes.lambdaAlias, resourceTypes.nativeLambdaAlias, resourceTypes.nativeLambdaVersion];

/**
 * The stack's Lambda functions (both providers) and what refers to them. A reference is resolved by value
 * when known (a name, an ARN, an invoke ARN, an ARN qualified with a version or alias) and otherwise
 * through the engine's property dependencies (values unknown at preview), and through aliases and
 * versions to their function.
 */
export class StackFunctions {
    readonly functions: PolicyResource[];
    private readonly qualifiers: PolicyResource[];

    constructor(resources: readonly PolicyResource[]) {
        this.functions = resources.filter((r) => lambdaFunctionTypes.includes(r.type));
        this.qualifiers = resources.filter((r) => qualifierTypes.includes(r.type));
    }

    /** The functions `resource` names at `path` (a top-level property, or a value inside one). */
    referencedAt(resource: PolicyResource, ...path: [string, ...string[]]): PolicyResource[] {
        const value = property(resource.props, ...path);
        const byValue = knownStrings(value).flatMap((reference) => this.named(reference));
        // Dependencies where the value is unknown at preview, or where a whole top-level value names no function by value.
        const viaDependencies = containsUnknown(value) || (path.length === 1 && byValue.length === 0 && value !== undefined);
        const byDependency = viaDependencies
            ? dependenciesOf(resource, path[0]).flatMap((d) => (this.functions.includes(d) ? [d] : this.qualifiers.includes(d) ? this.referencedAt(d, "functionName") : []))
            : [];
        return [...new Set([...byValue, ...byDependency])];
    }

    /** The functions a name or ARN refers to, directly or through an alias or version. */
    named(reference: string): PolicyResource[] {
        const direct = this.functions.filter((fn) => identifiersOf(fn, identifierKeys).some((id) => refersTo(reference, id)));
        const viaQualifier = this.qualifiers
            .filter((q) => identifiersOf(q, identifierKeys).some((id) => refersTo(reference, id)))
            .flatMap((q) => knownStrings(property(q.props, "functionName")).flatMap((target) => this.functions.filter((fn) => identifiersOf(fn, identifierKeys).some((id) => refersTo(target, id)))));
        return [...direct, ...viaQualifier];
    }
}

/** `arn:...:function:f` also refers to `f` qualified with a version or alias (`arn:...:function:f:live`). */
function refersTo(reference: string, identifier: string): boolean {
    return reference === identifier || (identifier.includes(":function:") && reference.startsWith(`${identifier}:`));
}
