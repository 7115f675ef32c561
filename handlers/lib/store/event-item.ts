import { tableSchema } from "../../../components/table-schema";
import { type Event, eventFields } from "../event";

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

/** The listing attributes, also the index part of a listing's ExclusiveStartKey. */
export function listKey({ createdAt, id }: Pick<Event, "createdAt" | "id">): Record<string, string> {
    // Fixed-width ISO time first, so string order is time order; the id makes it unique.
    return { [tableSchema.listIndex.partitionKey]: listPartition, [tableSchema.listIndex.sortKey]: `${createdAt}#${id}` };
}

export function toItem(event: Event): EventItem {
    return { ...eventKey(event.id), ...listKey(event), ...event };
}

/** The public event: a whitelist, so keys and bookkeeping attributes never reach a response. */
export function toEvent(item: EventItem): Event {
    return Object.fromEntries(eventFields.filter((field) => item[field] !== undefined).map((field) => [field, item[field]])) as unknown as Event;
}
