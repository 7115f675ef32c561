import { eventIdFromPath } from "./lib/event-id";
import { HttpError } from "./lib/errors";
import { httpHandler, json } from "./lib/http";
import { getEvent } from "./lib/store/get-event";

/** GET /events/{id} */
const handler = httpHandler(async (event) => {
    const id = eventIdFromPath(event);
    const found = await getEvent(id);
    if (found === undefined) throw new HttpError(404, `Event ${id} not found`);
    return json(200, found);
});

// A CommonJS export, which is what Lambda loads: esbuild then adds no ES-module interop shim (~470 bytes).
export = { handler };
