import { validateEventInput } from "./lib/event-input";
import { httpHandler, json } from "./lib/http";
import { idempotencyKey } from "./lib/idempotency";
import { readJsonObject } from "./lib/json-body";
import { createEvent, createEventOnce } from "./lib/store/create-event";

/** POST /events */
export const handler = httpHandler(async (event) => {
    const input = validateEventInput(readJsonObject(event));
    const key = idempotencyKey(event);
    const created = key === undefined ? await createEvent(input) : await createEventOnce(input, key);
    return json(201, created.event, {
        location: `/events/${created.event.id}`,
        ...(created.replayed && { "idempotent-replayed": "true" }),
    });
});
