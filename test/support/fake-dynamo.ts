import * as http from "http";
import * as net from "net";

export interface TestServer {
    endpoint: string;
    /** The `X-Amz-Target` operation of every request received, e.g. `GetItem`, in order. */
    operations: string[];
    close(): Promise<void>;
}

async function listen(server: net.Server, sockets: Set<net.Socket>, operations: string[]): Promise<TestServer> {
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

function operationOf(request: http.IncomingMessage): string {
    return String(request.headers["x-amz-target"] ?? "").replace(/^DynamoDB_\d+\./, "");
}

/** A server that accepts connections and never answers: a hung table endpoint. */
export function startHangingServer(): Promise<TestServer> {
    const operations: string[] = [];
    const server = http.createServer((request) => operations.push(operationOf(request)));
    return listen(server, new Set(), operations);
}

/** A DynamoDB endpoint that answers every request with the given error, e.g. a throttle. */
export function startErroringDynamo(status: number, errorType: string): Promise<TestServer> {
    const operations: string[] = [];
    const server = http.createServer((request, response) => {
        operations.push(operationOf(request));
        request.resume();
        request.on("end", () => {
            response.writeHead(status, { "content-type": "application/x-amz-json-1.0" });
            response.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${errorType}`, message: `${errorType} from the fake` }));
        });
    });
    return listen(server, new Set(), operations);
}

/** A DynamoDB request as a recording proxy saw it: the operation, its JSON input and the answer's JSON. */
export interface RecordedCall {
    operation: string;
    input: Record<string, unknown>;
    output: Record<string, unknown>;
}

export interface RecordingProxy extends TestServer {
    /** Every call answered so far, in the order the answers came. */
    calls: RecordedCall[];
}

const readJson = (stream: NodeJS.ReadableStream) =>
    new Promise<Record<string, unknown>>((resolve) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {}));
    });

/** A pass-through to a real endpoint that records which DynamoDB operations a handler called, and how. */
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
                const output = readJson(answer);
                answer.pipe(response);
                void Promise.all([input, output]).then(([input, output]) => calls.push({ operation, input, output }));
            },
        );
        forward.on("error", () => response.destroy());
        request.pipe(forward);
    });
    return { ...(await listen(server, new Set(), operations)), calls };
}

/** An endpoint on a port nothing listens on: a table that is down. */
export async function closedPortEndpoint(): Promise<string> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return `http://127.0.0.1:${port}`;
}
