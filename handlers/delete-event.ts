import { eventIdFromPath } from "./lib/event-id";
import { HttpError } from "./lib/errors";
import { httpHandler, noContent } from "./lib/http";
import { deleteEvent } from "./lib/store/delete-event";

/** DELETE /events/{id} */
const handler = httpHandler(async (event) => {
    const id = eventIdFromPath(event);
    if (!(await deleteEvent(id))) throw new HttpError(404, `Event ${id} not found`);
    return noContent();
});

// A CommonJS export, which is what Lambda loads: esbuild then adds no ES-module interop shim (~470 bytes).
export = { handler };
