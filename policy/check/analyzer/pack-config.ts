import Ajv from "ajv";
import { AnalyzerInfo, EnforcementLevel, PolicyConfig, PolicyPackProcess } from "./pack-process";

/**
 * What the Pulumi CLI does with a pack config (`--policy-pack-config`, or what Pulumi Cloud holds for
 * an organization) before it calls the pack's `Configure`, in pkg/resource/analyzer/config.go:
 * - parse: each entry is an enforcement level or an object with an optional `enforcementLevel` and
 *   settings (`parsePolicyPackConfig`);
 * - reconcile: every policy starts at its own level with its schema's defaults, then `all` and each
 *   named entry apply over them (`ReconcilePolicyPackConfig`);
 * - validate every policy's settings against the JSON schema the pack reported in `GetAnalyzerInfo`,
 *   with `enforcementLevel` added to it (the CLI uses gojsonschema; this uses Ajv).
 * Entries naming no policy of the pack are passed on and ignored, as the CLI does; they are returned
 * so a caller can say so.
 */

const enforcementLevels: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export type PackConfigResult =
    | { config: Record<string, PolicyConfig>; unknownPolicies: string[] }
    | { errors: string[] };

interface Parsed {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

function parse(given: unknown): { entries: Record<string, Parsed> } | { errors: string[] } {
    if (given === null || typeof given !== "object" || Array.isArray(given)) {
        return { errors: ["the pack config must be a JSON object of policy names"] };
    }
    const entries: Record<string, Parsed> = {};
    const errors: string[] = [];
    for (const [name, value] of Object.entries(given)) {
        if (typeof value === "string") {
            if (enforcementLevels.includes(value as EnforcementLevel)) {
                entries[name] = { enforcementLevel: value as EnforcementLevel, properties: {} };
            } else {
                errors.push(`${name}: ${JSON.stringify(value)} is not an enforcement level (${enforcementLevels.join(", ")})`);
            }
        } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && !enforcementLevels.includes(enforcementLevel as EnforcementLevel)) {
                errors.push(`${name}.enforcementLevel: ${JSON.stringify(enforcementLevel)} is not an enforcement level (${enforcementLevels.join(", ")})`);
            } else {
                entries[name] = { enforcementLevel: enforcementLevel as EnforcementLevel | undefined, properties };
            }
        } else {
            errors.push(`${name}: ${JSON.stringify(value)} is neither an enforcement level nor an object of settings`);
        }
    }
    return errors.length > 0 ? { errors } : { entries };
}

export function reconcilePackConfig(info: AnalyzerInfo, given: unknown = {}): PackConfigResult {
    const parsed = parse(given);
    if ("errors" in parsed) {
        return parsed;
    }
    const config: Record<string, PolicyConfig> = {};
    for (const policy of info.policies) {
        const defaults = Object.entries(policy.configSchema?.properties ?? {})
            .filter(([, schema]) => (schema as { default?: unknown }).default !== undefined)
            .map(([key, schema]) => [key, (schema as { default: unknown }).default]);
        config[policy.name] = { enforcementLevel: policy.enforcementLevel, properties: Object.fromEntries(defaults) };
    }
    const all = parsed.entries.all?.enforcementLevel;
    if (all) {
        for (const policy of Object.values(config)) {
            policy.enforcementLevel = all;
        }
    }
    for (const [name, entry] of Object.entries(parsed.entries)) {
        const current = config[name] ?? { enforcementLevel: entry.enforcementLevel ?? "advisory", properties: {} };
        config[name] = { enforcementLevel: entry.enforcementLevel ?? current.enforcementLevel, properties: { ...current.properties, ...entry.properties } };
    }
    const errors = info.policies.flatMap((policy) => validate(policy.name, policy.configSchema, config[policy.name].properties));
    if (errors.length > 0) {
        return { errors };
    }
    const known = new Set(["all", ...info.policies.map((policy) => policy.name)]);
    return { config, unknownPolicies: Object.keys(parsed.entries).filter((name) => !known.has(name)) };
}

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });

function validate(policyName: string, schema: AnalyzerInfo["policies"][number]["configSchema"], properties: Record<string, unknown>): string[] {
    if (!schema) {
        return [];
    }
    const check = ajv.compile({
        type: "object",
        properties: { ...schema.properties, enforcementLevel: { type: "string", enum: enforcementLevels } },
        ...(schema.required.length > 0 ? { required: schema.required } : {}),
    });
    if (check(properties)) {
        return [];
    }
    return (check.errors ?? []).map((error) => {
        const key = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
        const allowed = "allowedValues" in error.params ? ` (${JSON.stringify(error.params.allowedValues)})` : "";
        return `${policyName}${key ? `.${key}` : ""} is ${JSON.stringify(error.data)}: ${error.message ?? "invalid"}${allowed}`;
    });
}

export interface DeploymentSettings {
    /** Pack config, as `--policy-pack-config` takes it (parsed JSON). */
    config?: unknown;
    project: string;
    stack: string;
    /** A `pulumi preview` (outputs of new resources unknown) or an update. */
    preview: boolean;
    stackTags?: Record<string, string>;
}

/** Configures `pack` as the CLI does for a deployment: the reconciled, validated pack config, then the stack. Returns the config given to the pack. */
export async function configurePack(pack: PolicyPackProcess, settings: DeploymentSettings): Promise<Record<string, PolicyConfig>> {
    const reconciled = reconcilePackConfig(await pack.info(), settings.config ?? {});
    if ("errors" in reconciled) {
        throw new Error(`invalid pack config:\n${reconciled.errors.join("\n")}`);
    }
    await pack.configure(reconciled.config);
    await pack.configureStack({ stack: settings.stack, project: settings.project, dryRun: settings.preview, tags: settings.stackTags });
    return reconciled.config;
}
