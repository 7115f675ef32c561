import * as pulumi from "@pulumi/pulumi";
import { createRouteFunction } from "./function";
import { createHttpApi } from "./http-api";
import { connectRoute } from "./route-integration";
import { routes } from "./routes";
import { defaultRuntime, NodeRuntime } from "./runtime";
import { LogRetentionDays, SettingName, settingProblems, Settings } from "./settings";
import { createTable } from "./table";

export const eventsApiType = "events-api:index:EventsApi";

/**
 * Settings of an {@link EventsApi}. Every property is optional and plain (not an Output): values are
 * checked when the component is constructed, so a bad one fails `pulumi preview` before any change.
 * The stack program reads each from the stack config key of the same name (`events-api:memorySize`).
 */
export interface EventsApiArgs extends Partial<Settings> {
    /**
     * Memory of each function, in MB (128 to 10240). CPU scales with it: one vCPU at 1769 MB.
     * @default 512
     * @example 1024
     */
    memorySize?: number;
    /**
     * Function timeout, in seconds (1 to 29: the HTTP API stops waiting for an integration at 30 s).
     * @default 10
     */
    timeout?: number;
    /**
     * Lambda runtime of every function; the bundles target its Node.js version.
     * @default "nodejs24.x"
     */
    runtime?: NodeRuntime;
    /**
     * Days CloudWatch keeps the function logs and the API access logs (a value CloudWatch accepts).
     * @default 14
     */
    logRetentionDays?: LogRetentionDays;
    /**
     * Origins browsers may call the API from: `["*"]`, or origins such as `"https://example.com"`.
     * API Gateway answers CORS preflight requests from this list without invoking a function.
     * @default ["*"]
     * @example ["https://events.example.com", "http://localhost:5173"]
     */
    corsAllowOrigins?: string[];
    /**
     * Requests the `$default` stage accepts in a burst before answering 429.
     * @default 500
     */
    throttlingBurstLimit?: number;
    /**
     * Steady requests per second the `$default` stage accepts before answering 429.
     * @default 1000
     */
    throttlingRateLimit?: number;
    /**
     * Continuous backups of the table, restorable to any second of the last 35 days.
     * @default true
     */
    pointInTimeRecovery?: boolean;
    /**
     * Refuse to delete the table (`pulumi destroy` fails until it is turned off).
     * @default false
     */
    deletionProtection?: boolean;
}

/** The value of every setting the args leave unset. */
export const eventsApiDefaults: Settings = {
    memorySize: 512,
    timeout: 10,
    runtime: defaultRuntime,
    logRetentionDays: 14,
    corsAllowOrigins: ["*"],
    throttlingBurstLimit: 500,
    throttlingRateLimit: 1000,
    pointInTimeRecovery: true,
    deletionProtection: false,
};

/**
 * The Events API: one DynamoDB table, one arm64 function per route of the route table (each with its
 * own role and log group), and an HTTP API that proxies each route to its function.
 */
export class EventsApi extends pulumi.ComponentResource {
    /** The API's base URL, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com/`. */
    public readonly url: pulumi.Output<string>;
    /** The DynamoDB table's name. */
    public readonly tableName: pulumi.Output<string>;
    /** The HTTP API's id. */
    public readonly apiId: pulumi.Output<string>;
    /** Each route's function name, by route name (`list-events`, ...). */
    public readonly functionNames: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: EventsApiArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        // Checked before super(): bad args register nothing, not even the component.
        const settings = resolveSettings(args);
        super(eventsApiType, name, {}, opts);

        const table = createTable(name, settings, this);
        const { api, stage } = createHttpApi(name, settings, this);
        const functions = routes.map((route) => {
            const { function: fn } = createRouteFunction(name, route, { ...settings, table }, this);
            connectRoute(name, route, api, fn, this);
            return [route.name, fn.name] as const;
        });

        this.url = stage.invokeUrl;
        this.tableName = table.name;
        this.apiId = api.id;
        this.functionNames = pulumi.output(Object.fromEntries(functions));
        this.registerOutputs({
            url: this.url,
            tableName: this.tableName,
            apiId: this.apiId,
            functionNames: this.functionNames,
        });
    }
}

/** Checks the args, then fills in every default in one place. */
function resolveSettings(args: EventsApiArgs): Settings {
    const problems = settingProblems(args);
    if (problems.length > 0) {
        const lines = problems.map(({ setting, message }) => `[${setting}] ${message}`);
        throw new pulumi.ResourceError(`invalid EventsApi args:\n  ${lines.join("\n  ")}`, undefined, true);
    }
    const set = Object.entries(args).filter(([, value]) => value !== undefined);
    return { ...eventsApiDefaults, ...(Object.fromEntries(set) as Partial<Record<SettingName, unknown>>) } as Settings;
}
