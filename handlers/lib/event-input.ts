import { BadRequestError } from "./errors";
import type { EventInput } from "./event";
import { loneSurrogate } from "./json-body";

export const eventLimits = { name: 200, location: 200, description: 2000 } as const;

const serverFields = new Set(["id", "createdAt"]);
const clientFields = new Set(["name", "startsAt", "location", "description"]);

// RFC 3339 `date-time` (the ISO 8601 profile with a mandatory offset): 2030-05-01T18:00:00+02:00.
const dateTimePattern =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

// Not Date.UTC: it maps years 0-99 to 1900-1999 and would misjudge leap days there.
function daysInMonth(year: number, month: number): number {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return month === 2 ? (leap ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** A syntactically valid date-time that also names a real instant (no Feb 30, no hour 24). */
export function isDateTimeWithOffset(value: string): boolean {
    const match = dateTimePattern.exec(value);
    if (!match) return false;
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
    const offsetHour = match[9] === undefined ? 0 : Number(match[9]);
    const offsetMinute = match[10] === undefined ? 0 : Number(match[10]);
    return (
        month >= 1 && month <= 12 &&
        day >= 1 && day <= daysInMonth(year, month) &&
        hour <= 23 && minute <= 59 && second <= 59 &&
        offsetHour <= 23 && offsetMinute <= 59
    );
}

/** Length in characters as people count them (code points), not UTF-16 units. */
function characters(value: string): number {
    return [...value].length;
}

function text(body: Record<string, unknown>, field: string, max: number): string | undefined {
    const value = body[field];
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw new BadRequestError(`"${field}" must be a string`);
    if (loneSurrogate.test(value)) throw new BadRequestError(`"${field}" must be valid Unicode text`);
    if (characters(value) > max) throw new BadRequestError(`"${field}" must be at most ${max} characters`);
    return value;
}

/**
 * Checks a parsed body against the event rules, naming the first offending field, and returns only
 * the known fields (never the input object, so no stray key can reach the store).
 */
export function validateEventInput(body: Record<string, unknown>): EventInput {
    for (const field of Object.keys(body)) {
        if (serverFields.has(field)) throw new BadRequestError(`"${field}" is set by the server and cannot be sent`);
        if (!clientFields.has(field)) throw new BadRequestError(`Unknown field "${field}"`);
    }
    const name = text(body, "name", Number.MAX_SAFE_INTEGER)?.trim();
    if (name === undefined) throw new BadRequestError(`"name" is required`);
    if (name.length === 0 || characters(name) > eventLimits.name) {
        throw new BadRequestError(`"name" must be 1 to ${eventLimits.name} characters (surrounding spaces are trimmed)`);
    }
    const startsAt = text(body, "startsAt", Number.MAX_SAFE_INTEGER);
    if (startsAt !== undefined && !isDateTimeWithOffset(startsAt)) {
        throw new BadRequestError(`"startsAt" must be an ISO 8601 date-time with offset, e.g. 2030-05-01T18:00:00+02:00`);
    }
    const location = text(body, "location", eventLimits.location);
    const description = text(body, "description", eventLimits.description);
    return {
        name,
        ...(startsAt !== undefined && { startsAt }),
        ...(location !== undefined && { location }),
        ...(description !== undefined && { description }),
    };
}
