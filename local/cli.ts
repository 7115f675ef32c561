import { BundleError } from "../components/bundle";
import { routeKey } from "../components/routes";
import { parseCliArgs, usage } from "./cli-args";
import { LocalStack, startLocalStack } from "./stack";

/** `npm start`: the whole Events API on this machine. */

function fail(message: string): never {
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
}

function describeFailure(error: unknown, port: number): string {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") return `port ${port} is already in use (choose another with PORT=<n> or --port <n>)`;
    if (code === "EACCES") return `not allowed to listen on port ${port}`;
    if (error instanceof BundleError) return error.message;
    return (error as Error).message ?? String(error);
}

function printRoutes(stack: LocalStack): void {
    const width = Math.max(...stack.functions.map((fn) => routeKey(fn.route).length));
    console.log("Functions (bundle built as pulumi up builds it):");
    for (const fn of stack.functions) {
        console.log(`  ${routeKey(fn.route).padEnd(width)}  ${fn.functionName.padEnd(26)} ${fn.bytes.toLocaleString("en-US")} bytes`);
    }
    const where = stack.dynamo.persistDir ? `persisted in ${stack.dynamo.persistDir}` : "in memory";
    console.log(`DynamoDB: dynalite at ${stack.dynamo.endpoint}, table ${stack.dynamo.tableName} (${where}), listing index in ${stack.dynamo.listShards} shards`);
}

async function main(): Promise<void> {
    let options;
    try {
        options = parseCliArgs(process.argv.slice(2), process.env);
    } catch (error) {
        fail(`${(error as Error).message}\n${usage}`);
    }
    if (options.help) {
        console.log(usage);
        return;
    }
    let stack: LocalStack;
    try {
        stack = await startLocalStack({ ...options, log: (line) => console.log(line) });
    } catch (error) {
        fail(describeFailure(error, options.port));
    }
    printRoutes(stack);
    console.log(`Events API: ${stack.url}  (Ctrl-C to stop)`);
    let stopping = false;
    const stop = () => {
        if (stopping) return;
        stopping = true;
        stack.close().then(
            () => process.exit(0),
            (error: unknown) => fail(`while stopping: ${(error as Error).message}`),
        );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

void main();
