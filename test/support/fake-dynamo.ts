import * as http from "http";
import * as net from "net";
import { listen, operationOf, TestServer } from "../../tools/recording-proxy";

export { RecordingProxy, startRecordingProxy, TestServer } from "../../tools/recording-proxy";

/** A server that accepts connections and never answers: a hung table endpoint. */
export function startHangingServer(): Promise<TestServer> {
    const operations: string[] = [];
    const server = http.createServer((request) => operations.push(operationOf(request)));
    return listen(server, operations);
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
    return listen(server, operations);
}

/** An endpoint on a port nothing listens on: a table that is down. */
export async function closedPortEndpoint(): Promise<string> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return `http://127.0.0.1:${port}`;
}

/**
 * A pass-through to `upstream` that, for the first `times` requests of `operation`, forwards the request
 * and lets DynamoDB apply it, then resets the client's connection instead of answering: the write
 * landed, its answer was lost (a timeout or a dropped connection on the way back). The SDK sees a
 * transient network error and retries.
 */
export async function startAnswerDroppingProxy(upstream: string, operation: string, times = 1): Promise<TestServer> {
    const operations: string[] = [];
    const target = new URL(upstream);
    let dropped = 0;
    const server = http.createServer((request, response) => {
        const current = operationOf(request);
        operations.push(current);
        const forward = http.request(
            { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
            (answer) => {
                if (current === operation && dropped < times) {
                    dropped++;
                    answer.resume();
                    answer.on("end", () => request.socket.resetAndDestroy());
                    return;
                }
                response.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(response);
            },
        );
        forward.on("error", () => response.destroy());
        request.pipe(forward);
    });
    return listen(server, operations);
}
