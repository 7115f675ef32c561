import { isDateTimeWithOffset } from "./date-time";
import { invalidRequest, type Problem } from "./errors";
import type { EventInput } from "./event";
import { forbiddenCharacters, lineBreaks } from "./text-rules";

/**
 * The rule of one text field. Lengths are in characters as people count them (code points), after the
 * text is normalised to NFC (so "é" typed as e + combining accent is one character, stored as U+00E9)
 * and, with `trim`, trimmed. The OpenAPI document's event schema is made from these rules too.
 */
export interface TextRule {
    /** Fewest characters; a field with a minimum is required. @default 0 */
    min?: number;
    max?: number;
    /** Leading and trailing whitespace removed before the other checks. */
    trim?: true;
    /** Tab and newline allowed. */
    multiline?: true;
    /** An ISO 8601 date-time with offset (date-time.ts) instead of a length. */
    dateTime?: true;
}

/** The fields a client may send, each with its rule. */
export const eventInputRules: Record<keyof EventInput, TextRule> = {
    name: { min: 1, max: 200, trim: true },
    startsAt: { dateTime: true },
    location: { max: 200 },
    description: { max: 2000, multiline: true },
};

/**
 * Checks a parsed body against the event rules and returns only the known fields, normalised (never the
 * input object, so no stray key can reach the store). Every problem is reported, with those already in
 * `problems` (the request's headers), as one 400.
 */
export function validateEventInput(body: Record<string, unknown>, problems: Problem[] = []): EventInput {
    const problem = (field: string, reason: string) => problems.push({ field, reason });
    // An unknown field, or one the server makes (id, createdAt, createdBy: a client that echoes an event
    // back learns why it is refused). JSON.parse makes own properties only, `__proto__` included.
    for (const field in body) if (!Object.hasOwn(eventInputRules, field)) problem(field, "is not a field a client may set");
    const input: Record<string, string> = {};
    for (const [field, { min = 0, max = 0, trim, multiline, dateTime }] of Object.entries(eventInputRules) as [string, TextRule][]) {
        const value = body[field];
        if (value === undefined) {
            if (min) problem(field, "is required");
        } else if (typeof value !== "string") {
            problem(field, "must be a string");
        } else {
            const text = trim ? value.normalize().trim() : value.normalize();
            const length = [...text].length;
            const reason =
                forbiddenCharacters.test(text) || (!multiline && lineBreaks.test(text))
                    ? "must not contain control or bidirectional formatting characters"
                    : dateTime
                      ? isDateTimeWithOffset(text) ? "" : "must be an ISO 8601 date-time with offset, years 1900 to 9999"
                      : length < min || length > max
                        ? `must be ${min ? `${min} to` : "at most"} ${max} characters${trim ? " after trimming" : ""}`
                        : "";
            if (reason) problem(field, reason);
            input[field] = text;
        }
    }
    if (problems.length) throw invalidRequest(problems);
    return input as unknown as EventInput;
}
