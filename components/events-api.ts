import * as pulumi from "@pulumi/pulumi";
import { createJwtAuthorizer, warnAboutOpenWrites } from "./authorizer";
import { createCustomDomain } from "./custom-domain";
import { createHttpApi, createStage } from "./http-api";
import { createMonitoring } from "./monitoring";
import { childNaming } from "./naming";
import { openApiDocument } from "./openapi";
import { resolvePermissionsBoundary } from "./permissions-boundary";
import { routeAuthorization } from "./route-authorization";
import { createRouteResources } from "./route-resources";
import { routes } from "./routes";
import { parseSettings, Settings, SettingsInput } from "./settings";
import { createTable } from "./table";

export const eventsApiType = "events-api:index:EventsApi";

/**
 * Settings of an {@link EventsApi}, each documented where it is defined (components/settings.ts) and
 * shown here by your editor. Every property is optional and plain (not an Output): values are checked
 * when the component is constructed, so a bad one fails `pulumi preview` before any change. The stack
 * program reads each from the stack config key of the same name (`events-api:memorySize`).
 */
export interface EventsApiArgs extends SettingsInput {}

/**
 * The Events API: one DynamoDB table, one arm64 function per route of the route table (each with its
 * own role and log group), and an HTTP API that proxies each route to its function.
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

    constructor(name: string, args: EventsApiArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        // Checked before super(): bad args register nothing, not even the component.
        const settings = resolveSettings(args);
        super(eventsApiType, name, {}, opts);

        const naming = childNaming(name, pulumi.getStack(), this);
        const table = createTable(naming, settings);
        const httpApi = createHttpApi(naming, { ...settings, disableExecuteApiEndpoint: settings.customDomain !== undefined });
        const { api } = httpApi;
        const authorizer = createJwtAuthorizer(naming, settings, api);
        warnAboutOpenWrites(settings, this);
        const permissionsBoundaryArn = resolvePermissionsBoundary(naming, settings.permissionsBoundaryArn);
        const perRoute = routes.map((route) => ({
            route,
            ...createRouteResources(naming, route, { settings, table, api, authorizer, permissionsBoundaryArn }, this),
        }));
        // After the routes: the stage's route settings name them (components/http-api.ts).
        const stage = createStage(naming, httpApi, perRoute, settings);
        const domain = settings.customDomain && createCustomDomain(naming, settings.customDomain, api, stage);
        const monitoring = createMonitoring(naming, {
                functions: perRoute.map(({ route, function: fn, logGroup }) => ({
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
        });

        this.url = domain?.url ?? stage.invokeUrl;
        this.tableName = table.name;
        this.apiId = api.id;
        this.functionNames = pulumi.output(Object.fromEntries(perRoute.map(({ route, function: fn }) => [route.name, fn.name])));
        this.dashboardUrl = monitoring.dashboardUrl;
        this.openApi = this.url.apply((serverUrl) =>
            JSON.stringify(openApiDocument({ authorization: (route) => routeAuthorization(route, settings), jwtIssuer: settings.jwtIssuer, serverUrl }), null, 2),
        );
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
    const { settings, problems } = parseSettings({ ...args }, (path) => `[${path}]`);
    if (problems) {
        throw new pulumi.ResourceError(`invalid EventsApi args:\n  ${problems.join("\n  ")}`, undefined, true);
    }
    return settings;
}
