import { HttpError } from "./lib/errors";
import { eventIdFromPath } from "./lib/event-id";
import { httpHandler, json } from "./lib/http";
import { primeWith } from "./lib/prime";
import { getEvent } from "./lib/store/get-event";

/** GET /events/{id} */
export const handler = httpHandler(async (event) => {
    const id = eventIdFromPath(event);
    const found = await getEvent(id);
    if (found === undefined) throw new HttpError(404, `Event ${id} not found`);
    return json(200, found);
});

/** Init's request (lib/prime.ts): its GetItem. */
export const prime = primeWith(getEvent);
