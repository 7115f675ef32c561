import { PolicyResource } from "@pulumi/policy";
import { knownString, plain, property, unknown } from "./property";
import { lambdaFunctionTypes, resourceTypes } from "./resource-types";

/**
 * Lambda@Edge: functions a CloudFront distribution of the stack associates with its cache behaviours.
 * CloudFront's restrictions (Amazon CloudFront Developer Guide, "Restrictions on Lambda@Edge" and
 * "Quotas on Lambda@Edge"): a numbered version of a function in us-east-1, no arm64, no environment
 * variables, no layers, no VPC, no container image; viewer-request and viewer-response functions have at
 * most 128 MB of memory (origin triggers have Lambda's own range).
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge
 */

export const edgeRestrictionsUrl = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html";
export const edgeQuotasUrl = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge";

export type EdgeEvent = "viewer-request" | "viewer-response" | "origin-request" | "origin-response";

/** A function's associations: the distribution and the event each one triggers it on. */
export interface EdgeUse {
    distribution: PolicyResource;
    events: Set<EdgeEvent>;
}

/** Where each provider's distribution keeps its cache behaviours, and what an association calls the ARN. */
const layouts = [
    { type: resourceTypes.cloudfrontDistribution, behaviours: [["defaultCacheBehavior"], ["orderedCacheBehaviors"]], arnKey: "lambdaArn" },
    {
        type: resourceTypes.nativeCloudfrontDistribution,
        behaviours: [
            ["distributionConfig", "defaultCacheBehavior"],
            ["distributionConfig", "cacheBehaviors"],
        ],
        arnKey: "lambdaFunctionArn",
    },
] as const;

interface Association {
    event: EdgeEvent | undefined;
    arn: string | undefined;
}

/**
 * The stack's Lambda@Edge functions. An association names a version's ARN: it is matched to the
 * function by value when known, else through the engine's property dependencies of the behaviour's
 * top-level property (known at preview even while the ARN is not); an association whose event is not
 * known counts as every event.
 */
export function edgeFunctions(resources: PolicyResource[]): Map<PolicyResource, EdgeUse[]> {
    const functions = resources.filter((r) => lambdaFunctionTypes.includes(r.type) && couldBeLambdaAtEdge(r.type, r.props));
    const uses = new Map<PolicyResource, EdgeUse[]>();
    const use = (fn: PolicyResource, distribution: PolicyResource, events: EdgeEvent[]) => {
        const list = uses.get(fn) ?? [];
        let entry = list.find((u) => u.distribution === distribution);
        if (!entry) {
            entry = { distribution, events: new Set() };
            list.push(entry);
        }
        events.forEach((event) => entry.events.add(event));
        uses.set(fn, list);
    };
    for (const layout of layouts) {
        for (const distribution of resources.filter((r) => r.type === layout.type)) {
            for (const path of layout.behaviours) {
                const associations = behaviours(property(distribution.props, ...path)).flatMap((behaviour) => associationsOf(behaviour, layout.arnKey));
                const unmatched: Association[] = [];
                for (const association of associations) {
                    const byValue = association.arn === undefined ? [] : functions.filter((fn) => namesVersionOf(association.arn as string, fn));
                    byValue.forEach((fn) => use(fn, distribution, eventsOf(association)));
                    if (byValue.length === 0) unmatched.push(association);
                }
                if (unmatched.length > 0) {
                    for (const fn of dependedFunctions(distribution, path[0], functions)) {
                        use(fn, distribution, unmatched.flatMap(eventsOf));
                    }
                }
            }
        }
    }
    return uses;
}

const allEvents: EdgeEvent[] = ["viewer-request", "viewer-response", "origin-request", "origin-response"];

function eventsOf(association: Association): EdgeEvent[] {
    return association.event ? [association.event] : allEvents;
}

function behaviours(value: unknown): unknown[] {
    if (value === unknown || value === undefined || value === null) return [];
    return Array.isArray(value) ? value.map(plain) : [value];
}

function associationsOf(behaviour: unknown, arnKey: string): Association[] {
    const list = property(behaviour, "lambdaFunctionAssociations");
    return (Array.isArray(list) ? list : []).map((association) => {
        const event = knownString(association, "eventType");
        return { event: allEvents.includes(event as EdgeEvent) ? (event as EdgeEvent) : undefined, arn: knownString(association, arnKey) };
    });
}

/** `arn:aws:lambda:us-east-1:123456789012:function:name:7` names a version of the function with that ARN. */
function namesVersionOf(arn: string, fn: PolicyResource): boolean {
    const fnArn = knownString(fn.props, "arn");
    return (fnArn !== undefined && arn.startsWith(`${fnArn}:`)) || arn === knownString(fn.props, "qualifiedArn");
}

/** Functions a property's value came from. */
function dependedFunctions(resource: PolicyResource, key: string, functions: PolicyResource[]): PolicyResource[] {
    return (resource.propertyDependencies?.[key] ?? []).filter((dependency) => functions.includes(dependency));
}

/** A viewer trigger caps the function at 128 MB. */
export function isViewerTriggered(uses: EdgeUse[]): boolean {
    return uses.some((u) => u.events.has("viewer-request") || u.events.has("viewer-response"));
}

/** "distribution "cdn" (viewer-request, origin-response)", for messages. */
export function describeUses(uses: EdgeUse[]): string {
    return uses.map((u) => `distribution "${u.distribution.name}" (${[...u.events].sort().join(", ")})`).join(", ");
}

/**
 * Whether a function, seen alone, could be a Lambda@Edge function: then only the stack can tell, so it
 * is checked in AnalyzeStack. An aws.lambda.Function needs `publish: true` (or a value unknown at
 * preview) for the numbered version CloudFront takes; one with environment variables, layers, a VPC or
 * an image cannot be associated. An aws-native function publishes through a separate
 * aws-native:lambda:Version, which Analyze cannot see: aws-native functions are checked per resource
 * (and remediated) as any other, and one used at the edge needs an exemption.
 */
export function couldBeLambdaAtEdge(type: string, props: unknown): boolean {
    if (type !== resourceTypes.lambdaFunction) return false;
    const publish = property(props, "publish");
    if (publish !== true && publish !== unknown) return false;
    const variables = property(props, "environment", "variables");
    const layers = property(props, "layers");
    const subnets = property(props, "vpcConfig", "subnetIds");
    const image = property(props, "packageType") === "Image";
    const nonEmpty = (value: unknown) => value !== undefined && value !== null && value !== unknown && (typeof value !== "object" || Object.keys(value as object).length > 0);
    return !(nonEmpty(variables) || nonEmpty(layers) || nonEmpty(subnets) || image);
}
