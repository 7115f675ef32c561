import { PolicyConfigSchema } from "@pulumi/policy";

/**
 * A policy's configuration: the values an organization set, over the defaults its `configSchema`
 * declares (the schema is the one place a default is written down).
 */
export function configWithDefaults<T extends object>(schema: PolicyConfigSchema, configured: object): T {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties)) {
        if (property.default !== undefined) {
            defaults[key] = property.default;
        }
    }
    return { ...defaults, ...configured } as T;
}

/** Renders a found value for a violation message: `unset` when absent, JSON otherwise. */
export function shown(value: unknown): string {
    return value === undefined || value === null ? "unset" : JSON.stringify(value);
}
