import * as pulumi from "@pulumi/pulumi";
import { parseSettings, SettingPath, SettingsInput, valueFromText } from "./settings";

/** The stack config namespace: `events-api:memorySize` and so on, one key per EventsApi setting. */
export const configNamespace = "events-api";

/** A setting's stack config key, as messages name it: `events-api:jwtIssuer`. */
export const configKey = (path: SettingPath) => `${configNamespace}:${path}`;

/**
 * Reads the EventsApi settings from a stack's config, as `pulumi.runtime.allConfig()` gives it
 * (`"events-api:memorySize" -> "512"`). Only the keys that are set are returned; the component resolves the
 * rest to their defaults. An unknown `events-api:` key or a bad value fails with one error that names
 * every offending key (and entry), the value given and what is allowed.
 */
export function settingsFromConfig(config: Record<string, string>): SettingsInput {
    const prefix = `${configNamespace}:`;
    const values = Object.fromEntries(
        Object.entries(config)
            .filter(([key]) => key.startsWith(prefix))
            .map(([key, text]) => [key.slice(prefix.length), valueFromText(text)]),
    );
    const { problems } = parseSettings(values, (path) => `${prefix}${path}`, "reject");
    if (problems) {
        // RunError: the Pulumi CLI prints the message alone, without a stack trace.
        throw new pulumi.RunError(`invalid stack config:\n  ${problems.join("\n  ")}`);
    }
    return values as SettingsInput;
}
