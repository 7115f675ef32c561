import { reconcilePackConfig } from "./analyzer/pack-config";
import { AnalyzerInfo, PolicyConfig, PolicyPackProcess } from "./analyzer/pack-process";

/**
 * Every mistake in a pack config, at once. The Pulumi CLI refuses only what the pack's schemas refuse
 * (pack-config.ts); it passes an entry naming no policy, a setting no policy has, and `remediate` for a
 * policy that cannot remediate to the pack, which ignores the first two and treats the third as
 * mandatory: each is a config that does not do what its author meant, so the check refuses them too.
 * Which policies remediate is asked of the pack itself: @pulumi/policy answers a Remediate call with
 * "not applicable" for each policy without `remediateResource`.
 */

const probeUrn = "urn:pulumi:policy-check::policy-check::pulumi:pulumi:Stack::remediation-probe";

/** The policies that have no `remediateResource`, as the pack reports them, or undefined if it does not say. */
async function unremediable(pack: PolicyPackProcess, info: AnalyzerInfo): Promise<Set<string> | undefined> {
    const all: Record<string, PolicyConfig> = Object.fromEntries(info.policies.map((policy) => [policy.name, { enforcementLevel: "remediate", properties: defaults(policy) }]));
    await pack.configure(all);
    let notApplicable: Array<{ policyName: string; reason: string }>;
    try {
        ({ notApplicable } = await pack.remediateFully({ urn: probeUrn, type: "pulumi:pulumi:Stack", name: "remediation-probe", properties: {} }));
    } catch {
        // A remediation that fails on an empty resource: the pack cannot be asked this way.
        return undefined;
    }
    if (notApplicable.length === 0) return undefined;
    return new Set(notApplicable.filter((entry) => /does not implement remediateResource/.test(entry.reason)).map((entry) => entry.policyName));
}

function defaults(policy: AnalyzerInfo["policies"][number]): Record<string, unknown> {
    return Object.fromEntries(
        Object.entries(policy.configSchema?.properties ?? {})
            .filter(([, schema]) => (schema as { default?: unknown }).default !== undefined)
            .map(([key, schema]) => [key, (schema as { default: unknown }).default]),
    );
}

/** The known name closest to `name`, if one is close enough to be a typo (Levenshtein distance up to a third of its length). */
function closest(name: string, known: string[]): string | undefined {
    const distance = (a: string, b: string) => {
        let row = Array.from({ length: b.length + 1 }, (_, i) => i);
        for (let i = 1; i <= a.length; i++) {
            const next = [i];
            for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            row = next;
        }
        return row[b.length];
    };
    const [best] = known.map((candidate) => ({ candidate, d: distance(name, candidate) })).sort((x, y) => x.d - y.d);
    return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? best.candidate : undefined;
}

export async function packConfigProblems(pack: PolicyPackProcess, info: AnalyzerInfo, given: unknown): Promise<string[]> {
    const reconciled = reconcilePackConfig(info, given);
    if ("errors" in reconciled && (given === null || typeof given !== "object" || Array.isArray(given))) return reconciled.errors;
    const problems = "errors" in reconciled ? [...reconciled.errors] : [];
    const names = info.policies.map((policy) => policy.name);
    const entries = Object.entries(given as Record<string, unknown>);
    let cannotRemediate: Set<string> | undefined;
    for (const [name, value] of entries) {
        const level = typeof value === "string" ? value : (value as { enforcementLevel?: unknown } | null)?.enforcementLevel;
        const settings = value !== null && typeof value === "object" ? Object.keys(value).filter((key) => key !== "enforcementLevel") : [];
        if (name === "environments") {
            problems.push("environments: the pack config imports ESC environments, which the check cannot read (no Pulumi Cloud): put their values in the file");
            continue;
        }
        if (name === "all") {
            if (settings.length > 0) problems.push(`all: takes only an enforcement level ("all": "advisory"), not settings (${settings.join(", ")})`);
            continue;
        }
        const policy = info.policies.find((p) => p.name === name);
        if (!policy) {
            const hint = closest(name, names);
            problems.push(`${name}: no policy of ${info.name} has this name${hint ? ` (did you mean ${hint}?)` : ""}; its policies: ${names.join(", ")}`);
            continue;
        }
        const known = Object.keys(policy.configSchema?.properties ?? {});
        for (const key of settings.filter((key) => !known.includes(key))) {
            const hint = closest(key, known);
            problems.push(`${name}.${key}: not a setting of ${name}${hint ? ` (did you mean ${hint}?)` : ""}; ${known.length > 0 ? `its settings: ${known.join(", ")}` : "it has none"}`);
        }
        if (level === "remediate") {
            if (policy.type === "stack") {
                problems.push(`${name}: "remediate" is not a level it can take: it judges the whole stack, and only resource policies remediate (the pack would run it as mandatory)`);
                continue;
            }
            cannotRemediate ??= (await unremediable(pack, info)) ?? new Set();
            if (cannotRemediate.has(name)) {
                problems.push(`${name}: "remediate" is not a level it can take: it has no remediation (the pack would run it as mandatory). Use mandatory or advisory`);
            }
        }
    }
    return problems;
}
