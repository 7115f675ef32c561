import * as http from "http";
import * as net from "net";

/**
 * A pass-through to a DynamoDB endpoint (dynalite) that records every call: what the tests use to see
 * which operations a handler makes and how, and what the benchmark uses to count the items a listing
 * page reads (each Query answer's `Count`), without touching the code it measures.
 */

/** A DynamoDB request as the proxy saw it: the operation, its JSON input and the answer's JSON. */
export interface RecordedCall {
    operation: string;
    input: Record<string, unknown>;
    output: Record<string, unknown>;
}

export interface TestServer {
    endpoint: string;
    /** The `X-Amz-Target` operation of every request received, e.g. `GetItem`, in order. */
    operations: string[];
    close(): Promise<void>;
}

export interface RecordingProxy extends TestServer {
    /** Every call answered so far, in the order the answers came. */
    calls: RecordedCall[];
}

/** Listens on a free loopback port; `close` also ends the connections a keep-alive client left open. */
export async function listen(server: net.Server, operations: string[]): Promise<TestServer> {
    const sockets = new Set<net.Socket>();
    server.on("connection", (socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    return {
        endpoint: `http://127.0.0.1:${port}`,
        operations,
        close: () =>
            new Promise<void>((resolve) => {
                for (const socket of sockets) socket.destroy();
                server.close(() => resolve());
            }),
    };
}

export function operationOf(request: http.IncomingMessage): string {
    return String(request.headers["x-amz-target"] ?? "").replace(/^DynamoDB_\d+\./, "");
}

const readJson = (stream: NodeJS.ReadableStream) =>
    new Promise<Record<string, unknown>>((resolve) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {}));
    });

export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
    const operations: string[] = [];
    const calls: RecordedCall[] = [];
    const target = new URL(upstream);
    const server = http.createServer((request, response) => {
        const operation = operationOf(request);
        operations.push(operation);
        const input = readJson(request);
        const forward = http.request(
            { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
            (answer) => {
                response.writeHead(answer.statusCode ?? 502, answer.headers);
                // Recorded before the client can see the answer: its 'end' comes first, the client's read later.
                const output = readJson(answer);
                answer.pipe(response);
                void Promise.all([input, output]).then(([input, output]) => calls.push({ operation, input, output }));
            },
        );
        forward.on("error", () => response.destroy());
        request.pipe(forward);
    });
    return { ...(await listen(server, operations)), calls };
}
