import { parseArgs } from "util";
import type { z } from "zod";
import { integer } from "../components/setting-rules";
import { perRouteText } from "../components/per-route-text";
import { audienceRule, eventsApiSettings, lambdaMemoryMb, optionValue as option, settingDefaults } from "../components/settings";
import { localIssuerRule } from "./oidc-discovery";
import { defaultMaxEnvironments } from "./environment-pool";

/** The JWT authorizer's flags; the issuer and audience are left out with `--dev-auth`, which makes its own. */
export interface CliAuthOptions {
    jwtIssuer?: string;
    jwtAudiences?: string[];
    writeScopes: string[];
    authorizeReads: boolean;
    adminScopes: string[];
}

export interface CliOptions {
    port: number;
    persistDir?: string;
    maxEnvironments: number;
    functionTimeoutMs: number;
    /** Memory by route name, as the `memorySize` setting resolves it. */
    memorySizeMb: Record<string, number>;
    listShards: number;
    /** Set when any authorization flag is given. */
    auth?: CliAuthOptions;
    /** `--dev-auth`: start a local issuer and print a token. */
    devAuth: boolean;
    help: boolean;
}

/** The API's port when neither --port nor PORT gives one. */
export const defaultPort = 3000;

const { timeout, memorySize, listShards, writeScopes, adminScopes } = eventsApiSettings;
const range = (setting: typeof timeout | typeof listShards) => `${setting.unwrap().minValue}..${setting.unwrap().maxValue}`;

export const usage = `usage: npm start -- [options]

  --port N              port of the API (default: $PORT, else ${defaultPort})
  --persist DIR         keep DynamoDB data in DIR between runs (default: in memory)
  --max-environments N  execution environments per function (default: ${defaultMaxEnvironments}; beyond, requests queue)
  --timeout S           function timeout in seconds, ${range(timeout)} (default: ${settingDefaults.timeout})
  --memory MB|MAP       memory size shown in REPORT lines, ${lambdaMemoryMb.min}..${lambdaMemoryMb.max}: one for every route, or a JSON
                        map by route name such as '{"list-events":2048}' (default: ${perRouteText(settingDefaults.memorySize)})
  --list-shards N       shards of the listing index, ${range(listShards)} (default: ${settingDefaults.listShards})
  --jwt-issuer URL      check JWTs on the write routes as API Gateway does: tokens of this OIDC issuer
                        (https, or http on loopback); needs --jwt-audience (default: routes open)
  --jwt-audience AUD    an audience the token must have (aud, else client_id); repeat for more
  --write-scope S       a scope the write routes require (any one of them); repeat for more
  --admin-scope S       a scope that lets a token delete anyone's event; repeat for more
  --authorize-reads     require a valid token on the read routes too
  --dev-auth            start a local issuer on loopback, require its tokens, and print one
  -h, --help            this text`;

/** A text flag checked by a setting's rule, taken as text even when it looks like JSON (an audience "123"). */
const text = <T>(name: string, value: string, rule: z.ZodType<T>) => option(name, JSON.stringify(value), rule);

/** The authorization flags, checked together as the stack's settings are: both of issuer and audience or neither. */
function authOptions(values: Record<string, string | string[] | boolean | undefined>): CliAuthOptions | undefined {
    const issuer = values["jwt-issuer"] as string | undefined;
    const audiences = (values["jwt-audience"] as string[] | undefined) ?? [];
    const scopes = (values["write-scope"] as string[] | undefined) ?? [];
    const admins = (values["admin-scope"] as string[] | undefined) ?? [];
    const authorizeReads = values["authorize-reads"] === true;
    const devAuth = values["dev-auth"] === true;
    if (devAuth && (issuer !== undefined || audiences.length > 0)) {
        throw new Error("--dev-auth starts its own issuer: leave out --jwt-issuer and --jwt-audience, or --dev-auth");
    }
    if (issuer !== undefined && audiences.length === 0) throw new Error("--jwt-audience must be given with --jwt-issuer: a token must be issued for one of them");
    if (issuer === undefined && audiences.length > 0) throw new Error("--jwt-issuer must be given with --jwt-audience: it names whose tokens to accept");
    if (issuer === undefined && !devAuth) {
        if (scopes.length > 0) throw new Error("--write-scope needs --jwt-issuer and --jwt-audience, or --dev-auth: without them no token is checked");
        if (authorizeReads) throw new Error("--authorize-reads needs --jwt-issuer and --jwt-audience, or --dev-auth: without them no token is checked");
        if (admins.length > 0) throw new Error("--admin-scope needs --jwt-issuer and --jwt-audience, or --dev-auth: without them no token is checked");
        return undefined;
    }
    return {
        jwtIssuer: issuer === undefined ? undefined : text("--jwt-issuer", issuer, localIssuerRule),
        jwtAudiences: issuer === undefined ? undefined : audiences.map((audience) => text("--jwt-audience", audience, audienceRule)),
        writeScopes: scopes.map((scope) => text("--write-scope", scope, writeScopes.unwrap().element)),
        authorizeReads,
        adminScopes: admins.map((scope) => text("--admin-scope", scope, adminScopes.unwrap().element)),
    };
}

/** Parses `npm start` arguments; a bad value throws an error whose message names the option. */
export function parseCliArgs(argv: string[], env: Record<string, string | undefined>): CliOptions {
    const { values } = parseArgs({
        args: argv,
        options: {
            port: { type: "string" },
            persist: { type: "string" },
            "max-environments": { type: "string" },
            timeout: { type: "string" },
            memory: { type: "string" },
            "list-shards": { type: "string" },
            "jwt-issuer": { type: "string" },
            "jwt-audience": { type: "string", multiple: true },
            "write-scope": { type: "string", multiple: true },
            "admin-scope": { type: "string", multiple: true },
            "authorize-reads": { type: "boolean" },
            "dev-auth": { type: "boolean" },
            help: { type: "boolean", short: "h" },
        },
        strict: true,
    });
    return {
        port: option(values.port ? "--port" : "PORT", values.port ?? env.PORT, integer(0, 65535, "TCP port").default(defaultPort)),
        persistDir: values.persist,
        maxEnvironments: option("--max-environments", values["max-environments"], integer(1, 1000, "environments").default(defaultMaxEnvironments)),
        functionTimeoutMs: option("--timeout", values.timeout, timeout) * 1000,
        memorySizeMb: option("--memory", values.memory, memorySize),
        listShards: option("--list-shards", values["list-shards"], listShards),
        auth: authOptions(values),
        devAuth: values["dev-auth"] ?? false,
        help: values.help ?? false,
    };
}
