/**
 * The shard rule as the README states it, written independently of the handlers: an event goes to the
 * shard given by its id's first 32 bits modulo the shard count; shard 0's partition is `EVENT`, shard k's
 * `EVENT#k`.
 */
export function documentedPartition(id: string, shards: number): string {
    const shard = parseInt(id.slice(0, 8), 16) % shards;
    return shard === 0 ? "EVENT" : `EVENT#${shard}`;
}
