import type { JwtContext } from "./lib/caller";
import type { Problem } from "./lib/errors";
import { validateEventInput } from "./lib/event-input";
import { httpHandler, json } from "./lib/http";
import { idempotencyKey } from "./lib/idempotency";
import { readJsonObject } from "./lib/json-body";
import { primeWith } from "./lib/prime";
import { createEvent, readEventItem } from "./lib/store/create-event";

/** POST /events */
export const handler = httpHandler(async (event) => {
    const problems: Problem[] = [];
    const key = idempotencyKey(event, problems);
    const input = validateEventInput(readJsonObject(event, problems), problems);
    // The caller's sub, read inline: a call of jwtOf costs the bundle bytes it cannot spare.
    const created = await createEvent(input, key, (event.requestContext as { authorizer?: { jwt: JwtContext } }).authorizer?.jwt.claims.sub);
    return json(201, created.event, {
        location: `/events/${created.event.id}`,
        ...(created.replayed && { "idempotent-replayed": "true" }),
    });
});

/** Init's request (lib/prime.ts): its read of an Idempotency-Key's winner, a strongly consistent GetItem. */
export const prime = primeWith(readEventItem);
