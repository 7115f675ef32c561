import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/**
 * The kinds of value an EventsApi setting can take, as zod schemas whose every issue reads as the end of
 * a sentence about the setting: `must be <what is allowed>; got <the value given>`, or, inside a map,
 * `has "<entry>", which is not a <entry kind>: ...`. The settings schema (components/settings.ts) puts the
 * key (and the entry's path) in front, so each message names key, entry, value and what is allowed.
 */

/** A value as an error message quotes it: JSON, except numbers JSON cannot show (NaN, Infinity). */
export function quoteValue(value: unknown): string {
    return typeof value === "number" || value === undefined ? String(value) : JSON.stringify(value);
}

/** Error params for a schema and each of its checks: one sentence for every way the value can be wrong. */
export function mustBe(allowed: string) {
    return { error: (issue: { input?: unknown }) => `must be ${allowed}; got ${quoteValue(issue.input)}` };
}

/** An integer within `min..max`, in `unit`. */
export function integer(min: number, max: number, unit: string) {
    const error = mustBe(`an integer from ${min} to ${max} (${unit})`);
    return z.int(error).min(min, error).max(max, error);
}

/** An integer of 0 or more: a count of concurrent executions. */
export function count() {
    const error = mustBe("an integer of 0 or more");
    return z.int(error).min(0, error);
}

/** A number above 0 (an integer with `integer: true`), in `unit`. */
export function positive(unit: string, options: { integer?: boolean } = {}) {
    const error = mustBe(`a positive ${options.integer ? "integer" : "number"} (${unit})`);
    return (options.integer ? z.int(error) : z.number(error)).positive(error);
}

/** A number above 0 and at most `max`, in `unit`. */
export function aboveZeroUpTo(max: number, unit: string) {
    const error = mustBe(`a number above 0 and at most ${max} (${unit})`);
    return z.number(error).positive(error).max(max, error);
}

/** One of a closed set of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
    return z.enum(values, mustBe(`one of ${values.join(", ")}`));
}

/** One of a closed set of numbers. */
export function oneOfNumbers<const T extends readonly [number, ...number[]]>(values: T) {
    return z.literal(values, mustBe(`one of ${values.join(", ")}`));
}

export function boolean() {
    return z.boolean(mustBe("true or false"));
}

/** A string that matches `pattern`, described by `allowed`. */
export function matching(pattern: RegExp, allowed: string) {
    const error = mustBe(allowed);
    return z.string(error).regex(pattern, error);
}

/**
 * `known`, or a value another resource will make (a `pulumi.Output` or a Promise): the program can wire a
 * resource it creates into the setting. `known` checks the value once it is, where the component uses it.
 */
export function inputOf(known: z.ZodType<string>) {
    const later = z.custom<pulumi.Output<string> | Promise<string>>((value) => pulumi.Output.isInstance(value) || value instanceof Promise);
    return z.union([known, later], {
        error: (issue) => (issue.code === "invalid_union" ? issue.errors[0]?.[0]?.message : undefined),
    });
}

/** A non-empty list of `entry`, described by `allowed`. */
export function nonEmptyList<T extends z.ZodType>(entry: T, allowed: string) {
    const error = mustBe(allowed);
    return z.array(entry, error).min(1, error);
}

/** The message for map entries whose names are not among `names`. */
function unknownEntries(names: readonly string[], entryKind: string) {
    return (issue: { code?: string; keys?: string[] }) =>
        issue.code === "unrecognized_keys" && issue.keys
            ? `has ${issue.keys.map(quoteValue).join(", ")}, which ${issue.keys.length === 1 ? `is not a ${entryKind}` : `are not ${entryKind}s`}: ` +
              `the ${entryKind}s are ${names.join(", ")}`
            : undefined;
}

/**
 * One value for every route, or a map from route name to a value (routes left out get none); resolved
 * to a map by route name either way.
 */
export function perRoute(routeNames: readonly [string, ...string[]], value: z.ZodType<number>) {
    const byName = z.partialRecord(z.enum(routeNames), value, { error: unknownEntries(routeNames, "route") });
    const error = mustBe(`an integer of 0 or more for every route, or a map from route name (${routeNames.join(", ")}) to such an integer`);
    return z
        .union([value, byName], error)
        .transform((given): Partial<Record<string, number>> =>
            typeof given === "number" ? Object.fromEntries(routeNames.map((name) => [name, given])) : given,
        );
}

/** A route's throttle: either limit or both (a limit left out keeps its default). */
export function throttleLimits() {
    return z.strictObject(
        { rateLimit: positive("requests per second").optional(), burstLimit: positive("requests", { integer: true }).optional() },
        mustBe('an object with rateLimit (requests per second) and/or burstLimit (requests), such as {"rateLimit": 50, "burstLimit": 20}'),
    );
}

/** A map from route name to `entry` (routes left out get their default). */
export function byRoute<T extends z.ZodType>(routeNames: readonly [string, ...string[]], entry: T) {
    return z.partialRecord(z.enum(routeNames), entry, {
        error: (issue) =>
            unknownEntries(routeNames, "route")(issue) ?? `must be a map from route name (${routeNames.join(", ")}) to its limits; got ${quoteValue(issue.input)}`,
    });
}

/**
 * A map of named entries, each with its own kind and default; `entryKind` names what an entry is in the
 * message for an unknown one ("threshold").
 */
export function namedEntries<T extends z.core.$ZodLooseShape>(shape: T, entryKind: string) {
    const names = Object.keys(shape);
    return z.strictObject(shape, {
        error: (issue) =>
            unknownEntries(names, entryKind)(issue) ??
            `must be a map from ${entryKind} name (${names.join(", ")}) to its value; got ${quoteValue(issue.input)}`,
    });
}
