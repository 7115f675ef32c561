/**
 * RFC 3339 `date-time`, the ISO 8601 profile with a mandatory offset (2030-05-01T18:00:00+02:00), in years
 * 1900-9999 (earlier or later dates are typing mistakes for an event, and some clients cannot show them):
 * hour 00-23, minute and second 00-59, offset within 23:59. Group 1 is the date.
 */
export const dateTimePattern = /^((19|[2-9]\d)\d\d-\d\d-\d\d)T([01]\d|2[0-3])(:[0-5]\d){2}(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * A date-time that also names a real day. Date parses a date-only ISO string as that UTC day, refuses
 * month 13 or day 32 (toJSON gives null) and rolls Feb 30 over into March: only a real day comes back
 * unchanged.
 */
export function isDateTimeWithOffset(value: string): boolean {
    const date = dateTimePattern.exec(value)?.[1];
    // No match: new Date(undefined) is an Invalid Date, whose toJSON() is null.
    return !!new Date(date!).toJSON()?.startsWith(date!);
}
