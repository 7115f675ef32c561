import {
    EnforcementLevel,
    Policies,
    PolicyConfigSchema,
    PolicyPackConfig,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { configWithDefaults } from "./policies/policy-config";
import { DeclaredResource, NotApplicableError, resourceValidationArgs, stackValidationArgs, urnOf } from "./validation-args";

/**
 * Runs a pack's policies over declared resources the way the Pulumi CLI's analyzer does: resource
 * policies once per resource, stack policies once over all of them, enforcement levels and
 * configuration taken from the pack config, `remediate` counted as `mandatory`, `disabled` skipped.
 */

export interface PolicyViolation {
    policyName: string;
    enforcementLevel: "advisory" | "mandatory";
    /** The resource in violation; a stack policy may report against the stack itself (no URN). */
    urn?: string;
    message: string;
    /** The policy's one-sentence description. */
    description: string;
}

export interface EvaluationOptions {
    /** Per-policy enforcement level and configuration, as `pulumi policy enable --config` takes it. */
    config?: PolicyPackConfig;
    stackTags?: ReadonlyMap<string, string>;
    /** The pack's default level for policies that set none. @default "advisory" */
    packEnforcementLevel?: EnforcementLevel;
}

export interface Evaluation {
    violations: PolicyViolation[];
    /** Policies that declared themselves not applicable, with their reasons. */
    notApplicable: { policyName: string; urn?: string; reason?: string }[];
}

export async function evaluatePolicies(
    policies: Policies,
    resources: DeclaredResource[],
    options: EvaluationOptions = {},
): Promise<Evaluation> {
    const config = options.config ?? {};
    validatePackConfig(policies, config);
    const evaluation: Evaluation = { violations: [], notApplicable: [] };
    for (const policy of policies) {
        const policyConfig = config[policy.name];
        const configured = typeof policyConfig === "string" ? { enforcementLevel: policyConfig } : (policyConfig ?? {});
        const { enforcementLevel: levelOverride, ...properties } = configured;
        const level: EnforcementLevel = levelOverride ?? policy.enforcementLevel ?? options.packEnforcementLevel ?? "advisory";
        if (level === "disabled") {
            continue;
        }
        const context = {
            config: policy.configSchema ? configWithDefaults<Record<string, unknown>>(policy.configSchema, properties) : properties,
            stackTags: options.stackTags,
        };
        const report = (urn: string | undefined) => (message: string) =>
            evaluation.violations.push({
                policyName: policy.name,
                enforcementLevel: level === "advisory" ? "advisory" : "mandatory",
                urn,
                message,
                description: policy.description,
            });
        const run = async (urn: string | undefined, validate: () => Promise<void> | void) => {
            try {
                await validate();
            } catch (error) {
                if (error instanceof NotApplicableError) {
                    evaluation.notApplicable.push({ policyName: policy.name, urn, reason: error.reason });
                    return;
                }
                throw new Error(`policy "${policy.name}" failed on ${urn ?? "the stack"}: ${(error as Error).message}`, { cause: error });
            }
        };
        if (isStackPolicy(policy)) {
            const args = stackValidationArgs(resources, context);
            await run(undefined, () => policy.validateStack(args, (message, urn) => report(urn)(message)));
            continue;
        }
        const validations = policy.validateResource === undefined ? [] : [policy.validateResource].flat();
        for (const resource of resources) {
            const urn = urnOf(resource);
            for (const validation of validations) {
                const args = resourceValidationArgs(resource, context);
                await run(urn, () => validation(args, report(urn)));
            }
        }
    }
    return evaluation;
}

function isStackPolicy(policy: ResourceValidationPolicy | StackValidationPolicy): policy is StackValidationPolicy {
    return typeof (policy as StackValidationPolicy).validateStack === "function";
}

const enforcementLevels: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** Rejects configuration the CLI would reject: unknown policies or keys, wrong types, out-of-range values. */
export function validatePackConfig(policies: Policies, config: PolicyPackConfig): void {
    for (const [policyName, policyConfig] of Object.entries(config)) {
        const policy = policies.find((p) => p.name === policyName);
        if (!policy) {
            throw new Error(`policy config names "${policyName}", which is not a policy of this pack`);
        }
        const configured = typeof policyConfig === "string" ? { enforcementLevel: policyConfig } : policyConfig;
        for (const [key, value] of Object.entries(configured)) {
            if (key === "enforcementLevel") {
                if (!enforcementLevels.includes(value as EnforcementLevel)) {
                    throw new Error(`${policyName}.enforcementLevel is ${JSON.stringify(value)}; expected one of ${enforcementLevels.join(", ")}`);
                }
                continue;
            }
            checkProperty(policyName, key, value, policy.configSchema);
        }
    }
}

function checkProperty(policyName: string, key: string, value: unknown, schema: PolicyConfigSchema | undefined): void {
    const property = schema?.properties[key];
    if (!property) {
        const known = Object.keys(schema?.properties ?? {});
        throw new Error(`${policyName} has no setting "${key}" (settings: ${known.length > 0 ? known.join(", ") : "none"})`);
    }
    const wrongType =
        (property.type === "integer" && !Number.isInteger(value)) ||
        (property.type === "number" && typeof value !== "number") ||
        (property.type === "string" && typeof value !== "string") ||
        (property.type === "boolean" && typeof value !== "boolean");
    const tooSmall = typeof value === "number" && property.minimum !== undefined && value < property.minimum;
    const tooLarge = typeof value === "number" && property.maximum !== undefined && value > property.maximum;
    if (wrongType || tooSmall || tooLarge) {
        const range = property.minimum !== undefined || property.maximum !== undefined ? ` from ${property.minimum ?? "-"} to ${property.maximum ?? "-"}` : "";
        throw new Error(`${policyName}.${key} is ${JSON.stringify(value)}; expected ${String(property.type)}${range}`);
    }
}
