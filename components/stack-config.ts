import * as pulumi from "@pulumi/pulumi";
import { SettingName, settingProblems, settingRules, Settings } from "./settings";

/** The stack config namespace: `events-api:memorySize` and so on, one key per EventsApi setting. */
export const configNamespace = "events-api";

/**
 * Reads the EventsApi settings from a stack's config, as `pulumi.runtime.allConfig()` gives it
 * (`"events-api:memorySize" -> "512"`, lists JSON-encoded). Only the keys that are set are returned;
 * the component resolves the rest to its defaults. Any unknown `events-api:` key or bad value fails with
 * one error that names every offending key and the values it accepts.
 */
export function settingsFromConfig(config: Record<string, string>): Partial<Settings> {
    const prefix = `${configNamespace}:`;
    const values: Partial<Record<SettingName, unknown>> = {};
    const texts: Partial<Record<SettingName, string>> = {};
    const problems: string[] = [];
    for (const [key, text] of Object.entries(config)) {
        if (!key.startsWith(prefix)) {
            continue;
        }
        const setting = key.slice(prefix.length);
        if (!Object.hasOwn(settingRules, setting)) {
            problems.push(`${key} is not a setting; known keys: ${Object.keys(settingRules).join(", ")}`);
            continue;
        }
        values[setting as SettingName] = settingRules[setting as SettingName].parse(text) ?? text;
        texts[setting as SettingName] = text;
    }
    for (const { setting, message } of settingProblems(values, texts)) {
        problems.push(`${prefix}${setting} ${message}`);
    }
    if (problems.length > 0) {
        // RunError: the Pulumi CLI prints the message alone, without a stack trace.
        throw new pulumi.RunError(`invalid stack config:\n  ${problems.join("\n  ")}`);
    }
    return values as Partial<Settings>;
}
