/** How a bad setting value is quoted in an error message: as JSON, except numbers JSON cannot show (NaN, Infinity). */
export function quoteValue(value: unknown): string {
    return typeof value === "number" ? String(value) : JSON.stringify(value);
}
