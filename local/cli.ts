import { requireSupportedNode } from "../tools/node-version";
import { BundleError } from "../components/bundle";
import { routeKey } from "../components/routes";
import { CliOptions, parseCliArgs, usage } from "./cli-args";
import { DevIssuer, startDevIssuer } from "./dev-issuer";
import { LocalAuthorizationOptions } from "./jwt-authorizer";
import { LocalStack, startLocalStack } from "./stack";
import { functionLines, servingLines } from "./startup-banner";

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
    for (const line of functionLines(stack.functions)) console.log(line);
    const where = stack.dynamo.persistDir ? `persisted in ${stack.dynamo.persistDir}` : "in memory";
    console.log(`DynamoDB: dynalite at ${stack.dynamo.endpoint}, table ${stack.dynamo.tableName} (${where}), listing index in ${stack.dynamo.listShards} shards`);
}

/** The authorizer's settings: the flags', with `--dev-auth`'s issuer and audience filled in. */
function authorization(options: CliOptions, dev: DevIssuer | undefined): LocalAuthorizationOptions | undefined {
    if (!options.auth) return undefined;
    const { jwtIssuer = dev!.issuer, jwtAudiences = [dev!.audience], ...rest } = options.auth;
    return { jwtIssuer, jwtAudiences, ...rest };
}

function printAuthorization(stack: LocalStack, auth: LocalAuthorizationOptions | undefined, dev: DevIssuer | undefined, token: string | undefined): void {
    if (!auth) {
        console.log("Authorization: none, every route is open (see --jwt-issuer, --dev-auth)");
        return;
    }
    const guarded = stack.functions.filter((fn) => fn.authorization.type === "JWT").map((fn) => routeKey(fn.route));
    const scopes = auth.writeScopes?.length ? `, writes need scope ${auth.writeScopes.join(" or ")}` : "";
    console.log(`Authorization: JWT from ${auth.jwtIssuer} for ${auth.jwtAudiences.join(", ")} on ${guarded.join(", ")}${scopes}`);
    if (dev && token) {
        console.log(`Dev issuer: ${dev.issuer} (more tokens: curl -s -X POST '${dev.issuer}/token?sub=alice')`);
        console.log(`Token (sub dev-user, valid 1 h): ${token}`);
    }
}

/**
 * Calls `stop` once the process that started this one is gone (npm killed with SIGKILL, a closed
 * terminal): the parent's death sends no signal here, and the server would keep its port.
 */
function whenParentExits(stop: () => void): void {
    const parent = process.ppid;
    setInterval(() => process.ppid !== parent && stop(), 500).unref();
}

async function main(): Promise<void> {
    requireSupportedNode("npm start");
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
    let dev: DevIssuer | undefined;
    let auth: LocalAuthorizationOptions | undefined;
    try {
        dev = options.devAuth ? await startDevIssuer({ defaultScopes: options.auth?.writeScopes }) : undefined;
        auth = authorization(options, dev);
        stack = await startLocalStack({ ...options, auth, log: (line) => console.log(line) });
    } catch (error) {
        await dev?.close();
        fail(describeFailure(error, options.port));
    }
    printRoutes(stack);
    printAuthorization(stack, auth, dev, await dev?.token());
    for (const line of servingLines(stack.url)) console.log(line);
    let stopping = false;
    const stop = () => {
        if (stopping) return;
        stopping = true;
        Promise.all([stack.close(), dev?.close()]).then(
            () => process.exit(0),
            (error: unknown) => fail(`while stopping: ${(error as Error).message}`),
        );
    };
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);
    whenParentExits(stop);
}

void main();
