/**
 * What DynamoDB bills a Query, from the items it returned (DynamoDB JSON, as on the wire): an item's size
 * is the sum of its attribute names' and values' lengths in UTF-8 bytes; a Query's items are summed and
 * rounded up to the next 4 KB, and an eventually consistent read (every index read is) costs half a read
 * unit per 4 KB, at least half a unit
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html).
 */

type AttributeValue = Record<string, unknown>;

/** One attribute value's size: strings and binaries by length, numbers by digits, others by their JSON. */
function valueBytes(value: AttributeValue): number {
    if (typeof value.S === "string") return Buffer.byteLength(value.S);
    // Numbers are stored in up to 38 significant digits, about one byte per two digits plus one.
    if (typeof value.N === "string") return Math.ceil(value.N.replace(/^-|\./g, "").length / 2) + 1;
    if (typeof value.B === "string") return Buffer.from(value.B, "base64").length;
    return Buffer.byteLength(JSON.stringify(value));
}

export function itemBytes(item: Record<string, AttributeValue>): number {
    return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueBytes(value), 0);
}

/** Read units of one eventually consistent Query that returned `items`. */
export function queryReadUnits(items: readonly Record<string, AttributeValue>[]): number {
    const bytes = items.reduce((sum, item) => sum + itemBytes(item), 0);
    return Math.max(1, Math.ceil(bytes / 4096)) / 2;
}
