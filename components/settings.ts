import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { alarmThresholdsSchema } from "./alarm-thresholds";
import { integrationTimeoutSeconds } from "./api-gateway-limits";
import { routes } from "./routes";
import { defaultRuntime, supportedRuntimes } from "./runtime";
import { maxListShards } from "./table-schema";
import { boolean, byRoute, count, inputListOf, inputOf, integer, matching, mustBe, namedEntries, oneOf, oneOfNumbers, perRoute, perRouteWithDefaults, positive, quoteValue, satisfying, throttleLimits } from "./setting-rules";
import { canonicalHint, dnsNamePattern, isIssuerUrl, isOrigin } from "./url-rules";

/**
 * The one definition of every EventsApi setting: its doc text and `@default` (what editors show on
 * `EventsApiArgs`), type, range, default and error message. The component's args type, the stack config
 * reader (`events-api:<key>`), the local CLI's defaults and docs/configuration.md's table all derive
 * from `eventsApiSettings`; a new setting is one entry here plus its use.
 */

/**
 * Retention periods CloudWatch Logs accepts, in days
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html).
 */
export const logRetentionDays = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Lambda's memory range in MB. */
export const lambdaMemoryMb = { min: 128, max: 10240 } as const;

const routeNames = routes.map((route) => route.name) as [string, ...string[]];

/** Each route's memory when `memorySize` leaves it out, by route name: the route table's. */
const defaultMemorySizes = Object.fromEntries(routes.map((route) => [route.name, route.defaultMemorySizeMb]));

// CloudWatch alarm actions notify standard SNS topics (not FIFO ones).
const snsTopicArnPattern = /^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/**
 * An IAM managed policy ARN, in an account or AWS-managed
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
 */
const iamPolicyArnPattern = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;

/** An ACM certificate ARN (https://docs.aws.amazon.com/acm/latest/userguide/authen-overview.html). */
const acmCertificateArnPattern = /^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f-]{36}$/;

/** A Route 53 hosted zone id (`Z` and up to 31 upper-case letters and digits). */
const hostedZoneIdPattern = /^Z[A-Z0-9]{1,31}$/;

/** An audience (an app client id, an API identifier): text without surrounding whitespace. */
const audiencePattern = /^\S(.*\S)?$/;

/** An origin browsers may call from, or `*`. */
export const originRule = satisfying((text) => text === "*" || isOrigin(text), 'an origin, scheme://host[:port] such as "https://example.com", or "*"');

/** The issuer of `jwtIssuer`; `npm start`'s `--jwt-issuer` adds loopback to it (local/oidc-discovery.ts). */
export const issuerRule = satisfying(
    (text) => isIssuerUrl(text),
    'an https:// issuer URL on a DNS name, without credentials, query or fragment, such as "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"',
    canonicalHint,
);

/** One audience of `jwtAudiences`; `npm start`'s `--jwt-audience` takes the same. */
export const audienceRule = matching(audiencePattern, "an audience, text without surrounding whitespace such as an app client id");

/** An OAuth 2.0 scope token: printable ASCII except space, `"` and `\` (RFC 6749 section 3.3). */
const scopePattern = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

export const eventsApiSettings = {
    /**
     * Memory of each function in MB, for every route or by route name; CPU scales with it (one vCPU at
     * 1769 MB). A route left out keeps its own default, the balanced choice of the recorded power tuning.
     * @default - by route, each route's `defaultMemorySizeMb` (components/routes.ts)
     * @example { "list-events": 2048 }
     */
    memorySize: perRouteWithDefaults(defaultMemorySizes, integer(lambdaMemoryMb.min, lambdaMemoryMb.max, "MB")),
    /**
     * Function timeout, in seconds; an HTTP API waits at most 30 s for an integration. A longer timeout
     * could only make requests time out at API Gateway instead
     * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
     * @default 10
     */
    timeout: integer(1, integrationTimeoutSeconds - 1, "seconds").default(10),
    /**
     * Lambda runtime of every function; the bundles target its Node.js version.
     * @default "nodejs24.x"
     */
    runtime: oneOf(supportedRuntimes).default(defaultRuntime),
    /**
     * Days CloudWatch keeps the function logs and the API access logs.
     * @default 14
     */
    logRetentionDays: oneOfNumbers(logRetentionDays).default(14),
    /**
     * Origins browsers may call the API from, `["*"]` or origins such as `"https://example.com"`; API
     * Gateway answers CORS preflight requests from this list without invoking a function.
     * @default ["*"]
     * @example ["https://events.example.com", "http://localhost:5173"]
     */
    corsAllowOrigins: inputListOf(
        originRule,
        'a non-empty list of origins: ["*"], or scheme://host[:port] entries such as "https://example.com"',
        // `*` allows every origin, so listing others beside it is a mistake worth reporting.
        (known, context) => {
            if (known.includes("*") && known.length > 1) context.addIssue({ code: "custom", message: mustBe('["*"] alone: "*" already allows every origin').error({ input: known }) });
        },
    ).default(() => ["*"]),
    /**
     * Requests the `$default` stage accepts in a burst before answering 429.
     * @default 500
     */
    throttlingBurstLimit: positive("requests", { integer: true }).default(500),
    /**
     * Steady requests per second the `$default` stage accepts before answering 429.
     * @default 1000
     */
    throttlingRateLimit: positive("requests per second").default(1000),
    /**
     * Throttling of single routes, by route name: `rateLimit` (steady requests per second) and `burstLimit`
     * (requests in a burst), each at most the stage's. A route or limit left out gets its default: for
     * `list-events` a tenth of the stage's limits (a page of 100 events reads up to 18 read units at 4
     * shards, a single event 1), for every other route the stage's (components/route-throttling.ts).
     * @default - list-events at a tenth of the stage's limits, every other route at the stage's
     * @example { "list-events": { "rateLimit": 50, "burstLimit": 20 } }
     */
    routeThrottling: byRoute(routeNames, throttleLimits()).optional(),
    /**
     * Continuous backups of the table, restorable to any second of the last 35 days.
     * @default true
     */
    pointInTimeRecovery: boolean().default(true),
    /**
     * Refuse to delete the table (`pulumi destroy` fails until it is turned off).
     * @default false
     */
    deletionProtection: boolean().default(false),
    /**
     * The permissions boundary of every function role: the most a route's role can ever be allowed,
     * whatever its own policy says. The deploy role may only create or change roles that carry it
     * (docs/deploying.md, "Permissions"). A value another resource makes (a `pulumi.Output`) is checked
     * when it is known.
     * @default - `arn:aws:iam::<deploying account>:policy/<component>-<stack>-permissions-boundary`, the policy docs/permissions-boundary-policy.json documents
     * @example "arn:aws:iam::123456789012:policy/events-api-prod-permissions-boundary"
     */
    permissionsBoundaryArn: inputOf(
        matching(iamPolicyArnPattern, "an IAM policy ARN such as arn:aws:iam::123456789012:policy/events-api-prod-permissions-boundary"),
    ).optional(),
    /**
     * A custom domain for the API: `domainName`, the ARN of an ACM certificate for it in the stack's region
     * (`certificateArn`), and optionally the Route 53 hosted zone (`hostedZoneId`) that gets the alias
     * record. API Gateway serves it with TLS 1.2 or newer, the default `execute-api` endpoint is turned off
     * so that clients cannot bypass the domain, and the `url` output is the domain's.
     * @default - none: the API is served on its `execute-api` endpoint
     * @example { "domainName": "api.events.acme.io", "certificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/0f8fad5b-d9cb-469f-a165-70867728950e", "hostedZoneId": "Z0123456789ABCDEFGHIJ" }
     */
    customDomain: namedEntries(
        {
            /**
             * The name clients call the API on.
             * @default - required
             */
            domainName: matching(dnsNamePattern, 'a lowercase DNS name without a wildcard, such as "api.events.acme.io"'),
            /**
             * An ACM certificate for `domainName`, in the stack's region (a regional domain takes no other).
             * @default - required
             */
            certificateArn: inputOf(
                matching(acmCertificateArnPattern, "an ACM certificate ARN such as arn:aws:acm:eu-west-1:123456789012:certificate/0f8fad5b-d9cb-469f-a165-70867728950e"),
            ),
            /**
             * The Route 53 hosted zone that gets the alias A record for `domainName`.
             * @default - none: no record is made; point your DNS at the domain's regional target yourself
             */
            hostedZoneId: inputOf(matching(hostedZoneIdPattern, 'a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ"')).optional(),
        },
        "field",
    ).optional(),
    /**
     * Reserved concurrent executions, for every route or by route name: a cap on the route that also
     * guarantees it that share of the account's pool (0 stops the route). Routes a map leaves out get
     * none.
     * @default - none: every function draws on the account's unreserved concurrency
     * @example { "create-event": 50 }
     */
    reservedConcurrency: perRoute(routeNames, count()).optional(),
    /**
     * Provisioned concurrent executions (warm environments, billed while deployed), for every route or by
     * route name; 0 is none. A route with provisioned concurrency gets a published version and a `live`
     * alias with the provisioned environments, and the API invokes the alias. It must not exceed the
     * route's `reservedConcurrency`.
     * @default - none: every request after an idle period may pay a cold start
     * @example { "list-events": 2, "get-event": 2 }
     */
    provisionedConcurrency: perRoute(routeNames, count()).optional(),
    /**
     * SNS topic every alarm notifies when it fires and when it recovers.
     * @default - none: the alarms change state in CloudWatch without notifying anyone
     * @example "arn:aws:sns:eu-west-1:123456789012:events-api-alarms"
     */
    alarmTopicArn: inputOf(matching(snsTopicArnPattern, "an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:alarms")).optional(),
    /**
     * Alarm thresholds by name (see `AlarmThresholds`); the ones left out keep their defaults.
     * @default - every threshold at its default
     * @example { "apiLatencyP99Ms": 500 }
     */
    alarmThresholds: alarmThresholdsSchema.prefault({}),
    /**
     * Shards of the listing index: creates spread over this many index partitions (DynamoDB gives each
     * about 1,000 write units a second), and every `GET /events` page queries all of them in parallel.
     * On a deployed stack, only raise it: each event stays in the shard it was created in, so a higher
     * count lists every event, while a lower one leaves the events of the shards above it out of
     * listings until it is raised again.
     * @default 4
     */
    listShards: integer(1, maxListShards, "shards").default(4),
    /**
     * The OIDC issuer whose tokens may write, such as a Cognito user pool's
     * `https://cognito-idp.<region>.amazonaws.com/<pool id>`. Set with `jwtAudiences`, it gives the API a
     * JWT authorizer (`Authorization` header) that guards the write routes; API Gateway reads the issuer's
     * `/.well-known/openid-configuration` and its keys, so both must be public.
     * @default - none: the write routes are open to anyone, and preview warns about it
     * @example "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"
     */
    jwtIssuer: inputOf(issuerRule).optional(),
    /**
     * The audiences a token must be issued for (its `aud`, or its `client_id` when it has no `aud`): for
     * Cognito, the app client ids. Set together with `jwtIssuer`.
     * @default - none: no JWT authorizer
     * @example ["1example23456789abcdefghij"]
     */
    jwtAudiences: inputListOf(audienceRule, 'a non-empty list of audiences such as ["1example23456789abcdefghij"]').optional(),
    /**
     * OAuth scopes of the write routes: a token must carry at least one of them (in `scope` or `scp`), or
     * API Gateway answers 403. Scopes tell access tokens from ID tokens, which carry none.
     * @default []
     * @example ["events-api/write"]
     */
    writeScopes: z
        .array(matching(scopePattern, 'an OAuth scope such as "events-api/write" (no spaces or quotes)'), mustBe('a list of OAuth scopes such as ["events-api/write"]'))
        .default(() => []),
    /**
     * Require a valid token on the read routes too (`GET /events`, `GET /events/{id}`); they need no scope.
     * @default false
     */
    authorizeReads: boolean().default(false),
    /**
     * OAuth scopes that let a token delete anyone's event; any other token deletes only the events whose
     * `createdBy` is its `sub`. With `writeScopes`, a token needs only an admin scope on `DELETE`.
     * @default []
     * @example ["events-api/admin"]
     */
    adminScopes: z
        .array(matching(scopePattern, 'an OAuth scope such as "events-api/admin" (no spaces or quotes)'), mustBe('a list of OAuth scopes such as ["events-api/admin"]'))
        .default(() => []),
};

export type SettingName = keyof typeof eventsApiSettings;

/** A setting, or an entry inside one (`customDomain.certificateArn`): what an error message names. */
export type SettingPath = SettingName | `${SettingName}.${string}`;

/** Every setting resolved: defaults filled in, per-route settings as maps by route name. */
export type Settings = z.output<ReturnType<typeof settingsSchema>>;

/**
 * Every setting resolved, with the values other resources make known: what a check or the local stack
 * reads once nothing is left to wait for.
 */
export type KnownSettings = pulumi.Unwrap<Settings>;

/** The settings as a user writes them: every one optional. */
export type SettingsInput = z.input<ReturnType<typeof settingsSchema>>;

/** A cross-setting check runs once the settings it reads are valid on their own: none of them has an issue. */
const noIssueIn =
    (keys: SettingName[]) =>
    ({ issues }: { issues: readonly z.core.$ZodRawIssue[] }) =>
        !issues.some((issue) => keys.some((key) => key === issue.path?.[0]));

/**
 * Lambda rejects a provisioned concurrency above the function's reserved concurrency. Checked once both
 * settings are valid on their own, whatever else is wrong, so every problem is reported at once.
 */
const provisionedWithinReserved = z.superRefine(
    (settings: { reservedConcurrency?: Partial<Record<string, number>>; provisionedConcurrency?: Partial<Record<string, number>> }, context) => {
        for (const [route, provisioned = 0] of Object.entries(settings.provisionedConcurrency ?? {})) {
            const reserved = settings.reservedConcurrency?.[route];
            if (reserved !== undefined && provisioned > reserved) {
                context.addIssue({
                    code: "custom",
                    path: ["provisionedConcurrency", route],
                    message: `must not exceed reservedConcurrency on this route (${reserved}); got ${provisioned}`,
                });
            }
        }
    },
    { when: noIssueIn(["reservedConcurrency", "provisionedConcurrency"]) },
);

/**
 * API Gateway throttles a request at the stage's limits or the route's, whichever it meets first, so a
 * route limit above the stage's would never apply: a typing mistake, reported as such.
 */
const routeThrottlingWithinStage = z.superRefine(
    // The stage's limits have their defaults filled in by now: checks run on the parsed settings.
    (settings: { throttlingRateLimit: number; throttlingBurstLimit: number; routeThrottling?: Partial<Record<string, { rateLimit?: number; burstLimit?: number }>> }, context) => {
        const stage = { rateLimit: ["throttlingRateLimit", settings.throttlingRateLimit], burstLimit: ["throttlingBurstLimit", settings.throttlingBurstLimit] } as const;
        for (const [route, limits = {}] of Object.entries(settings.routeThrottling ?? {})) {
            for (const limit of ["rateLimit", "burstLimit"] as const) {
                const [stageKey, stageLimit] = stage[limit];
                const value = limits[limit];
                if (value !== undefined && value > stageLimit) {
                    context.addIssue({ code: "custom", path: ["routeThrottling", route, limit], message: `must not exceed ${stageKey} (${stageLimit}), the stage's; got ${value}` });
                }
            }
        }
    },
    { when: noIssueIn(["throttlingRateLimit", "throttlingBurstLimit", "routeThrottling"]) },
);

/**
 * A JWT authorizer needs both the issuer and the audiences, and scopes or guarded reads mean nothing
 * without one: a half-configured authorizer must fail preview, not leave the routes open.
 */
const authorizerComplete = z.superRefine(
    (settings: { jwtIssuer?: unknown; jwtAudiences?: unknown; writeScopes?: string[]; authorizeReads?: boolean; adminScopes?: string[] }, context) => {
        const problem = (key: string, message: string) => context.addIssue({ code: "custom", path: [key], message });
        const needs = "the JWT authorizer needs both the issuer and the audiences its tokens are issued for";
        if (settings.jwtIssuer !== undefined && settings.jwtAudiences === undefined) {
            problem("jwtAudiences", `must be set when jwtIssuer is set: ${needs}`);
        } else if (settings.jwtIssuer === undefined && settings.jwtAudiences !== undefined) {
            problem("jwtIssuer", `must be set when jwtAudiences is set: ${needs}`);
        } else if (settings.jwtIssuer === undefined) {
            const without = "needs jwtIssuer and jwtAudiences: without a JWT authorizer no token is checked";
            if (settings.writeScopes?.length) problem("writeScopes", `${without}; got ${quoteValue(settings.writeScopes)}`);
            if (settings.authorizeReads) problem("authorizeReads", `${without}; got true`);
            if (settings.adminScopes?.length) problem("adminScopes", `${without}; got ${quoteValue(settings.adminScopes)}`);
        }
    },
    { when: noIssueIn(["jwtIssuer", "jwtAudiences", "writeScopes", "authorizeReads", "adminScopes"]) },
);

/** With `unknownKeys: "reject"`, a key that is not a setting is a problem too (the stack config's rule). */
function settingsSchema(unknownKeys: "reject" | "ignore" = "ignore") {
    return unknownKeys === "reject" ? strictSettingsSchema : looseSettingsSchema;
}
const looseSettingsSchema = z.object(eventsApiSettings).check(provisionedWithinReserved, routeThrottlingWithinStage, authorizerComplete);
const strictSettingsSchema = z.strictObject(eventsApiSettings).check(provisionedWithinReserved, routeThrottlingWithinStage, authorizerComplete);

/** Every setting's value when nothing sets it. */
export const settingDefaults = settingsSchema().parse({}) as KnownSettings;

/**
 * A setting's value from text (a stack config value, a command-line option). The Pulumi CLI passes strings
 * as they are and every other YAML value JSON-encoded; no setting's valid string looks like JSON, so JSON
 * is the value and anything else is a string.
 */
export function valueFromText(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/**
 * A command-line option's value (`npm start`, `npm run bench`), checked by `rule`: a setting's own rule,
 * or one built the same way; unset gives the rule's default. A bad value throws an error that names the
 * option, what is allowed and the value given.
 */
export function optionValue<T>(name: string, text: string | undefined, rule: z.ZodType<T>): T {
    const result = rule.safeParse(text === undefined ? undefined : valueFromText(text));
    if (!result.success) {
        const [issue] = result.error.issues;
        throw new Error(`${name}${entryPath(issue.path)} ${issue.message}`);
    }
    return result.data;
}

/** `.create-event`, `[1]`: where inside a value a problem is. */
function entryPath(path: readonly PropertyKey[]): string {
    return path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
}

/** `reservedConcurrency.create-event`, `corsAllowOrigins[1]`: where in the settings a problem is. */
function pathText(path: readonly PropertyKey[]): string {
    return entryPath(path).replace(/^\./, "");
}

export type SettingsResult = { settings: Settings; problems?: undefined } | { settings?: undefined; problems: string[] };

/** Each issue as one line: the key as `keyName` shows it (with the entry), what is allowed and the value given. */
function problemLines(issues: readonly z.core.$ZodIssue[], keyName: (path: string) => string): string[] {
    const known = Object.keys(eventsApiSettings).join(", ");
    return issues.flatMap((issue) =>
        issue.code === "unrecognized_keys" && issue.path.length === 0
            ? issue.keys.map((key) => `${keyName(key)} is not a setting: the settings are ${known}`)
            : [`${keyName(pathText(issue.path))} ${issue.message}`],
    );
}

/**
 * Checks the settings and resolves every default, or lists every problem: each one names the key as
 * `keyName` shows it (`[memorySize]` for args, `events-api:memorySize` for stack config), the entry inside
 * a map or list, what is allowed and the value given.
 */
export function parseSettings(
    values: Record<string, unknown>,
    keyName: (path: string) => string,
    unknownKeys: "reject" | "ignore" = "ignore",
): SettingsResult {
    const result = settingsSchema(unknownKeys).safeParse(values);
    return result.success ? { settings: result.data } : { problems: problemLines(result.error.issues, keyName) };
}

/** The problems of one setting's value on its own (none when it is valid), named as `parseSettings` names them. */
export function settingProblems(key: SettingName, value: unknown, keyName: (path: string) => string): string[] {
    const result = z.object({ [key]: eventsApiSettings[key] }).safeParse({ [key]: value });
    return result.success ? [] : problemLines(result.error.issues, keyName);
}
