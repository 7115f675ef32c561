import * as http from "http";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { localClient } from "../../local/dynalite";

export interface SentRequest {
    method?: string;
    /** Sent as is: no normalisation of `..` or percent-encoding, unlike fetch. */
    path: string;
    headers?: Record<string, string | string[]>;
    body?: string | Buffer;
}

export interface ReceivedResponse {
    status: number;
    headers: http.IncomingHttpHeaders;
    body: Buffer;
    text: string;
    /** The body parsed as JSON; throws when it is not JSON. */
    json(): unknown;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One raw HTTP request to the local stack. */
export function send(baseUrl: string, request: SentRequest): Promise<ReceivedResponse> {
    const { hostname, port } = new URL(baseUrl);
    return new Promise((resolve, reject) => {
        // Node sends a DELETE or GET body without a length unless told one; the server would misread it.
        const headers = request.body === undefined ? request.headers : { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) };
        const outgoing = http.request(
            { host: hostname, port, method: request.method ?? "GET", path: request.path, headers, agent },
            (incoming) => {
                const chunks: Buffer[] = [];
                incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
                incoming.on("error", reject);
                incoming.on("end", () => {
                    const body = Buffer.concat(chunks);
                    const text = body.toString("utf8");
                    resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body, text, json: () => JSON.parse(text) });
                });
            },
        );
        outgoing.on("error", reject);
        outgoing.end(request.body);
    });
}

/** A JSON POST. */
export function postJson(baseUrl: string, path: string, value: unknown, headers: Record<string, string> = {}) {
    return send(baseUrl, {
        method: "POST",
        path,
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(value),
    });
}

/** Every item of a table, sorted by key, for before/after comparisons. */
export async function scanTable(endpoint: string, tableName: string): Promise<Record<string, unknown>[]> {
    const client = localClient(endpoint);
    try {
        const items: Record<string, unknown>[] = [];
        let start: Record<string, unknown> | undefined;
        do {
            const page = await client.send(
                new ScanCommand({ TableName: tableName, ExclusiveStartKey: start as never, ConsistentRead: true }),
            );
            items.push(...((page.Items ?? []) as Record<string, unknown>[]));
            start = page.LastEvaluatedKey;
        } while (start);
        return items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    } finally {
        client.destroy();
    }
}
