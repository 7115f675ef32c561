import { cursorCodec } from "./lib/cursor";
import { tableName } from "./lib/dynamo";
import { httpHandler, json } from "./lib/http";
import { pageLimit } from "./lib/list-query";
import { listEvents, listIndexName } from "./lib/store/list-events";
import { listShards } from "./lib/store/list-shards";

const cursors = cursorCodec(`${tableName}/${listIndexName}`, listShards);

/** GET /events: `{"items": [...], "nextCursor": "..." | null}`, newest first. */
const handler = httpHandler(async (event) => {
    const limit = pageLimit(event);
    const cursor = event.queryStringParameters?.cursor;
    const page = await listEvents(limit, cursor === undefined ? undefined : cursors.decode(cursor));
    return json(200, { items: page.items, nextCursor: page.next ? cursors.encode(page.next) : null });
});

// A CommonJS export, which is what Lambda loads: esbuild then adds no ES-module interop shim (~470 bytes).
export = { handler };
