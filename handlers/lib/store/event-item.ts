import { tableSchema } from "../../../components/table-schema";
import type { Event } from "../event";

/**
 * How an event is stored: `pk = EVENT#<id>`, plus the listing attributes that put it in the sparse
 * index (any other item kind leaves them out), plus the event's own fields.
 */
export type EventItem = Record<string, unknown>;

/** The index partition every event shares; `listSk` orders it by creation time. */
export const listPartition = "EVENT";

export function eventKey(id: string): Record<string, string> {
    return { [tableSchema.partitionKey]: `EVENT#${id}` };
}

/** Fixed-width ISO time first, so string order is time order; the id makes it unique. */
export function listSortKey(createdAt: string, id: string): string {
    return `${createdAt}#${id}`;
}

export function toItem(event: Event, extra: Record<string, string> = {}): EventItem {
    return {
        ...eventKey(event.id),
        [tableSchema.listIndex.partitionKey]: listPartition,
        [tableSchema.listIndex.sortKey]: listSortKey(event.createdAt, event.id),
        ...event,
        ...extra,
    };
}

/** The public event: a whitelist, so keys and bookkeeping attributes never reach a response. */
export function toEvent(item: EventItem): Event {
    const { id, name, startsAt, location, description, createdAt } = item as unknown as Event;
    return {
        id,
        name,
        ...(startsAt !== undefined && { startsAt }),
        ...(location !== undefined && { location }),
        ...(description !== undefined && { description }),
        createdAt,
    };
}
