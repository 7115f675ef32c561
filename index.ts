import * as pulumi from "@pulumi/pulumi";
import { checkDeployment } from "./components/deployment-checks";
import { EventsApi } from "./components/events-api";
import { settingsFromConfig } from "./components/stack-config";

// Every `events-api:` key of the stack's config, checked before any resource is declared.
const settings = settingsFromConfig(pulumi.runtime.allConfig());
// Then against the account (placeholder values, the Lambda concurrency limit). Everything in the API is the
// component's child and waits for its dependsOn, so a failed check stops `pulumi up` before the first resource.
const name = "events-api";
const api = new EventsApi(name, settings, { dependsOn: checkDeployment(name, settings) });

export const url = api.url;
export const tableName = api.tableName;
export const apiId = api.apiId;
export const functionNames = api.functionNames;
export const dashboardUrl = api.dashboardUrl;
export const openapi = api.openApi;
