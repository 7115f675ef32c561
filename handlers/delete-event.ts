import { HttpError } from "./lib/errors";
import { eventIdFromPath } from "./lib/event-id";
import { httpHandler, noContent } from "./lib/http";
import { primeWith } from "./lib/prime";
import { deleteEvent } from "./lib/store/delete-event";

/** DELETE /events/{id} */
export const handler = httpHandler(async (event) => {
    const id = eventIdFromPath(event);
    if (!(await deleteEvent(id))) throw new HttpError(404, `Event ${id} not found`);
    return noContent();
});

/** Init's request (lib/prime.ts): its DeleteItem, of an id no event has. */
export const prime = primeWith(deleteEvent);
