import { PackPolicy } from "./exemptions";
import { PolicyResource } from "@pulumi/policy";
import { StackFunctions } from "./function-references";
import { property } from "./property";
import { describe, elements, isSet } from "./references";
import { resourceTypes } from "./resource-types";

/**
 * Services that invoke Lambda asynchronously ("Invoking Lambda with events from other AWS services",
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html; serverless-rules ES1007 lists events,
 * iot, s3, sns): EventBridge and its Scheduler, S3, SNS, SES, CloudWatch Logs (regional principals),
 * CloudWatch alarms, IoT and IoT Events, AWS Config, CodeCommit, CloudFormation (custom resources).
 */
const asyncPrincipal =
    /^(events|scheduler|s3|sns|ses|iot|iotevents|config|codecommit|cloudformation|lambda\.alarms\.cloudwatch|logs(\.[a-z0-9-]+)?)\.amazonaws\.com(\.cn)?$/;

/** How the stack can make a service invoke a function: the resource type, and where it names the function. */
const invokers: { type: string; path: [string, ...string[]]; only?: (r: PolicyResource) => boolean }[] = [
    { type: resourceTypes.bucketNotification, path: ["lambdaFunctions"] },
    { type: resourceTypes.nativeBucket, path: ["notificationConfiguration", "lambdaConfigurations"] },
    { type: resourceTypes.snsTopicSubscription, path: ["endpoint"], only: (r) => property(r.props, "protocol") === "lambda" },
    { type: resourceTypes.nativeSnsSubscription, path: ["endpoint"], only: (r) => property(r.props, "protocol") === "lambda" },
    { type: resourceTypes.nativeSnsTopic, path: ["subscription"], only: (r) => elements(property(r.props, "subscription")).some((s) => property(s, "protocol") === "lambda") },
    { type: resourceTypes.eventTarget, path: ["arn"] },
    { type: resourceTypes.nativeEventRule, path: ["targets"] },
    { type: resourceTypes.schedule, path: ["target", "arn"] },
    { type: resourceTypes.nativeSchedule, path: ["target", "arn"] },
    { type: resourceTypes.logSubscriptionFilter, path: ["destinationArn"] },
    { type: resourceTypes.nativeLogSubscriptionFilter, path: ["destinationArn"] },
];

const invokeConfigTypes: readonly string[] = [resourceTypes.eventInvokeConfig, resourceTypes.nativeEventInvokeConfig];

/** Every function the stack has invoked asynchronously, with what invokes it. */
function asyncInvocations(resources: PolicyResource[], functions: StackFunctions): Map<PolicyResource, string[]> {
    const found = new Map<PolicyResource, string[]>();
    const add = (fns: PolicyResource[], by: string) => fns.forEach((fn) => found.set(fn, [...(found.get(fn) ?? []), by]));
    for (const resource of resources) {
        if (resource.type === resourceTypes.lambdaPermission || resource.type === resourceTypes.nativeLambdaPermission) {
            const principal = property(resource.props, "principal");
            if (typeof principal === "string" && asyncPrincipal.test(principal)) {
                add(functions.referencedAt(resource, resource.type === resourceTypes.lambdaPermission ? "function" : "functionName"), `permission "${resource.name}" for ${principal}`);
            }
            continue;
        }
        for (const invoker of invokers.filter((i) => i.type === resource.type && (i.only?.(resource) ?? true))) {
            add(functions.referencedAt(resource, ...invoker.path), describe(resource));
        }
    }
    return found;
}

/** Whether failed events of a function have somewhere to go, and the event invoke configs naming it. */
function failureTarget(fn: PolicyResource, configs: PolicyResource[], functions: StackFunctions): { has: boolean; configs: PolicyResource[] } {
    const own = configs.filter((config) => functions.referencedAt(config, "functionName").includes(fn));
    const destination = own.some((config) => isSet(property(config.props, "destinationConfig", "onFailure", "destination")));
    return { has: destination || isSet(property(fn.props, "deadLetterConfig", "targetArn")), configs: own };
}

/**
 * A stack policy (serverless-rules ES1007): only the stack shows what invokes a function and whether an
 * event invoke config names it. A destination or dead-letter queue unknown at preview counts as set.
 */
export const lambdaAsyncFailureDestination: PackPolicy = {
    appliesToStackOf: [resourceTypes.lambdaFunction, resourceTypes.nativeLambdaFunction],
    name: "lambda-async-failure-destination",
    description: "Lambda functions invoked asynchronously (by S3, SNS, EventBridge, ...) should send events that fail every retry to an on-failure destination or a dead-letter queue.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        const functions = new StackFunctions(args.resources);
        const configs = args.resources.filter((r) => invokeConfigTypes.includes(r.type));
        for (const [fn, by] of asyncInvocations(args.resources, functions)) {
            const target = failureTarget(fn, configs, functions);
            if (target.has) {
                continue;
            }
            const existing = target.configs.length > 0 ? ` Its ${target.configs.map(describe).join(", ")} has no destinationConfig.onFailure.` : "";
            reportViolation(
                `Lambda function "${fn.name}" is invoked asynchronously (${[...new Set(by)].sort().join("; ")}) and has no on-failure destination or ` +
                    `dead-letter queue: an event that still fails after Lambda's retries is dropped.${existing} Add an ` +
                    `aws.lambda.FunctionEventInvokeConfig for it with destinationConfig.onFailure.destination (an SQS queue, SNS topic, S3 ` +
                    `bucket or EventBridge bus ARN), or set its deadLetterConfig.targetArn.`,
                fn.urn,
            );
        }
    },
};
