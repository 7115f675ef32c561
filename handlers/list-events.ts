import { cursorCodec } from "./lib/cursor";
import { tableName } from "./lib/dynamo";
import { httpHandler, json } from "./lib/http";
import { pageLimit } from "./lib/list-query";
import { primeWith } from "./lib/prime";
import { listEvents, listIndexName } from "./lib/store/list-events";
import { listShards } from "./lib/store/list-shards";

const cursors = cursorCodec(`${tableName}/${listIndexName}`, listShards);

/** GET /events: `{"items": [...], "nextCursor": "..." | null}`, newest first. */
export const handler = httpHandler(async (event) => {
    const limit = pageLimit(event);
    const cursor = event.queryStringParameters?.cursor;
    const page = await listEvents(limit, cursor === undefined ? undefined : cursors.decode(cursor));
    return json(200, { items: page.items, nextCursor: page.next ? cursors.encode(page.next) : null });
});

/**
 * Init's request (lib/prime.ts): a one-event first page, which queries every shard and so opens the
 * connections the first request's page then reuses, one per shard.
 */
export const prime = primeWith(() => listEvents(1));
