import { eventIdFromPath } from "./lib/event-id";
import { NotFoundError } from "./lib/errors";
import { httpHandler, noContent } from "./lib/http";
import { deleteEvent } from "./lib/store/delete-event";

/** DELETE /events/{id} */
export const handler = httpHandler(async (event) => {
    const id = eventIdFromPath(event);
    if (!(await deleteEvent(id))) throw new NotFoundError(`Event ${id} not found`);
    return noContent();
});
