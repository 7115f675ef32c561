import { isDateTimeWithOffset } from "./date-time";
import { badRequest } from "./errors";
import { type Event, eventFields, type EventInput } from "./event";

/** Why a client's string is refused for a field, or undefined when it is fine. */
type FieldRule = (value: string) => string | undefined;

/** Length in characters as people count them (code points), not UTF-16 units. */
const characters = (value: string) => [...value].length;

const atMost =
    (max: number): FieldRule =>
    (value) =>
        characters(value) > max ? `must be at most ${max} characters` : undefined;

/** The fields a client may send, each with its rule (the name's applies after trimming). */
const eventInputRules: Record<keyof EventInput, FieldRule> = {
    name: (value) => (value && characters(value) <= 200 ? undefined : "must be 1 to 200 characters after trimming"),
    startsAt: (value) => (isDateTimeWithOffset(value) ? undefined : "must be an ISO 8601 date-time with offset, e.g. 2030-05-01T18:00:00+02:00"),
    location: atMost(200),
    description: atMost(2000),
};

/**
 * With the `u` flag a surrogate pair is one code point, so this matches only unpaired halves. (The range,
 * not `\p{Cs}`: esbuild rewrites a property escape into a RegExp constructor call, twice the bytes.)
 */
const loneSurrogate = /[\ud800-\udfff]/u;

/**
 * Checks a parsed body against the event rules, naming the first offending field, and returns only
 * the known fields (never the input object, so no stray key can reach the store).
 */
export function validateEventInput(body: Record<string, unknown>): EventInput {
    for (const field of Object.keys(body)) {
        if (!Object.hasOwn(eventInputRules, field)) {
            // An event field without a rule (id, createdAt) is one the server makes: a client that
            // echoes an event back learns why it is refused.
            throw badRequest(eventFields.includes(field as keyof Event) ? `"${field}" is set by the server` : `Unknown field "${field}"`);
        }
    }
    const input: Record<string, string> = {};
    for (const [field, rule] of Object.entries(eventInputRules)) {
        let value = body[field];
        if (value === undefined) continue;
        // Only the name is trimmed (docs/api.md: 1..200 characters after trim); other strings are stored as given.
        if (field === "name" && typeof value === "string") value = value.trim();
        const problem =
            typeof value !== "string" ? "must be a string" : loneSurrogate.test(value) ? "must be valid Unicode text" : rule(value);
        if (problem) throw badRequest(`"${field}" ${problem}`);
        input[field] = value as string;
    }
    if (input.name === undefined) throw badRequest('"name" is required');
    return input as unknown as EventInput;
}
