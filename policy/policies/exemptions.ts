import {
    Policies,
    Policy,
    PolicyResource,
    ReportViolation,
    ResourceRemediation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidation,
} from "@pulumi/policy";
import { plain, property, rawProperty } from "./property";

/**
 * Exemptions: the sanctioned way out of any policy of the pack, for a resource that cannot follow it.
 *
 * - By pack config, in one place: `{"policy-exemptions": {"exemptions": [{"policy": "<name>",
 *   "resources": ["<name or URN pattern>"], "reason": "<why>"}]}}`. The JSON schema the pack reports
 *   lists every policy name and requires a non-blank reason, so the Pulumi CLI itself refuses an unknown
 *   policy or an empty reason as a config error, before the preview runs.
 * - By resource tag `policy-exemption:<policy>` = `<reason>`, for the policies the pack config lets
 *   tags exempt (`allowTagExemptions`, none by default: a team cannot exempt itself unless the
 *   organization says so). A tag naming no policy, or with an empty reason, exempts nothing and says so.
 * - Built in: a policy may declare the resources it never applies to in a stack (`exemptInStack`), such
 *   as Lambda@Edge functions for the arm64 policy.
 *
 * Every exemption in force is reported on every preview by the advisory `policy-exemptions` policy as
 * "exempted: <reason>", on the resource, so it stays visible. A new policy gets all of this by being in
 * the list given to `withExemptions` (policies/index.ts): nothing per policy.
 *
 * How the exempted policies learn the config: @pulumi/policy gives each policy only its own settings
 * (`args.getConfig()`), so `policy-exemptions` comes first in the pack and records its settings when
 * @pulumi/policy calls it, before the other policies of the same Analyze or AnalyzeStack call
 * (server.js runs policies in list order). Disabling it turns every exemption off.
 */

export const exemptionsPolicyName = "policy-exemptions";
export const exemptionTagPrefix = "policy-exemption:";

/** A resource a policy exempts itself from in this stack, and why. */
export interface BuiltInExemption {
    resource: PolicyResource;
    reason: string;
}

/**
 * A policy of this pack: one of @pulumi/policy's, which may validate per resource and per stack at once
 * (@pulumi/policy runs `validateResource` in Analyze and `validateStack` in AnalyzeStack for the same
 * policy), plus the resources it never applies to.
 */
export interface PackPolicy extends Policy {
    validateResource?: ResourceValidation | ResourceValidation[];
    remediateResource?: ResourceRemediation;
    validateStack?: StackValidation;
    exemptInStack?: (resources: PolicyResource[]) => BuiltInExemption[];
    /** The resource types a stack policy judges: in a stack with none of them it reports itself not applicable. */
    appliesToStackOf?: readonly string[];
}

interface ConfiguredExemption {
    policy: string;
    resources: string[];
    reason: string;
}

interface ExemptionSettings {
    exemptions?: ConfiguredExemption[];
    allowTagExemptions?: string[];
}

/** What exempts a resource from a policy, as the report names it. */
interface Grant {
    reason: string;
    by: string;
}

class ExemptionState {
    settings: ExemptionSettings | undefined;
    /** The resource `policy-exemptions` saw in the Analyze call now running; cleared at the deployment's end. */
    resourceGate: string | undefined;
    /** Set by `policy-exemptions` in AnalyzeStack; cleared by any Analyze (the next deployment). */
    stackGate = false;
}

/** Resources no exemption report is about: the stack and providers. */
function isPulumiInternal(type: string): boolean {
    return type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:");
}

/** A pattern with `*` wildcards: against the URN when it starts with `urn:`, else against the resource's name. */
export function matchesPattern(pattern: string, resource: { name: string; urn: string }): boolean {
    const regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    return regex.test(pattern.startsWith("urn:") ? resource.urn : resource.name);
}

/** A resource's tags, as aws (a map) and aws-native (a list of `{ key, value }`) hold them; read raw. */
function tagsOf(props: unknown): [string, unknown][] {
    const tags = property(props, "tags");
    if (Array.isArray(tags)) {
        return tags.map((tag) => [String(property(tag, "key")), property(tag, "value")]);
    }
    return tags !== null && typeof tags === "object" ? Object.keys(tags).map((key) => [key, plain(rawProperty(tags, key))]) : [];
}

interface TagExemption {
    policy: string;
    reason: unknown;
    key: string;
}

function exemptionTags(props: unknown): TagExemption[] {
    return tagsOf(props)
        .filter(([key]) => key.startsWith(exemptionTagPrefix))
        .map(([key, reason]) => ({ key, policy: key.slice(exemptionTagPrefix.length), reason }));
}

const validReason = (reason: unknown): reason is string => typeof reason === "string" && reason.trim() !== "";

function configGrants(settings: ExemptionSettings | undefined, policy: string, resource: { name: string; urn: string; type: string; props: unknown }): Grant[] {
    const byConfig = (settings?.exemptions ?? [])
        .filter((exemption) => exemption.policy === policy)
        .flatMap((exemption) => {
            const pattern = exemption.resources.find((p) => matchesPattern(p, resource));
            return pattern === undefined ? [] : [{ reason: exemption.reason, by: `pack config pattern "${pattern}"` }];
        });
    const allowed = settings?.allowTagExemptions ?? [];
    const byTag = exemptionTags(resource.props)
        .filter((tag) => tag.policy === policy && allowed.includes(policy) && validReason(tag.reason))
        .map((tag) => ({ reason: tag.reason as string, by: `tag "${tag.key}"` }));
    return [...byConfig, ...byTag];
}

/**
 * The pack's policies, each honouring exemptions, after the `policy-exemptions` policy that reports
 * them. `policies` are the pack's own, in the order the CLI should list them.
 */
export function withExemptions(policies: PackPolicy[]): Policies {
    const names = policies.map((p) => p.name);
    const state = new ExemptionState();
    const builtIn = (resources: PolicyResource[], policy: PackPolicy) => policy.exemptInStack?.(resources) ?? [];
    const record = (getConfig: () => ExemptionSettings) => {
        state.settings = getConfig();
    };

    const reporter: PackPolicy = {
        name: exemptionsPolicyName,
        description: "Reports every exemption in force, from the pack config, a resource tag, or a policy's own rules (e.g. Lambda@Edge), so none goes unseen.",
        enforcementLevel: "advisory",
        configSchema: {
            properties: {
                exemptions: {
                    type: "array",
                    description: 'Resources exempted from a policy: [{"policy": "<name>", "resources": ["<name or urn: pattern, * wildcard>"], "reason": "<why>"}].',
                    default: [],
                    items: {
                        type: "object",
                        additionalProperties: false,
                        required: ["policy", "resources", "reason"],
                        properties: {
                            policy: { type: "string", enum: names },
                            resources: { type: "array", minItems: 1, items: { type: "string", minLength: 1 } },
                            reason: { type: "string", minLength: 1, pattern: "\\S" },
                        },
                    },
                },
                allowTagExemptions: {
                    type: "array",
                    description: `Policies a resource tag "${exemptionTagPrefix}<policy>" = "<reason>" may exempt that resource from. None by default.`,
                    default: [],
                    items: { type: "string", enum: names },
                },
            },
        },
        // It checks no resource itself: "not applicable" lets a report tell a run it checked from one it did not.
        validateResource: (args) => {
            record(args.getConfig);
            state.resourceGate = args.urn;
            args.notApplicable("it reports exemptions; it checks no resource itself");
        },
        validateStack: (args, report) => {
            let reported = false;
            const reportViolation: ReportViolation = (message, urn) => ((reported = true), report(message, urn));
            record(args.getConfig);
            state.stackGate = true;
            // A deployment ends with AnalyzeStack: the next one's Analyze calls must find the gate closed.
            state.resourceGate = undefined;
            const settings = state.settings;
            for (const resource of args.resources.filter((r) => !isPulumiInternal(r.type))) {
                for (const name of names) {
                    for (const grant of configGrants(settings, name, resource)) {
                        reportViolation(`exempted: ${grant.reason} (${name} does not apply to ${resource.type} "${resource.name}", by ${grant.by})`, resource.urn);
                    }
                }
                for (const tag of exemptionTags(resource.props)) {
                    const problem = !names.includes(tag.policy)
                        ? `no policy of this pack is named "${tag.policy}" (policies: ${names.join(", ")})`
                        : !validReason(tag.reason)
                          ? "its value, the reason, is empty"
                          : !(settings?.allowTagExemptions ?? []).includes(tag.policy)
                            ? `the pack config does not let tags exempt ${tag.policy} (${exemptionsPolicyName}.allowTagExemptions)`
                            : undefined;
                    if (problem) {
                        reportViolation(`${resource.type} "${resource.name}": tag "${tag.key}" exempts nothing: ${problem}. The policy still applies.`, resource.urn);
                    }
                }
            }
            for (const policy of policies) {
                for (const exemption of builtIn(args.resources, policy)) {
                    reportViolation(`exempted: ${exemption.reason}`, exemption.resource.urn);
                }
            }
            if (!reported) args.notApplicable("no exemption is in force");
        },
    };

    const wrap = (policy: PackPolicy): PackPolicy => {
        const { validateResource, validateStack, remediateResource } = policy;
        const wrapped: PackPolicy = { ...policy };
        if (validateResource) {
            const validations = Array.isArray(validateResource) ? validateResource : [validateResource];
            wrapped.validateResource = async (args, reportViolation) => {
                state.stackGate = false;
                if (state.resourceGate === args.urn && configGrants(state.settings, policy.name, args).length > 0) {
                    return;
                }
                for (const validation of validations) {
                    await validation(args, reportViolation);
                }
            };
        }
        if (remediateResource) {
            // Remediate runs before Analyze for each resource: the settings are those of the last call, the
            // stack resource's at least. A resource that may be exempt is left as the program wrote it.
            wrapped.remediateResource = (args: ResourceValidationArgs) => (configGrants(state.settings, policy.name, args).length > 0 ? undefined : remediateResource(args));
        }
        if (validateStack) {
            wrapped.validateStack = (args, reportViolation) => {
                const types = policy.appliesToStackOf;
                if (types && !args.resources.some((r) => types.includes(r.type))) {
                    args.notApplicable(`no resource of type ${types.map((t) => `'${t}'`).join(" or ")} in the stack`);
                }
                const exempt = new Set<string>(builtIn(args.resources, policy).map((e) => e.resource.urn));
                if (state.stackGate) {
                    args.resources.filter((r) => configGrants(state.settings, policy.name, r).length > 0).forEach((r) => exempt.add(r.urn));
                }
                const filtered: ReportViolation = (message, urn) => (urn !== undefined && exempt.has(urn) ? undefined : reportViolation(message, urn));
                return validateStack(args, filtered);
            };
        }
        return wrapped;
    };

    // A policy with validateStack and validateResource or remediateResource is not in @pulumi/policy's
    // type union, though its server runs each callback in its own call; the union's resource member fits.
    return [reporter, ...policies.map(wrap)] as ResourceValidationPolicy[];
}
