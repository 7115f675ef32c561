import * as pulumi from "@pulumi/pulumi";
import { EventsApi } from "./components/events-api";
import { settingsFromConfig } from "./components/stack-config";

// Every `events-api:` key of the stack's config, checked before any resource is declared.
const api = new EventsApi("events-api", settingsFromConfig(pulumi.runtime.allConfig()));

export const url = api.url;
export const tableName = api.tableName;
export const apiId = api.apiId;
export const functionNames = api.functionNames;
export const dashboardUrl = api.dashboardUrl;
