import { listPartition, listPartitionKeyAttribute, listSortKeyAttribute, partitionKeyAttribute } from "../../../components/table-schema";
import { type Event, eventFields } from "../event";

/**
 * How an event is stored: `pk = EVENT#<id>`, plus the listing attributes that put it in the sparse
 * index (any other item kind leaves them out), plus the event's own fields.
 */
export type EventItem = Record<string, unknown>;

export function eventKey(id: string): Record<string, string> {
    return { [partitionKeyAttribute]: `EVENT#${id}` };
}

/** Fixed-width ISO time first, so string order is time order; the id makes it unique and breaks ties. */
export function listSortKey({ createdAt, id }: Pick<Event, "createdAt" | "id">): string {
    return `${createdAt}#${id}`;
}

/** The event's item, in the index partition of `shard`. */
export function toItem(event: Event, shard: number): EventItem {
    return {
        ...eventKey(event.id),
        [listPartitionKeyAttribute]: listPartition(shard),
        [listSortKeyAttribute]: listSortKey(event),
        ...event,
    };
}

/** The public event: a whitelist, so keys and bookkeeping attributes never reach a response. */
export function toEvent(item: EventItem): Event {
    return Object.fromEntries(eventFields.filter((field) => item[field] !== undefined).map((field) => [field, item[field]])) as unknown as Event;
}
