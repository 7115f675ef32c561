/** What a client may send to create an event. */
export interface EventInput {
    name: string;
    /** ISO 8601 date-time with an offset, as the client sent it. */
    startsAt?: string;
    location?: string;
    description?: string;
}

/** An event as the API returns it. */
export interface Event extends EventInput {
    /** Server-made UUID. */
    id: string;
    /** Server time of creation, `new Date().toISOString()`. */
    createdAt: string;
    /** The `sub` of the verified token that created it; absent when the route took no token. */
    createdBy?: string;
}

/** An event's fields in response order: the whitelist of what may leave the table. */
export const eventFields = ["id", "name", "startsAt", "location", "description", "createdAt", "createdBy"] as const satisfies readonly (keyof Event)[];
