import { PackPolicy } from "./exemptions";
import { PolicyResource } from "@pulumi/policy";
import { property, shown, unknown } from "./property";
import { dependenciesOf, elements, isSet, knownStrings, referencedAt } from "./references";
import { resourceTypes, restApiStageTypes } from "./resource-types";

// A method-level throttle: "*/*" (every method) or "<resource path without its leading slash>/<METHOD>", and its limits.
interface Throttle {
    methodPath: string;
    burst: unknown;
    rate: unknown;
}

const limitAboveZero = (limit: unknown) => limit === unknown || (typeof limit === "number" && limit > 0);

/**
 * A stage's method settings: aws `aws.apigateway.MethodSettings` resources naming the stage (by its
 * `stageName` and the API, property dependencies at preview) and aws-native's inline `methodSettings`
 * (`resourcePath` "/" + "*" and `httpMethod` "*" for every method).
 */
function throttlesOf(stage: PolicyResource, resources: PolicyResource[]): Throttle[] {
    if (stage.type === resourceTypes.nativeRestApiStage) {
        return elements(property(stage.props, "methodSettings")).map((setting) => {
            const resourcePath = String(property(setting, "resourcePath") ?? "");
            const method = String(property(setting, "httpMethod") ?? "");
            return {
                methodPath: resourcePath === "/*" && method === "*" ? "*/*" : `${resourcePath.replace(/^\//, "")}/${method}`,
                burst: property(setting, "throttlingBurstLimit"),
                rate: property(setting, "throttlingRateLimit"),
            };
        });
    }
    const stageName = property(stage.props, "stageName");
    return resources
        .filter((r) => r.type === resourceTypes.restApiMethodSettings)
        .filter((settings) => {
            const named = property(settings.props, "stageName");
            return dependenciesOf(settings, "stageName").includes(stage) || (typeof named === "string" && named === stageName && sameApi(settings, stage, resources));
        })
        .map((settings) => ({
            methodPath: String(property(settings.props, "methodPath") ?? ""),
            burst: property(settings.props, "settings", "throttlingBurstLimit"),
            rate: property(settings.props, "settings", "throttlingRateLimit"),
        }));
}

const apiTypes: readonly string[] = [resourceTypes.restApi, resourceTypes.nativeRestApi];
const methodTypes: readonly string[] = [resourceTypes.restApiMethod, resourceTypes.nativeRestApiMethod];
const pathTypes: readonly string[] = [resourceTypes.restApiResource, resourceTypes.nativeRestApiResource, ...apiTypes];

/** aws names a REST API `restApi`, aws-native `restApiId`. */
const apiKey = (resource: PolicyResource) => (resource.type.startsWith("aws-native:") ? "restApiId" : "restApi");

/** The REST APIs of the stack a resource belongs to. */
function apisOf(resource: PolicyResource, resources: PolicyResource[]): PolicyResource[] {
    return referencedAt(resource, [apiKey(resource)], resources.filter((r) => apiTypes.includes(r.type)), ["arn", "name", "restApiId"]);
}

function sameApi(a: PolicyResource, b: PolicyResource, resources: PolicyResource[]): boolean {
    const [left, right] = [apisOf(a, resources), apisOf(b, resources)];
    if (left.length > 0 || right.length > 0) {
        return left.some((api) => right.includes(api));
    }
    const [x, y] = [knownStrings(property(a.props, apiKey(a))), knownStrings(property(b.props, apiKey(b)))];
    return x.some((id) => y.includes(id));
}

/** A resource's path: `path` when known, else built from `pathPart` and its parent (the API's root is "/"). */
function resourcePath(resource: PolicyResource | undefined, resources: PolicyResource[], depth = 0): string | undefined {
    if (resource === undefined || depth > 64) {
        return undefined;
    }
    if (apiTypes.includes(resource.type)) {
        return "/";
    }
    const path = property(resource.props, "path");
    if (typeof path === "string") {
        return path;
    }
    const part = property(resource.props, "pathPart");
    const parent = dependenciesOf(resource, "parentId").find((d) => pathTypes.includes(d.type));
    const parentPath = resourcePath(parent, resources, depth + 1);
    return typeof part === "string" && parentPath !== undefined ? `${parentPath.replace(/\/$/, "")}/${part}` : undefined;
}

/** The methods the stack declares on a stage's API, as method paths (`events/{id}/GET`), or undefined for one whose path is unknown. */
function methodPaths(stage: PolicyResource, resources: PolicyResource[]): (string | undefined)[] {
    const apis = apisOf(stage, resources);
    return resources
        .filter((r) => methodTypes.includes(r.type) && apisOf(r, resources).some((api) => apis.includes(api)))
        .map((method) => {
            const target = dependenciesOf(method, "resourceId").find((d) => pathTypes.includes(d.type));
            const path = resourcePath(target, resources);
            const verb = property(method.props, "httpMethod");
            return path === undefined || typeof verb !== "string" ? undefined : `${path.replace(/^\//, "")}/${verb}`;
        });
}

/** What is missing from a stage's throttling, or undefined when every method is throttled above 0. */
function throttlingProblem(stage: PolicyResource, resources: PolicyResource[]): string | undefined {
    const throttles = throttlesOf(stage, resources);
    const throttled = (t: Throttle) => limitAboveZero(t.burst) && limitAboveZero(t.rate);
    const all = throttles.find((t) => t.methodPath === "*/*");
    if (all && throttled(all)) {
        return undefined;
    }
    const methods = methodPaths(stage, resources);
    const covered = methods.length > 0 && methods.every((path) => path !== undefined && throttles.some((t) => t.methodPath === path && throttled(t)));
    if (covered) {
        return undefined;
    }
    if (all) {
        return `its "*/*" method settings have throttlingBurstLimit ${shown(all.burst)} and throttlingRateLimit ${shown(all.rate)}`;
    }
    const uncovered = methods.filter((path) => path === undefined || !throttles.some((t) => t.methodPath === path && throttled(t)));
    return methods.length === 0
        ? "no method settings throttle its methods"
        : `no method settings throttle ${uncovered.map((path) => (path === undefined ? "a method whose path is unknown" : JSON.stringify(path))).join(", ")}`;
}

/**
 * A stack policy for REST API stages (serverless-rules ES2000 logging, WS2002 tracing, ES2003 default
 * throttling), one finding per missing aspect. With aws, throttling lives in separate
 * `aws.apigateway.MethodSettings` resources, and "every method" is checked against the methods the stack
 * declares: only the stack shows both. Values unknown at preview count as set.
 */
export const apigatewayStageLogsTracingThrottling: PackPolicy = {
    appliesToStackOf: restApiStageTypes,
    name: "apigateway-stage-logs-tracing-throttling",
    description: "REST API stages should write access logs, trace with X-Ray, and throttle every method with burst and rate limits above 0.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        for (const stage of args.resources.filter((r) => restApiStageTypes.includes(r.type))) {
            const native = stage.type === resourceTypes.nativeRestApiStage;
            const at = `REST API stage "${stage.name}"`;
            const logs = native ? "accessLogSetting" : "accessLogSettings";
            const destination = property(stage.props, logs, "destinationArn");
            if (!isSet(destination)) {
                reportViolation(
                    `${at}: ${logs}.destinationArn is ${shown(destination)}, so it writes no access logs, the only record of requests ` +
                        `API Gateway rejects before the integration. Set ${logs} with destinationArn (a log group ARN) and a JSON format.`,
                    stage.urn,
                );
            }
            const tracingKey = native ? "tracingEnabled" : "xrayTracingEnabled";
            const tracing = property(stage.props, tracingKey);
            if (tracing !== true && tracing !== unknown) {
                reportViolation(
                    `${at}: ${tracingKey} is ${shown(tracing)}, so X-Ray traces stop at the function and leave out API Gateway's own time. ` +
                        `Set ${tracingKey}: true.`,
                    stage.urn,
                );
            }
            const throttling = throttlingProblem(stage, args.resources);
            if (throttling) {
                const fix = native
                    ? `add to methodSettings { resourcePath: "/*", httpMethod: "*", throttlingBurstLimit, throttlingRateLimit } with both above 0`
                    : `add an aws.apigateway.MethodSettings with methodPath "*/*" and settings.throttlingBurstLimit and throttlingRateLimit above 0`;
                reportViolation(
                    `${at}: ${throttling}, so a burst of requests can use up the account's API Gateway and Lambda concurrency (a limit of 0 ` +
                        `rejects every request). To throttle every method, ${fix}.`,
                    stage.urn,
                );
            }
        }
    },
};
