import { callerSubject } from "./lib/caller";
import { validateEventInput } from "./lib/event-input";
import { httpHandler, json } from "./lib/http";
import { idempotencyKey } from "./lib/idempotency";
import { readJsonObject } from "./lib/json-body";
import { createEvent } from "./lib/store/create-event";

/** POST /events */
const handler = httpHandler(async (event) => {
    const input = validateEventInput(readJsonObject(event));
    const created = await createEvent(input, idempotencyKey(event), callerSubject(event));
    return json(201, created.event, {
        location: `/events/${created.event.id}`,
        ...(created.replayed && { "idempotent-replayed": "true" }),
    });
});

// A CommonJS export, which is what Lambda loads: esbuild then adds no ES-module interop shim (~470 bytes).
export = { handler };
