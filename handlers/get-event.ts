import { eventIdFromPath } from "./lib/event-id";
import { NotFoundError } from "./lib/errors";
import { httpHandler, json } from "./lib/http";
import { getEvent } from "./lib/store/get-event";

/** GET /events/{id} */
export const handler = httpHandler(async (event) => {
    const id = eventIdFromPath(event);
    const found = await getEvent(id);
    if (found === undefined) throw new NotFoundError(`Event ${id} not found`);
    return json(200, found);
});
