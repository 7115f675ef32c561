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

/** A pass-through to a real endpoint that records which DynamoDB operations a handler called. */
export function startRecordingProxy(upstream: string): Promise<TestServer> {
    const operations: string[] = [];
    const target = new URL(upstream);
    const server = http.createServer((request, response) => {
        operations.push(operationOf(request));
        const forward = http.request(
            { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
            (answer) => {
                response.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(response);
            },
        );
        forward.on("error", () => response.destroy());
        request.pipe(forward);
    });
    return listen(server, new Set(), operations);
}

/** An endpoint on a port nothing listens on: a table that is down. */
export async function closedPortEndpoint(): Promise<string> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return `http://127.0.0.1:${port}`;
}
