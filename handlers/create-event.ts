import { validateEventInput } from "./lib/event-input";
import { httpHandler, json } from "./lib/http";
import { idempotencyKey } from "./lib/idempotency";
import { readJsonObject } from "./lib/json-body";
import { primeWith } from "./lib/prime";
import { createEvent, readEventItem } from "./lib/store/create-event";

/**
 * What API Gateway's JWT authorizer adds to the event on a guarded route: the verified token's claims, as
 * strings. The authorizer checked the token before the function ran, so the handler trusts `sub` and
 * verifies nothing itself; an open route has no authorizer, and the creator is unknown. Read inline: a
 * helper costs the bundle bytes it cannot spare.
 */
type WithJwtClaims = { authorizer?: { jwt: { claims: Record<string, string | undefined> } } };

/** POST /events */
export const handler = httpHandler(async (event) => {
    const input = validateEventInput(readJsonObject(event));
    const created = await createEvent(input, idempotencyKey(event), (event.requestContext as WithJwtClaims).authorizer?.jwt.claims.sub);
    return json(201, created.event, {
        location: `/events/${created.event.id}`,
        ...(created.replayed && { "idempotent-replayed": "true" }),
    });
});

/** Init's request (lib/prime.ts): its read of an Idempotency-Key's winner, a strongly consistent GetItem. */
export const prime = primeWith(readEventItem);
