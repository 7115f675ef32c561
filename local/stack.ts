import { mkdtemp, mkdir, rm, writeFile } from "fs/promises";
import type { Server } from "http";
import type { AddressInfo } from "net";
import { tmpdir } from "os";
import * as path from "path";
import { bundleFileName, cachedBundle } from "../components/bundle";
import { corsSettings } from "../components/cors";
import { openApiDocument } from "../components/openapi";
import type { RouteAuthorization } from "../components/route-authorization";
import { RouteDefinition, routes } from "../components/routes";
import { settingDefaults } from "../components/settings";
import { handlerEnv } from "../components/table-schema";
import { ensureTable, LocalDynamo, localHandlerEnv, localTableName, startDynalite } from "./dynalite";
import { buildRuntimeBootstrap } from "./environment";
import { createLocalAuthorizer, LocalAuthorizationOptions } from "./jwt-authorizer";
import { defaultMaxEnvironments } from "./environment-pool";
import { LocalFunction, localAccountId } from "./local-function";
import { createRouter } from "./router";
import { createGatewayServer } from "./server";

export interface LocalStackOptions {
    /** TCP port of the API; 0 picks a free one. @default 0 */
    port?: number;
    /** @default "127.0.0.1" */
    host?: string;
    /** Keep DynamoDB data in this directory between runs. @default - in memory */
    persistDir?: string;
    /** Use this DynamoDB endpoint instead of starting dynalite (the table is still created). @default - a dynalite of its own */
    dynamoEndpoint?: string;
    /** @default - `localTableName` */
    tableName?: string;
    /** Function timeout, as the component's `timeout`. @default - the `timeout` setting's default */
    functionTimeoutMs?: number;
    /**
     * Memory by route name, reported as each function's Memory Size, as the component's `memorySize`.
     * @default - each route's own default (its `defaultMemorySizeMb`); so is a route the map leaves out
     */
    memorySizeMb?: Readonly<Partial<Record<string, number>>>;
    /** Execution environments per function. @default - `defaultMaxEnvironments` */
    maxEnvironments?: number;
    /** Shards of the listing index, as the component's `listShards`. @default - the `listShards` setting's default */
    listShards?: number;
    /** @default - the `corsAllowOrigins` setting's default */
    corsAllowOrigins?: string[];
    /** A JWT authorizer, as the stack's `jwtIssuer`, `jwtAudiences`, `writeScopes`, `authorizeReads` and `adminScopes` configure it. @default - every route open */
    auth?: LocalAuthorizationOptions;
    /** Receives every log line: one per request, and what the functions print. @default - discarded */
    log?: (line: string) => void;
    /** Extra or replaced environment variables, per route name (e.g. a table endpoint that never answers). */
    environmentOverrides?: Record<string, Record<string, string>>;
    /** Another handler source per route name (test fixtures); bundled exactly like the real ones. */
    entryOverrides?: Record<string, string>;
}

export interface LocalStackFunction {
    route: RouteDefinition;
    /** Who may call it: open, or a valid token (with one of the write scopes, if any). */
    authorization: RouteAuthorization;
    functionName: string;
    /** Size of the bundle that runs, in bytes. */
    bytes: number;
    /** Execution environments alive or starting. */
    readonly environments: number;
    /** Their process ids. */
    readonly pids: number[];
}

export interface LocalStack {
    /** `http://127.0.0.1:<port>` */
    url: string;
    /** The API's OpenAPI document for this stack's authorization, as served at `/openapi.json`. */
    openApi: Record<string, unknown>;
    port: number;
    dynamo: { endpoint: string; tableName: string; persistDir?: string; listShards: number };
    functions: LocalStackFunction[];
    /** Stops the API, every execution environment and the dynalite it started; removes its bundles. */
    close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
            server.off("error", reject);
            resolve((server.address() as AddressInfo).port);
        });
    });
}

/** Starts the whole local stack: bundles, DynamoDB, table, execution environments and the API. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
    const host = options.host ?? "127.0.0.1";
    const tableName = options.tableName ?? localTableName;
    const listShards = options.listShards ?? settingDefaults.listShards;
    const log = options.log ?? (() => undefined);
    const workDir = await mkdtemp(path.join(tmpdir(), "events-api-local-"));
    let dynamo: LocalDynamo | undefined;
    const functions: LocalFunction[] = [];
    let server: Server | undefined;

    const close = async () => {
        if (server) {
            const closing = new Promise((resolve) => server!.close(resolve));
            server.closeAllConnections();
            await closing;
        }
        await Promise.all(functions.map((fn) => fn.close()));
        await dynamo?.close();
        await rm(workDir, { recursive: true, force: true });
    };

    try {
        const [bundles, bootstrapFile, authorizer] = await Promise.all([
            Promise.all(routes.map((route) => cachedBundle(options.entryOverrides?.[route.name] ?? route.entry))),
            buildRuntimeBootstrap(workDir),
            options.auth && createLocalAuthorizer(options.auth),
        ] as const);
        let endpoint = options.dynamoEndpoint;
        if (!endpoint) {
            if (options.persistDir) await mkdir(options.persistDir, { recursive: true });
            dynamo = await startDynalite({ path: options.persistDir });
            endpoint = dynamo.endpoint;
        }
        await ensureTable(endpoint, tableName);

        const described: LocalStackFunction[] = [];
        for (const [i, route] of routes.entries()) {
            const functionName = `events-api-${route.name}`;
            const taskRoot = path.join(workDir, route.name);
            await mkdir(taskRoot);
            await writeFile(path.join(taskRoot, bundleFileName), bundles[i].code);
            const fn = new LocalFunction({
                functionName,
                taskRoot,
                bootstrapFile,
                variables: {
                    ...localHandlerEnv(endpoint, tableName, listShards),
                    // As the component sets it on an owner-only route's function.
                    ...(route.ownerOnly && { [handlerEnv.adminScopes]: (options.auth?.adminScopes ?? []).join(" ") }),
                    ...options.environmentOverrides?.[route.name],
                },
                timeoutMs: options.functionTimeoutMs ?? settingDefaults.timeout * 1000,
                memorySizeMb: options.memorySizeMb?.[route.name] ?? route.defaultMemorySizeMb,
                maxEnvironments: options.maxEnvironments ?? defaultMaxEnvironments,
                log,
            });
            functions.push(fn);
            described.push({
                route,
                authorization: authorizer?.authorizationOf(route) ?? { type: "NONE" },
                functionName,
                bytes: bundles[i].bytes,
                get environments() {
                    return fn.environments;
                },
                get pids() {
                    return fn.pids;
                },
            });
        }

        const byRoute = new Map(routes.map((route, i) => [route, functions[i]]));
        let openApi: Record<string, unknown> = {};
        server = createGatewayServer({
            router: createRouter(routes),
            cors: corsSettings(options.corsAllowOrigins ?? settingDefaults.corsAllowOrigins),
            identity: { accountId: localAccountId, apiId: "local" },
            authorizer,
            integration: { invoke: (match, event) => byRoute.get(match.route)!.invoke(match, event) },
            openApi: () => openApi,
            log,
        });
        const port = await listen(server, options.port ?? 0, host);
        const url = `http://${host}:${port}`;
        openApi = openApiDocument({
            authorization: (route) => authorizer?.authorizationOf(route) ?? { type: "NONE" },
            jwtIssuer: options.auth?.jwtIssuer,
            serverUrl: url,
        });
        return {
            url,
            openApi,
            port,
            dynamo: { endpoint, tableName, persistDir: options.persistDir, listShards },
            functions: described,
            close,
        };
    } catch (error) {
        // A server that never started listening has nothing to close.
        if (server && !server.listening) server = undefined;
        await close();
        throw error;
    }
}
