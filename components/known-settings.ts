import * as pulumi from "@pulumi/pulumi";
import { containsDeferred, isDeferred, quoteValue } from "./setting-rules";
import { SettingName, SettingPath, settingProblems, Settings } from "./settings";

/**
 * Settings whose values other resources of the program make (a Cognito pool's issuer, an SNS topic's
 * ARN): the schema checks a value given as is when the component is constructed, before anything
 * registers; a value still to be made is checked here by the same rule once it is known, and a bad one
 * fails the deployment with the message it would have had as a plain value. Nothing is created inside
 * an `apply`: the checked values flow into the resources that use them.
 */

/** How the component's args name a setting in an error: `[memorySize]`, `[customDomain.certificateArn]`. */
export const argName = (path: string) => `[${path}]`;

/** Bad args: one line per problem; the Pulumi CLI prints the message without a stack trace. */
export function argsError(problems: string[], parent?: pulumi.Resource): pulumi.ResourceError {
    return new pulumi.ResourceError(`invalid EventsApi args:\n  ${problems.join("\n  ")}`, parent, true);
}

/** `value` of setting `key` once known, checked by the setting's rule. */
function checkedWhenKnown(key: SettingName, value: unknown, parent: pulumi.Resource): pulumi.Output<unknown> {
    // Unwrap<unknown> is never: the value's type is the setting's, known only to the schema.
    const resolved = pulumi.output(value as pulumi.Input<object>) as pulumi.Output<unknown>;
    return resolved.apply((known) => {
        const problems = settingProblems(key, known, argName);
        if (problems.length > 0) throw argsError(problems, parent);
        return known;
    });
}

/**
 * The settings with every value that waits for another resource checked once known: a list with such an
 * entry becomes one checked Output, a map (`customDomain`) keeps its known entries and gets checked
 * Outputs for the others. Values given as is stay as they are: the schema has checked them.
 */
export function checkWhenKnown(settings: Settings, parent: pulumi.Resource): Settings {
    const checked: Record<string, unknown> = { ...settings };
    for (const [key, value] of Object.entries(settings) as [SettingName, unknown][]) {
        if (!containsDeferred(value)) continue;
        const whole = checkedWhenKnown(key, value, parent);
        const map = typeof value === "object" && value !== null && !Array.isArray(value) && !isDeferred(value);
        checked[key] = map
            ? Object.fromEntries(Object.entries(value).map(([entry, part]) => [entry, containsDeferred(part) ? whole.apply((known) => (known as Record<string, unknown>)[entry]) : part]))
            : whole;
    }
    return checked as Settings;
}

/**
 * `arn` once known, when it is in the stack's region (an ARN's fourth field): what AWS requires of a
 * regional custom domain's certificate and of an alarm's SNS topic. `what` and `where` name them in the
 * error, which fails the preview.
 */
export function inStackRegion(
    region: pulumi.Input<string>,
    key: SettingPath,
    arn: pulumi.Input<string>,
    what: string,
    where: string,
    parent: pulumi.Resource,
): pulumi.Output<string> {
    return pulumi.all([arn, region]).apply(([known, stackRegion]) => {
        if (known.split(":")[3] !== stackRegion) {
            throw argsError([`${argName(key)} must be ${what} in the stack's region ${stackRegion}, where ${where}; got ${quoteValue(known)}`], parent);
        }
        return known;
    });
}
