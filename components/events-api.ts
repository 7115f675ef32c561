import * as pulumi from "@pulumi/pulumi";
import { AlarmThresholds } from "./alarm-thresholds";
import { PerRouteConcurrency, resolveConcurrency } from "./concurrency";
import { defaultCorsAllowOrigins } from "./cors";
import { createRouteFunction } from "./function";
import { createHttpApi } from "./http-api";
import { createMonitoring } from "./monitoring";
import { createProvisionedAlias } from "./provisioned-concurrency";
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
    /**
     * Reserved concurrent executions: one number for every route, or a map from route name to number
     * (routes left out get none). It caps the route and guarantees it that share of the account's pool;
     * 0 stops the route from running at all.
     * @default - none: every function draws on the account's unreserved concurrency
     * @example { "create-event": 50 }
     */
    reservedConcurrency?: PerRouteConcurrency;
    /**
     * Provisioned concurrent executions (warm environments, billed while deployed): one number for every
     * route, or a map from route name to number; 0 is none. A route with provisioned concurrency gets a
     * published version and a `live` alias with the provisioned environments, and the API invokes the alias.
     * It must not exceed the route's `reservedConcurrency`.
     * @default - none: every request after an idle period may pay a cold start
     * @example { "list-events": 2, "get-event": 2 }
     */
    provisionedConcurrency?: PerRouteConcurrency;
    /**
     * SNS topic every alarm notifies when it fires and when it recovers.
     * @default - none: the alarms change state in CloudWatch without notifying anyone
     * @example "arn:aws:sns:eu-west-1:123456789012:events-api-alarms"
     */
    alarmTopicArn?: string;
    /**
     * Overrides of the alarm thresholds (see `AlarmThresholds` for each one's default and range).
     * @default {} - every threshold at its default
     * @example { "apiLatencyP99Ms": 500 }
     */
    alarmThresholds?: Partial<AlarmThresholds>;
}

/** The value of every setting the args leave unset. */
export const eventsApiDefaults: Settings = {
    memorySize: 512,
    timeout: 10,
    runtime: defaultRuntime,
    logRetentionDays: 14,
    corsAllowOrigins: defaultCorsAllowOrigins,
    throttlingBurstLimit: 500,
    throttlingRateLimit: 1000,
    pointInTimeRecovery: true,
    deletionProtection: false,
    reservedConcurrency: undefined,
    provisionedConcurrency: undefined,
    alarmTopicArn: undefined,
    alarmThresholds: {},
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
    /** The CloudWatch dashboard of the stack's alarms and metrics, in the AWS console. */
    public readonly dashboardUrl: pulumi.Output<string>;

    constructor(name: string, args: EventsApiArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        // Checked before super(): bad args register nothing, not even the component.
        const settings = resolveSettings(args);
        super(eventsApiType, name, {}, opts);

        const table = createTable(name, settings, this);
        const { api, stage } = createHttpApi(name, settings, this);
        const concurrency = resolveConcurrency(settings);
        const functions = routes.map((route) => {
            const { reserved, provisioned } = concurrency[route.name];
            const { function: fn, logGroup } = createRouteFunction(
                name,
                route,
                { ...settings, table, reservedConcurrency: reserved, publish: provisioned !== undefined },
                this,
            );
            // With provisioned concurrency the API must invoke the alias: the warm environments serve only it.
            const alias = provisioned === undefined ? undefined : createProvisionedAlias(name, route, fn, provisioned, this).alias;
            const target = alias
                ? { arn: alias.arn, functionName: fn.name, qualifier: alias.name }
                : { arn: fn.arn, functionName: fn.name };
            connectRoute(name, route, api, target, this);
            return { route, fn, logGroup };
        });
        const monitoring = createMonitoring(
            name,
            {
                functions: functions.map(({ route, fn, logGroup }) => ({
                    routeName: route.name,
                    functionName: fn.name,
                    logGroupName: logGroup.name,
                    timeoutSeconds: settings.timeout,
                })),
                apiId: api.id,
                stageName: stage.name,
                tableName: table.name,
                alarmTopicArn: settings.alarmTopicArn,
                alarmThresholds: settings.alarmThresholds,
            },
            this,
        );

        this.url = stage.invokeUrl;
        this.tableName = table.name;
        this.apiId = api.id;
        this.functionNames = pulumi.output(Object.fromEntries(functions.map(({ route, fn }) => [route.name, fn.name])));
        this.dashboardUrl = monitoring.dashboardUrl;
        this.registerOutputs({
            url: this.url,
            tableName: this.tableName,
            apiId: this.apiId,
            functionNames: this.functionNames,
            dashboardUrl: this.dashboardUrl,
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
