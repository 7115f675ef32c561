import { listSortKeyAttribute } from "../../components/table-schema";
import type { ListCursor } from "./cursor";
import type { EventItem } from "./store/event-item";

/** What one shard's Query returned: its items newest first, and whether DynamoDB stopped before the shard's end. */
export interface ShardRead {
    items: EventItem[];
    more: boolean;
}

export interface MergedPage {
    items: EventItem[];
    /** Absent on the last page. */
    next?: ListCursor;
}

const sortKey = (item: EventItem) => item[listSortKeyAttribute] as string;

/**
 * Merges the shards' reads (one per shard, `undefined` for a shard already known to be exhausted) into
 * one page: the `limit` newest items of all, in sort key order (creation time, then id, so ties always
 * come out the same way). A shard that stopped early (its Limit, or DynamoDB's 1 MB response size) has
 * unread items below its last one, so the page never goes below that item: whatever the page leaves
 * out, every shard holds only older items than the page's last one, which is what the cursor says.
 */
export function mergeShards(limit: number, reads: readonly (ShardRead | undefined)[]): MergedPage {
    const merged = reads
        .flatMap((read, shard) => (read?.items ?? []).map((item) => ({ item, shard, key: sortKey(item) })))
        .sort((a, b) => (a.key < b.key ? 1 : -1));
    const floor = reads.reduce((low, read) => {
        const last = read?.more ? read.items.at(-1) : undefined;
        return last && sortKey(last) > low ? sortKey(last) : low;
    }, "");
    const page = merged.filter(({ key }) => key >= floor).slice(0, limit);
    const left = merged.slice(page.length);
    const exhausted = reads.map((read, shard) => !read || (!read.more && !left.some((entry) => entry.shard === shard)));
    const last = page.at(-1)?.item;
    const next = last && exhausted.includes(false) ? { after: { createdAt: last.createdAt as string, id: last.id as string }, exhausted } : undefined;
    return { items: page.map(({ item }) => item), ...(next && { next }) };
}
