import { quoteValue } from "./quote-value";

/** Where each alarm of the monitoring fires. Every value can be overridden per stack. */
export interface AlarmThresholds {
    /**
     * Lambda `Errors` of one function within one minute. Handlers answer expected failures with 4xx/5xx
     * responses, so an `Errors` datapoint is a crash or a timeout.
     * @default 1
     */
    functionErrors: number;
    /**
     * Lambda `Throttles` of one function within one minute (reserved concurrency or the account limit reached).
     * @default 1
     */
    functionThrottles: number;
    /**
     * Share of the function timeout that the p99 `Duration` over 5 minutes may reach before the alarm fires:
     * 0.8 with the 10 s default timeout alarms at 8000 ms, before requests start timing out.
     * @default 0.8
     */
    durationTimeoutRatio: number;
    /**
     * Percentage of the HTTP API's requests answered with a 5xx status over 5 minutes.
     * @default 1
     */
    api5xxPercent: number;
    /**
     * p99 `Latency` of the HTTP API over 5 minutes, in milliseconds.
     * @default 1000
     */
    apiLatencyP99Ms: number;
    /**
     * DynamoDB `ThrottledRequests` on the table, summed over the operations the routes use, within one minute.
     * @default 1
     */
    tableThrottledRequests: number;
}

export const defaultAlarmThresholds: Readonly<AlarmThresholds> = {
    functionErrors: 1,
    functionThrottles: 1,
    durationTimeoutRatio: 0.8,
    api5xxPercent: 1,
    apiLatencyP99Ms: 1000,
    tableThrottledRequests: 1,
};

interface Range {
    min: number;
    max: number;
    integer: boolean;
    /** Whether `min` itself is allowed. */
    minInclusive: boolean;
}

// HTTP API integrations time out after 30 s, so a latency alarm above that can never fire.
const ranges: Record<keyof AlarmThresholds, Range> = {
    functionErrors: { min: 1, max: 100000, integer: true, minInclusive: true },
    functionThrottles: { min: 1, max: 100000, integer: true, minInclusive: true },
    durationTimeoutRatio: { min: 0, max: 1, integer: false, minInclusive: false },
    api5xxPercent: { min: 0, max: 100, integer: false, minInclusive: false },
    apiLatencyP99Ms: { min: 1, max: 30000, integer: true, minInclusive: true },
    tableThrottledRequests: { min: 1, max: 100000, integer: true, minInclusive: true },
};

/** Thrown for an alarm threshold that cannot be applied; the message names the key and its range. */
export class AlarmThresholdError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "AlarmThresholdError";
    }
}

/**
 * The defaults with the given overrides applied, every override checked against its range.
 * `key` is the config key the overrides came from, used in error messages.
 */
export function resolveAlarmThresholds(overrides: unknown, key = "alarmThresholds"): AlarmThresholds {
    if (overrides === undefined) {
        return { ...defaultAlarmThresholds };
    }
    if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
        throw new AlarmThresholdError(
            `${key} must be a map with any of ${Object.keys(ranges).join(", ")}; got ${JSON.stringify(overrides)}`,
        );
    }
    const resolved = { ...defaultAlarmThresholds };
    for (const [name, value] of Object.entries(overrides)) {
        if (!Object.hasOwn(ranges, name)) {
            throw new AlarmThresholdError(
                `${key} has unknown threshold "${name}": valid thresholds are ${Object.keys(ranges).join(", ")}`,
            );
        }
        const threshold = name as keyof AlarmThresholds;
        resolved[threshold] = checkRange(`${key}.${name}`, value, ranges[threshold]);
    }
    return resolved;
}

function checkRange(key: string, value: unknown, range: Range): number {
    const aboveMin = typeof value === "number" && (range.minInclusive ? value >= range.min : value > range.min);
    if (!aboveMin || value > range.max || (range.integer && !Number.isInteger(value))) {
        throw new AlarmThresholdError(`${key} must be ${rangeText(range)}; got ${quoteValue(value)}`);
    }
    return value;
}

function rangeText(range: Range): string {
    const kind = range.integer ? "an integer" : "a number";
    return range.minInclusive ? `${kind} ${range.min}..${range.max}` : `${kind} above ${range.min} up to ${range.max}`;
}

/** Every threshold with the values it accepts, for messages and docs. */
export function thresholdRangesText(): string {
    return Object.entries(ranges)
        .map(([name, range]) => `${name} (${rangeText(range)})`)
        .join(", ");
}
