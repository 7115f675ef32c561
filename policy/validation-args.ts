import {
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";

/**
 * Builds the argument bags `@pulumi/policy` 1.21 hands to policies (see its `policy.d.ts`), so the
 * credential-free check and the tests call policies exactly as the Pulumi CLI's analyzer does.
 */

/** A resource as the check sees it: what a Pulumi program declared. */
export interface DeclaredResource {
    type: string;
    name: string;
    /** @default - `urn:pulumi:stack::project::<type>::<name>` */
    urn?: string;
    /** The resource's inputs: what resource policies see. */
    props: Record<string, unknown>;
    /** Its state (inputs and outputs known at preview): what stack policies see. @default - `props` */
    outputs?: Record<string, unknown>;
    /** URN of the parent resource. */
    parent?: string;
    /** URNs each property depends on, as the engine reports them; empty when unknown. */
    propertyDependencies?: Record<string, string[]>;
}

export interface ValidationContext {
    /** This policy's configuration (already merged with defaults by the caller, as the CLI does). */
    config?: Record<string, unknown>;
    stackTags?: ReadonlyMap<string, string>;
}

/** Thrown by `notApplicable()`, as the policy SDK's own NotApplicableError is. */
export class NotApplicableError extends Error {
    constructor(readonly reason: string | undefined) {
        super(reason ?? "not applicable");
        this.name = "NotApplicableError";
    }
}

export function urnOf(resource: Pick<DeclaredResource, "type" | "name" | "urn">): string {
    return resource.urn ?? `urn:pulumi:stack::project::${resource.type}::${resource.name}`;
}

const defaultOptions: PolicyResourceOptions = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};

function isTypeOf(type: string, resourceClass: unknown): boolean {
    return (resourceClass as { __pulumiType?: string }).__pulumiType === type;
}

/** `asType`: the props, typed by the caller's resource class, when the type matches. */
function asTypeOf(type: string, props: Record<string, unknown>): (resourceClass: unknown) => unknown {
    return (resourceClass) => (isTypeOf(type, resourceClass) ? props : undefined);
}

function notApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

export function resourceValidationArgs(resource: DeclaredResource, context: ValidationContext = {}): ResourceValidationArgs {
    const { type, props } = resource;
    return {
        type,
        props,
        urn: urnOf(resource),
        name: resource.name,
        opts: { ...defaultOptions, parent: resource.parent },
        stackTags: context.stackTags ?? new Map<string, string>(),
        isType: (resourceClass) => isTypeOf(type, resourceClass),
        asType: asTypeOf(type, props) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => ({ ...(context.config ?? {}) }) as T,
        notApplicable,
    };
}

export function stackValidationArgs(resources: DeclaredResource[], context: ValidationContext = {}): StackValidationArgs {
    const byUrn = new Map<string, PolicyResource>();
    const policyResources = resources.map((resource) => {
        const { type } = resource;
        const props = resource.outputs ?? resource.props;
        const policyResource: PolicyResource = {
            type,
            props,
            urn: urnOf(resource),
            name: resource.name,
            opts: { ...defaultOptions, parent: resource.parent },
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass) => isTypeOf(type, resourceClass),
            asType: asTypeOf(type, props) as PolicyResource["asType"],
        };
        byUrn.set(policyResource.urn, policyResource);
        return policyResource;
    });
    resources.forEach((resource, index) => {
        const policyResource = policyResources[index];
        policyResource.parent = resource.parent ? byUrn.get(resource.parent) : undefined;
        for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
            const found = urns.map((urn) => byUrn.get(urn)).filter((r): r is PolicyResource => r !== undefined);
            policyResource.propertyDependencies[property] = found;
            policyResource.dependencies.push(...found.filter((r) => !policyResource.dependencies.includes(r)));
        }
    });
    return {
        resources: policyResources,
        stackTags: context.stackTags ?? new Map<string, string>(),
        getConfig: <T extends object>() => ({ ...(context.config ?? {}) }) as T,
        notApplicable,
    };
}
