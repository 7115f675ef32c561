import { AlarmThresholds, resolveAlarmThresholds, thresholdRangesText } from "./alarm-thresholds";
import { isPerRouteConcurrency, PerRouteConcurrency, provisionedAboveReserved } from "./concurrency";
import { routes } from "./routes";
import { supportedRuntimes } from "./runtime";

/**
 * The one validation mechanism for the EventsApi settings. Each setting is a rule: how to parse it from
 * a stack config string, and the values it accepts. The component checks its args with these rules
 * (errors name `[argName]`), and the stack program parses and checks its config with the same rules
 * (errors name `events-api:<key>`). A new setting is one more entry in `settingRules`.
 */
export interface SettingRule<T> {
    /** The accepted values, in words, for error messages and the README. */
    readonly allowed: string;
    /** Turns a stack config string into a value; `undefined` when the text has the wrong shape. */
    parse(text: string): unknown;
    /** Whether a value is accepted. */
    accepts(value: unknown): value is T;
}

/**
 * Retention periods CloudWatch Logs accepts, in days
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html).
 */
export const logRetentionDays = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export type LogRetentionDays = (typeof logRetentionDays)[number];

function parseNumber(text: string): unknown {
    return text.trim() === "" ? undefined : Number(text);
}

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

export function integerRange(min: number, max: number, unit: string): SettingRule<number> {
    return {
        allowed: `an integer from ${min} to ${max} (${unit})`,
        parse: parseNumber,
        accepts: (value): value is number => Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
    };
}

export function positiveNumber(unit: string, options: { integer?: boolean } = {}): SettingRule<number> {
    return {
        allowed: `a positive ${options.integer ? "integer" : "number"} (${unit})`,
        parse: parseNumber,
        accepts: (value): value is number =>
            typeof value === "number" &&
            Number.isFinite(value) &&
            value > 0 &&
            (!options.integer || Number.isInteger(value)),
    };
}

export function oneOf<T extends string | number>(values: readonly T[]): SettingRule<T> {
    const numeric = typeof values[0] === "number";
    return {
        allowed: `one of ${values.join(", ")}`,
        parse: numeric ? parseNumber : (text) => text,
        accepts: (value): value is T => values.includes(value as T),
    };
}

export const booleanRule: SettingRule<boolean> = {
    allowed: "true or false",
    parse: (text) => (text === "true" ? true : text === "false" ? false : undefined),
    accepts: (value): value is boolean => typeof value === "boolean",
};

/** `*`, or an origin as browsers send it: scheme://host[:port], without path or trailing slash. */
const originPattern = /^[a-z][a-z0-9+.-]*:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

export const originListRule: SettingRule<string[]> = {
    allowed: 'a non-empty list of origins: ["*"], or scheme://host[:port] entries such as "https://example.com"',
    parse: parseJson,
    accepts: (value): value is string[] =>
        Array.isArray(value) &&
        value.length > 0 &&
        value.every((origin) => typeof origin === "string") &&
        // `*` allows every origin, so listing others beside it is a mistake worth reporting.
        (value.length === 1 && value[0] === "*" ? true : value.every((origin) => originPattern.test(origin))),
};

// The operations settings below have no default value (no topic, no concurrency setting), so `undefined`
// is part of their type.

/** One integer for every route, or a map from route name to one (components/concurrency.ts). */
export const perRouteConcurrencyRule: SettingRule<PerRouteConcurrency | undefined> = {
    allowed: `an integer of 0 or more for every route, or a map from route name (${routes.map((r) => r.name).join(", ")}) to such an integer`,
    parse: parseJson,
    accepts: (value): value is PerRouteConcurrency => isPerRouteConcurrency(value),
};

// CloudWatch alarm actions notify standard SNS topics (not FIFO ones).
const snsTopicArnPattern = /^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}$/;

export const snsTopicArnRule: SettingRule<string | undefined> = {
    allowed: "an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:alarms",
    parse: (text) => text,
    accepts: (value): value is string => typeof value === "string" && snsTopicArnPattern.test(value),
};

export const alarmThresholdsRule: SettingRule<Partial<AlarmThresholds>> = {
    allowed: `a map with any of ${thresholdRangesText()}`,
    parse: parseJson,
    accepts: (value): value is Partial<AlarmThresholds> => {
        try {
            resolveAlarmThresholds(value);
            return true;
        } catch {
            return false;
        }
    },
};

/** Every setting, by its arg name (which is also its stack config key). */
export const settingRules = {
    memorySize: integerRange(128, 10240, "MB"),
    // An HTTP API waits at most 30 s for an integration, so a longer function could only time out there
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
    timeout: integerRange(1, 29, "seconds"),
    runtime: oneOf(supportedRuntimes),
    logRetentionDays: oneOf(logRetentionDays),
    corsAllowOrigins: originListRule,
    throttlingBurstLimit: positiveNumber("requests", { integer: true }),
    throttlingRateLimit: positiveNumber("requests per second"),
    pointInTimeRecovery: booleanRule,
    deletionProtection: booleanRule,
    reservedConcurrency: perRouteConcurrencyRule,
    provisionedConcurrency: perRouteConcurrencyRule,
    alarmTopicArn: snsTopicArnRule,
    alarmThresholds: alarmThresholdsRule,
};

export type SettingName = keyof typeof settingRules;
export type Settings = {
    [K in SettingName]: (typeof settingRules)[K] extends SettingRule<infer T> ? T : never;
};

export interface SettingProblem {
    setting: SettingName;
    message: string;
}

function describe(value: unknown): string {
    return typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
}

/**
 * The problems with the given settings; an unset (undefined) setting is never a problem. `shownAs`
 * gives the text to quote for a value (the stack config's raw string rather than what it parsed to).
 */
export function settingProblems(
    values: Partial<Record<SettingName, unknown>>,
    shownAs: Partial<Record<SettingName, string>> = {},
): SettingProblem[] {
    const problems: SettingProblem[] = [];
    for (const setting of Object.keys(settingRules) as SettingName[]) {
        const value = values[setting];
        const rule: SettingRule<unknown> = settingRules[setting];
        if (value !== undefined && !rule.accepts(value)) {
            problems.push({ setting, message: `must be ${rule.allowed}; got ${shownAs[setting] ?? describe(value)}` });
        }
    }
    // Checked once both are valid on their own: Lambda rejects provisioned above reserved concurrency.
    const concurrencyProblem = problems.some((p) => p.setting.endsWith("Concurrency")) ? undefined : provisionedAboveReserved(values);
    if (concurrencyProblem) {
        problems.push({ setting: "provisionedConcurrency", message: concurrencyProblem });
    }
    return problems;
}
