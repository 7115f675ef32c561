import { listPartition, listPartitionKeyAttribute, listSortKeyAttribute, partitionKeyAttribute } from "../../../components/table-schema";
import { type Event, eventFields } from "../event";

/**
 * How an event is stored: `pk = EVENT#<id>`, plus the listing attributes that put it in the sparse
 * index (any other item kind leaves them out), plus the event's own fields. A deleted event whose id came
 * from an Idempotency-Key leaves a tombstone under the same key instead (store/delete-event.ts): no event
 * field, no listing attribute, only `deletedAt` and the `expiresAt` DynamoDB's TTL deletes it after.
 */
export type EventItem = Record<string, unknown>;

/** How long a tombstone keeps an Idempotency-Key spent after its event is deleted: a day, like the key's retry window. */
export const tombstoneSeconds = 86_400;

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

/**
 * The public event: a whitelist, so keys and bookkeeping attributes never reach a response. `createdBy`
 * is shown to its owner only (the `sub` of the caller's token): who created what is no one else's
 * business, and a reader without a token is no one's owner.
 */
export function toEvent(item: EventItem, caller?: string): Event {
    return Object.fromEntries(
        eventFields.filter((field) => item[field] !== undefined && (field !== "createdBy" || item[field] === caller)).map((field) => [field, item[field]]),
    ) as unknown as Event;
}
