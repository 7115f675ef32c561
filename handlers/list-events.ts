import { jwtOf } from "./lib/caller";
import { cursorCodec } from "./lib/cursor";
import { tableName } from "./lib/dynamo";
import { invalidRequest, type Problem } from "./lib/errors";
import { httpHandler, json } from "./lib/http";
import { pageLimit, queryParameter } from "./lib/list-query";
import { primeWith } from "./lib/prime";
import { listEvents, listIndexName } from "./lib/store/list-events";
import { listShards } from "./lib/store/list-shards";

const cursors = cursorCodec(`${tableName}/${listIndexName}`, listShards);

/** GET /events: `{"items": [...], "nextCursor": "..." | null}`, newest first (the index is eventually consistent). */
export const handler = httpHandler(async (event) => {
    const problems: Problem[] = [];
    const limit = pageLimit(event, problems);
    const cursor = queryParameter(event, "cursor", problems);
    const after = cursor === undefined ? undefined : cursors.decode(cursor, problems);
    if (problems.length) throw invalidRequest(problems);
    const page = await listEvents(limit, after, jwtOf(event)?.claims.sub);
    return json(200, { items: page.items, nextCursor: page.next ? cursors.encode(page.next) : null });
});

/**
 * Init's request (lib/prime.ts): a one-event first page, which queries every shard and so opens the
 * connections the first request's page then reuses, one per shard.
 */
export const prime = primeWith(() => listEvents(1));
