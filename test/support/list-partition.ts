/**
 * The listing partition an event's id gives, as docs/listing.md states the rule: its first 32 bits (here
 * the id's first four bytes, read as a big-endian integer) modulo the shard count; shard 0's partition
 * is `EVENT`, shard k's `EVENT#k`. The handler tests need it for random ids; test/list-partition.test.ts
 * pins it, and the schema's own functions, to shards worked out by hand for known ids.
 */
export function documentedPartition(id: string, shards: number): string {
    const shard = Buffer.from(id.slice(0, 8), "hex").readUInt32BE(0) % shards;
    return shard === 0 ? "EVENT" : `EVENT#${shard}`;
}
