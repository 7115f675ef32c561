import * as aws from "@pulumi/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { createJwtAuthorizer, warnAboutOpenWrites } from "./authorizer";
import { createCustomDomain, CustomDomain } from "./custom-domain";
import { createHttpApi, createStage } from "./http-api";
import { argName, argsError, checkWhenKnown, inStackRegion } from "./known-settings";
import { createMonitoring } from "./monitoring";
import { childNaming } from "./naming";
import { openApiDocument } from "./openapi";
import { resolvePermissionsBoundary } from "./permissions-boundary";
import { routeAuthorization } from "./route-authorization";
import { createRouteResources, RouteResources } from "./route-resources";
import { routes } from "./routes";
import { parseSettings, Settings, SettingsInput } from "./settings";
import { createTable } from "./table";

export const eventsApiType = "events-api:index:EventsApi";

/**
 * Settings of an {@link EventsApi}, each documented where it is defined (components/settings.ts) and
 * shown here by your editor. Every property is optional. Those that name another resource (`jwtIssuer`,
 * `jwtAudiences`, `alarmTopicArn`, `corsAllowOrigins`, `permissionsBoundaryArn`, `customDomain`'s
 * `certificateArn` and `hostedZoneId`) take a `pulumi.Input`, so a resource made in the same program can be
 * passed in. A value given as is is checked when the component is constructed, so a bad one fails
 * `pulumi preview` before anything registers; an Output is checked by the same rule once known. The stack
 * program reads each from the stack config key of the same name (`events-api:memorySize`).
 */
export interface EventsApiArgs extends SettingsInput {}

/** One entry per route of the route table, by route name (`list-events`, ...). */
export type ByRoute<T> = Readonly<Record<string, T>>;

/**
 * The Events API: one DynamoDB table, one arm64 function per route of the route table (each with its
 * own role and log group), and an HTTP API that proxies each route to its function. Every child is
 * exposed (read-only) and parented to the component, so resource options such as `transforms` reach
 * them all.
 */
export class EventsApi extends pulumi.ComponentResource {
    /**
     * The API's base URL: its custom domain's (`https://api.events.acme.io/`) when `customDomain` is set,
     * otherwise its `execute-api` endpoint's (`https://abc123.execute-api.eu-west-1.amazonaws.com/`).
     */
    public readonly url: pulumi.Output<string>;
    /** The DynamoDB table's name. */
    public readonly tableName: pulumi.Output<string>;
    /** The HTTP API's id. */
    public readonly apiId: pulumi.Output<string>;
    /** Each route's function name, by route name (`list-events`, ...). */
    public readonly functionNames: pulumi.Output<Record<string, string>>;
    /** The CloudWatch dashboard of the stack's alarms and metrics, in the AWS console. */
    public readonly dashboardUrl: pulumi.Output<string>;
    /** The API's OpenAPI 3.1 document (JSON text), with this stack's URL and authorization (components/openapi.ts). */
    public readonly openApi: pulumi.Output<string>;

    /** The events table. */
    public readonly table: aws.dynamodb.Table;
    /** The HTTP API. */
    public readonly api: aws.apigatewayv2.Api;
    /** Its `$default` stage, which serves the API at the root of its URL. */
    public readonly stage: aws.apigatewayv2.Stage;
    /** The stage's access-log group. */
    public readonly accessLogGroup: aws.cloudwatch.LogGroup;
    /** The JWT authorizer, when `jwtIssuer` and `jwtAudiences` are set. */
    public readonly authorizer?: aws.apigatewayv2.Authorizer;
    /** The custom domain's resources, when `customDomain` is set. */
    public readonly domain?: CustomDomain;
    /** Everything each route is made of (function, role, log group, integration, route...), by route name. */
    public readonly routes: ByRoute<RouteResources>;
    /** Each route's function, by route name. */
    public readonly functions: ByRoute<aws.lambda.Function>;
    /** Each route's function role, by route name. */
    public readonly roles: ByRoute<aws.iam.Role>;
    /** Each route's function log group, by route name. */
    public readonly logGroups: ByRoute<aws.cloudwatch.LogGroup>;
    /** Every alarm of the monitoring. */
    public readonly alarms: readonly aws.cloudwatch.MetricAlarm[];
    /** The CloudWatch dashboard. */
    public readonly dashboard: awsx.classic.cloudwatch.Dashboard;

    constructor(name: string, args: EventsApiArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        // Checked before super(): bad args register nothing, not even the component.
        const given = resolveSettings(args);
        super(eventsApiType, name, {}, opts);
        const settings = checkWhenKnown(given, this);

        const naming = childNaming(name, pulumi.getStack(), this);
        const { region } = aws.getRegionOutput({}, { parent: this });
        this.table = createTable(naming, settings);
        const httpApi = createHttpApi(naming, { ...settings, disableExecuteApiEndpoint: settings.customDomain !== undefined });
        this.api = httpApi.api;
        this.accessLogGroup = httpApi.accessLogs;
        this.authorizer = createJwtAuthorizer(naming, settings, this.api);
        warnAboutOpenWrites(settings, this);
        const permissionsBoundaryArn = resolvePermissionsBoundary(naming, settings.permissionsBoundaryArn);
        const perRoute = routes.map((route) => ({
            route,
            ...createRouteResources(naming, route, { settings, table: this.table, api: this.api, authorizer: this.authorizer, permissionsBoundaryArn }, this),
        }));
        this.routes = Object.fromEntries(perRoute.map(({ route, ...resources }) => [route.name, resources]));
        const byRoute = <T>(pick: (resources: RouteResources) => T): ByRoute<T> => Object.fromEntries(Object.entries(this.routes).map(([route, resources]) => [route, pick(resources)]));
        this.functions = byRoute((resources) => resources.function);
        this.roles = byRoute((resources) => resources.role);
        this.logGroups = byRoute((resources) => resources.logGroup);
        // After the routes: the stage's route settings name them (components/http-api.ts).
        this.stage = createStage(naming, httpApi, perRoute, settings);
        this.domain = settings.customDomain && createCustomDomain(naming, settings.customDomain, this.api, this.stage, region);

        const monitoring = createMonitoring(naming, {
            functions: routes.map((route) => ({
                routeName: route.name,
                functionName: this.functions[route.name].name,
                logGroupName: this.logGroups[route.name].name,
                timeoutSeconds: settings.timeout,
            })),
            apiId: this.api.id,
            stageName: this.stage.name,
            tableName: this.table.name,
            // CloudWatch alarms notify only a topic of their own region: another fails PutMetricAlarm
            // ("Invalid region ... specified", https://github.com/cds-snc/notification-terraform/pull/128).
            alarmTopicArn: settings.alarmTopicArn && inStackRegion(region, "alarmTopicArn", settings.alarmTopicArn, "a topic", "the alarms are", this),
            alarmThresholds: settings.alarmThresholds,
        });
        this.alarms = monitoring.alarms;
        this.dashboard = monitoring.dashboard;

        this.url = this.domain?.url ?? this.stage.invokeUrl;
        this.tableName = this.table.name;
        this.apiId = this.api.id;
        this.functionNames = pulumi.all(Object.fromEntries(Object.entries(this.functions).map(([route, fn]) => [route, fn.name])));
        this.dashboardUrl = monitoring.dashboardUrl;
        this.openApi = pulumi
            .all([this.url, settings.jwtIssuer])
            .apply(([serverUrl, jwtIssuer]) => JSON.stringify(openApiDocument({ authorization: (route) => routeAuthorization(route, settings), jwtIssuer, serverUrl }), null, 2));
        this.registerOutputs({
            url: this.url,
            tableName: this.tableName,
            apiId: this.apiId,
            functionNames: this.functionNames,
            dashboardUrl: this.dashboardUrl,
            openApi: this.openApi,
        });
    }
}

/** Checks the args and fills in every default, in one place; a bad arg is a ResourceError naming `[arg]`. */
function resolveSettings(args: EventsApiArgs): Settings {
    const { settings, problems } = parseSettings({ ...args }, argName);
    if (problems) throw argsError(problems);
    return settings;
}
