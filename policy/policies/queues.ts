import { PolicyResource } from "@pulumi/policy";
import { property, unknown } from "./property";
import { containsUnknown, dependenciesOf, documentOf, elements, identifiersOf, isSet, knownStrings, referencedAt } from "./references";
import { resourceTypes } from "./resource-types";

/** Both providers' SQS queues, and what other resources name a queue by. */
export const queueTypes: readonly string[] = [resourceTypes.sqsQueue, resourceTypes.nativeSqsQueue];
export const queueIds = ["arn", "url", "queueUrl"] as const;

/** Whether a queue has a redrive policy: inline (aws's JSON string, aws-native's object), or an aws.sqs.RedrivePolicy naming it. */
export function hasRedrivePolicy(queue: PolicyResource, resources: PolicyResource[]): boolean {
    if (isSet(property(queue.props, "redrivePolicy"))) {
        return true;
    }
    return resources.some((r) => r.type === resourceTypes.sqsRedrivePolicy && referencedAt(r, ["queueUrl"], [queue], queueIds).length > 0);
}

/**
 * Where the stack names a dead-letter queue (or an on-failure destination), by resource type: the path to
 * the value, and for list properties the element path. A queue is a dead-letter queue when one of these
 * names it.
 */
const deadLetterUses: { type: string; path: [string, ...string[]]; each?: string[] }[] = [
    { type: resourceTypes.sqsQueue, path: ["redrivePolicy"] },
    { type: resourceTypes.nativeSqsQueue, path: ["redrivePolicy"] },
    { type: resourceTypes.sqsRedrivePolicy, path: ["redrivePolicy"] },
    { type: resourceTypes.lambdaFunction, path: ["deadLetterConfig"] },
    { type: resourceTypes.nativeLambdaFunction, path: ["deadLetterConfig"] },
    { type: resourceTypes.eventTarget, path: ["deadLetterConfig"] },
    { type: resourceTypes.nativeEventRule, path: ["targets"], each: ["deadLetterConfig", "arn"] },
    { type: resourceTypes.schedule, path: ["target", "deadLetterConfig"] },
    { type: resourceTypes.nativeSchedule, path: ["target", "deadLetterConfig"] },
    { type: resourceTypes.snsTopicSubscription, path: ["redrivePolicy"] },
    { type: resourceTypes.nativeSnsSubscription, path: ["redrivePolicy"] },
    { type: resourceTypes.eventInvokeConfig, path: ["destinationConfig", "onFailure"] },
    { type: resourceTypes.nativeEventInvokeConfig, path: ["destinationConfig", "onFailure"] },
    { type: resourceTypes.eventSourceMapping, path: ["destinationConfig", "onFailure"] },
    { type: resourceTypes.nativeEventSourceMapping, path: ["destinationConfig", "onFailure"] },
];

/** Resources whose redrive allow policy declares the queue a dead-letter queue others may use. */
function allowsRedrive(queue: PolicyResource, resources: PolicyResource[]): boolean {
    const permission = (policy: unknown) => {
        const document = documentOf(policy);
        return document === unknown || (document !== undefined && property(document, "redrivePermission") !== "denyAll");
    };
    if (property(queue.props, "redriveAllowPolicy") !== undefined && permission(property(queue.props, "redriveAllowPolicy"))) {
        return true;
    }
    return resources.some((r) => r.type === resourceTypes.sqsRedriveAllowPolicy && referencedAt(r, ["queueUrl"], [queue], queueIds).length > 0 && permission(property(r.props, "redriveAllowPolicy")));
}

/**
 * Whether the stack uses a queue as a dead-letter queue: another queue's redrive target, a function's,
 * an EventBridge target's, a schedule's or an SNS subscription's dead-letter queue, or an event invoke
 * config's or event source mapping's on-failure destination; or a queue that allows redrive to it.
 */
export function usedAsDeadLetterQueue(queue: PolicyResource, resources: PolicyResource[]): boolean {
    const named = resources.some((r) =>
        deadLetterUses
            .filter((use) => use.type === r.type)
            .some((use) => {
                if (use.each === undefined) {
                    return referencedAt(r, use.path, [queue], queueIds).length > 0;
                }
                // A list property's dependencies cover every element (targets too): read the element path where it is known.
                const values = elements(property(r.props, ...use.path)).map((element) => property(element, ...(use.each as string[])));
                const ids = identifiersOf(queue, queueIds);
                return values.some((v) => knownStrings(v).some((s) => ids.includes(s))) || (values.some(containsUnknown) && dependenciesOf(r, use.path[0]).includes(queue));
            }),
    );
    return named || allowsRedrive(queue, resources);
}
