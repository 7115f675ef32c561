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
 * A string for which `check` holds, described by `allowed`; `hint` may add what the value should have
 * been (a URL written canonically) to the message.
 */
export function satisfying(check: (text: string) => boolean, allowed: string, hint: (text: string) => string | undefined = () => undefined) {
    const error = mustBe(allowed);
    return z.string(error).refine(check, {
        error: (issue) => {
            const better = typeof issue.input === "string" ? hint(issue.input) : undefined;
            return `${error.error(issue)}${better === undefined ? "" : ` (${better})`}`;
        },
    });
}

/** A value another resource will make: a `pulumi.Output` or a Promise, known only once that resource is. */
export function isDeferred(value: unknown): value is pulumi.Output<unknown> | Promise<unknown> {
    return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/** Whether any part of `value` (itself, a list entry, a map entry) is deferred. */
export function containsDeferred(value: unknown): boolean {
    if (isDeferred(value)) return true;
    if (Array.isArray(value)) return value.some(containsDeferred);
    return typeof value === "object" && value !== null && Object.values(value).some(containsDeferred);
}

/** Adds `issues` of a value at `path` inside the one being checked. */
function forward(context: z.core.$RefinementCtx, issues: readonly z.core.$ZodIssue[], path: PropertyKey[] = []): void {
    for (const issue of issues) context.addIssue({ ...issue, path: [...path, ...issue.path] } as z.core.$ZodRawIssue);
}

/**
 * `known`, or a value another resource will make (`pulumi.Input<string>`), so the program can wire a
 * resource it creates into the setting. A known value is checked now; a deferred one by the same rule
 * once it is known (components/known-settings.ts).
 */
export function inputOf(known: z.ZodType<string>) {
    return z.custom<pulumi.Input<string>>().superRefine((value, context) => {
        if (isDeferred(value)) return;
        const result = known.safeParse(value);
        if (!result.success) forward(context, result.error.issues);
    });
}

/**
 * A non-empty list of `entry`, described by `allowed`, whose entries, or the whole list, another resource
 * may make (`pulumi.Input<pulumi.Input<string>[]>`). Every entry known now is checked now, with `list`'s
 * checks of the known entries; the rest once known.
 */
export function inputListOf(entry: z.ZodType<string>, allowed: string, list: (known: string[], context: z.core.$RefinementCtx) => void = () => undefined) {
    const error = mustBe(allowed);
    return z.custom<pulumi.Input<pulumi.Input<string>[]>>().superRefine((value, context) => {
        if (isDeferred(value)) return;
        if (!Array.isArray(value) || value.length === 0) {
            context.addIssue({ code: "custom", message: error.error({ input: value }) });
            return;
        }
        value.forEach((item, i) => {
            if (isDeferred(item)) return;
            const result = entry.safeParse(item);
            if (!result.success) forward(context, result.error.issues, [i]);
        });
        list(value.filter((item): item is string => typeof item === "string"), context);
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

/** What `rule` allows, in the words of its own message for a value of the wrong type (`must be <this>; got ...`). */
export function allowedBy(rule: z.ZodType): string {
    const result = rule.safeParse(Symbol("not a setting value"));
    const message = result.success ? "" : result.error.issues[0].message;
    const allowed = /^must be (.*); got /.exec(message)?.[1];
    if (!allowed) throw new Error(`no "must be ...; got" message for a wrong type (${message})`);
    return allowed;
}

/**
 * One integer (by the `integer` rule) for every route, or a map from route name to one (routes left out
 * get none); resolved to a map by route name either way.
 */
export function perRoute(routeNames: readonly [string, ...string[]], integer: z.ZodType<number>) {
    const byName = z.partialRecord(z.enum(routeNames), integer, { error: unknownEntries(routeNames, "route") });
    const error = mustBe(`${allowedBy(integer)} for every route, or a map from route name (${routeNames.join(", ")}) to such an integer`);
    const isMap = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
    // A number is checked as the integer and an object as the map, so each problem names what is wrong
    // where it is (`memorySize.get-event ... got "big"`), not just that neither form matched.
    return z
        .custom<number | Partial<Record<string, number>>>((value) => typeof value === "number" || isMap(value), error)
        .transform((given, context): Partial<Record<string, number>> => {
            const result = typeof given === "number" ? integer.safeParse(given) : byName.safeParse(given);
            if (!result.success) {
                forward(context, result.error.issues);
                return z.NEVER;
            }
            const value = result.data;
            return typeof value === "number" ? Object.fromEntries(routeNames.map((name) => [name, value])) : value;
        });
}

/**
 * `perRoute` where every route has a default of its own (`defaults`, by route name): a route the map leaves
 * out keeps its default, so the value is always a complete map by route name.
 */
export function perRouteWithDefaults(defaults: Readonly<Record<string, number>>, integer: z.ZodType<number>) {
    return perRoute(Object.keys(defaults) as [string, ...string[]], integer)
        .transform((given): Record<string, number> => ({ ...defaults, ...given }) as Record<string, number>)
        .default(() => ({ ...defaults }));
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
