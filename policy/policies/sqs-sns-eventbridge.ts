import { PackPolicy } from "./exemptions";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { appliesTo } from "./applies-to";
import { property } from "./property";
import { hasRedrivePolicy, queueTypes, usedAsDeadLetterQueue } from "./queues";
import { elements, isSet } from "./references";
import { resourceTypes } from "./resource-types";

/**
 * A stack policy (serverless-rules ES6000): only the stack tells a dead-letter queue, which needs no redrive
 * policy of its own, from the queues that need one, and shows a redrive policy declared as its own
 * resource. A redrive policy unknown at preview counts as set.
 */
export const sqsQueueRedrivePolicy: PackPolicy = {
    appliesToStackOf: [resourceTypes.sqsQueue, resourceTypes.nativeSqsQueue],
    name: "sqs-queue-redrive-policy",
    description: "SQS queues other than dead-letter queues should have a redrive policy, so a message consumers keep failing on moves to a dead-letter queue.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        for (const queue of args.resources.filter((r) => queueTypes.includes(r.type))) {
            if (hasRedrivePolicy(queue, args.resources) || usedAsDeadLetterQueue(queue, args.resources)) {
                continue;
            }
            reportViolation(
                `SQS queue "${queue.name}" has no redrive policy, and nothing in the stack uses it as a dead-letter queue: a message its ` +
                    `consumer keeps failing on is received again after every visibility timeout until its retention period ends, then ` +
                    `deleted. Set redrivePolicy to {"deadLetterTargetArn": <a dead-letter queue's ARN>, "maxReceiveCount": 5} (as JSON with ` +
                    `aws; or declare an aws.sqs.RedrivePolicy for it). A dead-letter queue another stack uses needs an exemption.`,
                queue.urn,
            );
        }
    },
};

/** Its subscriptions, for an aws-native topic declaring them inline (which takes no redrive policy). */
function inlineSubscriptions(topic: Record<string, unknown>): unknown[] {
    return elements(property(topic, "subscription"));
}

/** serverless-rules ES7000, every protocol. A redrive policy unknown at preview counts as set. */
export const snsSubscriptionRedrivePolicy: ResourceValidationPolicy = {
    name: "sns-subscription-redrive-policy",
    description: "SNS subscriptions should have a redrive policy, so a message SNS cannot deliver goes to a dead-letter queue instead of being dropped.",
    enforcementLevel: "advisory",
    validateResource: appliesTo([resourceTypes.snsTopicSubscription, resourceTypes.nativeSnsSubscription, resourceTypes.nativeSnsTopic], (args, reportViolation) => {
        const fix =
            `Set redrivePolicy to {"deadLetterTargetArn": <an SQS queue's ARN>} (as JSON with aws); the queue's policy must let ` +
            `sns.amazonaws.com send to it.`;
        if (args.type === resourceTypes.nativeSnsTopic) {
            for (const subscription of inlineSubscriptions(args.props)) {
                reportViolation(
                    `SNS topic "${args.name}": its inline subscription (protocol ${JSON.stringify(property(subscription, "protocol"))}, endpoint ` +
                        `${JSON.stringify(property(subscription, "endpoint"))}) cannot have a redrive policy, so a message SNS cannot deliver to it ` +
                        `is dropped after its delivery retries. Declare it as an aws-native:sns:Subscription instead. ${fix}`,
                );
            }
            return;
        }
        if (!isSet(property(args.props, "redrivePolicy"))) {
            reportViolation(
                `SNS subscription "${args.name}" (protocol ${JSON.stringify(property(args.props, "protocol"))}) has no redrivePolicy: a message ` +
                    `SNS cannot deliver after its delivery retries is dropped. ${fix}`,
            );
        }
    }),
};

/** Each target of an EventBridge resource, as `[what it is called, its dead-letter ARN]`. */
function targetsOf(type: string, props: Record<string, unknown>, name: string): [string, unknown][] {
    switch (type) {
        case resourceTypes.eventTarget:
            return [[`EventBridge target "${name}" (rule ${JSON.stringify(property(props, "rule"))})`, property(props, "deadLetterConfig", "arn")]];
        case resourceTypes.nativeEventRule:
            return elements(property(props, "targets")).map((target) => [
                `EventBridge rule "${name}": target ${JSON.stringify(property(target, "id"))}`,
                property(target, "deadLetterConfig", "arn"),
            ]);
        default:
            return [[`EventBridge Scheduler schedule "${name}"`, property(props, "target", "deadLetterConfig", "arn")]];
    }
}

/**
 * serverless-rules ES4000, for every target of a rule (a rule with one target lacking it fails), and for
 * EventBridge Scheduler schedules. A dead-letter ARN unknown at preview counts as set.
 */
export const eventbridgeTargetDeadLetter: ResourceValidationPolicy = {
    name: "eventbridge-target-dead-letter",
    description: "EventBridge targets and schedules should have a dead-letter queue, so an event EventBridge cannot deliver is kept instead of dropped.",
    enforcementLevel: "advisory",
    validateResource: appliesTo([resourceTypes.eventTarget, resourceTypes.nativeEventRule, resourceTypes.schedule, resourceTypes.nativeSchedule], (args, reportViolation) => {
        for (const [target, deadLetterArn] of targetsOf(args.type, args.props, args.name)) {
            if (!isSet(deadLetterArn)) {
                reportViolation(
                    `${target} has no deadLetterConfig: an event EventBridge cannot deliver after its retry policy (by default 185 attempts ` +
                        `over 24 hours) is dropped. Set deadLetterConfig to { arn: <an SQS queue's ARN> }; the queue's policy must let ` +
                        `EventBridge send to it.`,
                );
            }
        }
    }),
};
