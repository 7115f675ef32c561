import { PackPolicy } from "./exemptions";
import { PolicyResource } from "@pulumi/policy";
import { property } from "./property";
import { hasRedrivePolicy, queueIds, queueTypes } from "./queues";
import { dependenciesOf, isSet, referencedAt } from "./references";
import { resourceTypes } from "./resource-types";

const mappingTypes: readonly string[] = [resourceTypes.eventSourceMapping, resourceTypes.nativeEventSourceMapping];

/** Stream and Kafka sources, by the resource type an `eventSourceArn` came from. */
const streamSourceTypes: Record<string, string> = {
    [resourceTypes.kinesisStream]: "a Kinesis stream",
    [resourceTypes.nativeKinesisStream]: "a Kinesis stream",
    [resourceTypes.dynamodbTable]: "a DynamoDB stream",
    [resourceTypes.nativeDynamodbTable]: "a DynamoDB stream",
    [resourceTypes.nativeDynamodbGlobalTable]: "a DynamoDB stream",
    [resourceTypes.mskCluster]: "an Amazon MSK cluster",
    [resourceTypes.mskServerlessCluster]: "an Amazon MSK cluster",
    [resourceTypes.nativeMskCluster]: "an Amazon MSK cluster",
    [resourceTypes.nativeMskServerlessCluster]: "an Amazon MSK cluster",
};

type Source = { kind: "stream"; what: string } | { kind: "sqs"; queues: PolicyResource[] } | undefined;

/** What a mapping reads: a stream or Kafka cluster, an SQS queue (with the stack's queue, when declared), or something else. */
function sourceOf(mapping: PolicyResource, resources: PolicyResource[]): Source {
    if (isSet(property(mapping.props, "selfManagedEventSource"))) {
        return { kind: "stream", what: "a self-managed Kafka cluster" };
    }
    const arn = property(mapping.props, "eventSourceArn");
    const queues = resources.filter((r) => queueTypes.includes(r.type));
    if (typeof arn === "string") {
        const service = arn.split(":")[2];
        if (service === "kinesis") return { kind: "stream", what: "a Kinesis stream" };
        if (service === "dynamodb") return { kind: "stream", what: "a DynamoDB stream" };
        if (service === "kafka") return { kind: "stream", what: "an Amazon MSK cluster" };
        return service === "sqs" ? { kind: "sqs", queues: referencedAt(mapping, ["eventSourceArn"], queues, queueIds) } : undefined;
    }
    const from = dependenciesOf(mapping, "eventSourceArn");
    const stream = from.find((d) => streamSourceTypes[d.type] !== undefined);
    if (stream) {
        return { kind: "stream", what: `${streamSourceTypes[stream.type]} ("${stream.name}")` };
    }
    const sourceQueues = from.filter((d) => queueTypes.includes(d.type));
    return sourceQueues.length > 0 ? { kind: "sqs", queues: sourceQueues } : undefined;
}

/** aws: `destinationConfig.onFailure.destinationArn`; aws-native: `destinationConfig.onFailure.destination`. */
function onFailureDestination(mapping: PolicyResource): unknown {
    return property(mapping.props, "destinationConfig", "onFailure", mapping.type === resourceTypes.eventSourceMapping ? "destinationArn" : "destination");
}

/**
 * A stack policy (serverless-rules ES1001): only the stack shows what a mapping reads when its ARN is
 * unknown at preview, and whether an SQS source's queue has a redrive policy. Event source mappings from
 * SQS take no on-failure destination: the queue's dead-letter queue is where failures go. A queue
 * outside the stack, and sources other than streams, Kafka and SQS, are out of reach: no finding.
 */
export const lambdaEventSourceFailureDestination: PackPolicy = {
    appliesToStackOf: [resourceTypes.eventSourceMapping, resourceTypes.nativeEventSourceMapping],
    name: "lambda-event-source-failure-destination",
    description: "Event source mappings should keep the records a function fails on: an on-failure destination for streams and Kafka, a redrive policy on an SQS source's queue.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        for (const mapping of args.resources.filter((r) => mappingTypes.includes(r.type))) {
            const source = sourceOf(mapping, args.resources);
            if (source?.kind === "stream" && !isSet(onFailureDestination(mapping))) {
                reportViolation(
                    `Lambda event source mapping "${mapping.name}" reads ${source.what} and has no destinationConfig.onFailure: a batch the ` +
                        `function keeps failing on is retried until its records expire (holding up the records behind it), then discarded ` +
                        `without a trace. Set destinationConfig.onFailure.${mapping.type === resourceTypes.eventSourceMapping ? "destinationArn" : "destination"} ` +
                        `to an SQS queue, SNS topic or S3 bucket ARN (a Kafka topic for Kafka sources), and consider maximumRetryAttempts ` +
                        `and bisectBatchOnFunctionError.`,
                    mapping.urn,
                );
            }
            for (const queue of source?.kind === "sqs" ? source.queues.filter((q) => !hasRedrivePolicy(q, args.resources)) : []) {
                reportViolation(
                    `Lambda event source mapping "${mapping.name}" reads SQS queue "${queue.name}", which has no redrive policy: a message ` +
                        `the function keeps failing on returns to the queue after every visibility timeout until its retention period ends, ` +
                        `then is lost. Give queue "${queue.name}" a redrivePolicy with a dead-letter queue (mappings from SQS take no ` +
                        `on-failure destination; the queue's dead-letter queue is where failures go).`,
                    mapping.urn,
                );
            }
        }
    },
};
