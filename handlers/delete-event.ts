import { jwtOf } from "./lib/caller";
import { eventIdFromPath } from "./lib/event-id";
import { httpHandler, noContent } from "./lib/http";
import { primeWith } from "./lib/prime";
import { deleteEvent, isAdmin } from "./lib/store/delete-event";

/**
 * DELETE /events/{id}: with a JWT authorizer, only the caller's own event (its `createdBy` is the token's
 * `sub`), or any event for a token with an admin scope; without one (open writes), any event.
 */
export const handler = httpHandler(async (event) => {
    const id = eventIdFromPath(event);
    const jwt = jwtOf(event);
    const admin = jwt && isAdmin(jwt.scopes ?? jwt.claims.scope?.split(" ") ?? []);
    // A token without sub owns nothing: "" is no event's createdBy.
    await deleteEvent(id, jwt && !admin ? (jwt.claims.sub ?? "") : undefined);
    return noContent();
});

/** Init's request (lib/prime.ts): its conditional DeleteItem of an id no event has, which fails its condition and changes nothing. */
export const prime = primeWith(deleteEvent);
