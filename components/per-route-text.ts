/**
 * A value by route name as a short phrase for docs and usage text: `list-events 1024, the others 512`
 * names each route off the value most routes share; `512 for every route` when they all share it.
 * `unit` follows each value (`" MB"`).
 */
export function perRouteText(values: Readonly<Record<string, number>>, unit = ""): string {
    const entries = Object.entries(values);
    const shared = (value: number) => entries.filter(([, other]) => other === value).length;
    // The most shared value; on a tie, the first route's.
    const common = entries.map(([, value]) => value).reduce((best, value) => (shared(value) > shared(best) ? value : best));
    const named = entries.filter(([, value]) => value !== common).map(([name, value]) => `${name} ${value}${unit}`);
    if (named.length === 0) return `${common}${unit} for every route`;
    return `${named.join(", ")}, the ${shared(common) === 1 ? "other" : "others"} ${common}${unit}`;
}
