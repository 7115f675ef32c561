/**
 * RFC 3339 `date-time`, the ISO 8601 profile with a mandatory offset (2030-05-01T18:00:00+02:00):
 * hour 00-23, minute and second 00-59, offset within 23:59. Group 1 is the date.
 */
const dateTimePattern = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * A date-time that also names a real day. Date parses a date-only ISO string as that UTC day, keeps
 * years 0-99 as written (Date.UTC would not), refuses month 13 or day 32 (toJSON gives null) and
 * rolls Feb 30 over into March: only a real day comes back unchanged.
 */
export function isDateTimeWithOffset(value: string): boolean {
    const date = dateTimePattern.exec(value)?.[1];
    return date !== undefined && new Date(date).toJSON()?.startsWith(date) === true;
}
