import { jwtOf } from "./lib/caller";
import { eventIdFromPath, notFound } from "./lib/event-id";
import { httpHandler, json } from "./lib/http";
import { primeWith } from "./lib/prime";
import { getEvent } from "./lib/store/get-event";

/** GET /events/{id} */
export const handler = httpHandler(async (event) => {
    const id = eventIdFromPath(event);
    const found = await getEvent(id, jwtOf(event)?.claims.sub);
    if (found === undefined) throw notFound(id);
    return json(200, found);
});

/** Init's request (lib/prime.ts): its GetItem. */
export const prime = primeWith(getEvent);
