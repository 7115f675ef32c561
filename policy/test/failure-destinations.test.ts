import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { resourceTypes } from "../policies/resource-types";
import { resource, verdictsOf } from "./harness";
import { declared, findings, fn, nativeFn } from "./stack-fixtures";

const queue = (name: string, props: Record<string, unknown> = {}) => declared(resourceTypes.sqsQueue, name, props, ["arn", "url"]);
const nativeQueue = (name: string, props: Record<string, unknown> = {}) => declared(resourceTypes.nativeSqsQueue, name, props, ["arn", "queueUrl"]);
const permission = (name: string, fnName: pulumi.Input<string>, principal: string) => resource(resourceTypes.lambdaPermission, name, { action: "lambda:InvokeFunction", function: fnName, principal });

const asyncPolicy = "lambda-async-failure-destination";
const asyncFix =
    "Add an aws.lambda.FunctionEventInvokeConfig for it with destinationConfig.onFailure.destination (an SQS queue, SNS topic, S3 bucket or EventBridge bus ARN), or set its deadLetterConfig.targetArn.";
const dropped = (name: string, by: string, existing = "") =>
    `Lambda function "${name}" is invoked asynchronously (${by}) and has no on-failure destination or dead-letter queue: an event that still fails after Lambda's retries is dropped.${existing} ${asyncFix}`;

describe("lambda-async-failure-destination, through the pack's stack analysis", function () {
    this.timeout(60_000);

    it("flags, on the function, each way serverless-rules' cases invoke one asynchronously: EventBridge, IoT, S3, a schedule, SNS", async () => {
        const verdicts = await verdictsOf(
            () => {
                const [events, iot, s3, schedule, sns, logs] = ["a-events", "b-iot", "c-s3", "d-schedule", "e-sns", "f-logs"].map((name) => fn(name));
                return [
                    resource(resourceTypes.eventTarget, "rule-target", { rule: "my-service-events", arn: events.arn }),
                    permission("iot-invoke", iot.name, "iot.amazonaws.com"),
                    resource(resourceTypes.bucketNotification, "uploads", { bucket: "team-uploads", lambdaFunctions: [{ lambdaFunctionArn: s3.arn, events: ["s3:ObjectCreated:*"] }] }),
                    resource(resourceTypes.schedule, "every-5-minutes", {
                        scheduleExpression: "rate(5 minutes)",
                        flexibleTimeWindow: { mode: "OFF" },
                        target: { arn: schedule.arn, roleArn: "arn:aws:iam::123456789012:role/scheduler" },
                    }),
                    resource(resourceTypes.snsTopicSubscription, "topic-to-fn", { topic: "arn:aws:sns:eu-west-1:123456789012:my-sns-topic", protocol: "lambda", endpoint: sns.arn }),
                    permission("logs-invoke", logs.name, "logs.eu-west-1.amazonaws.com"),
                ];
            },
            { policy: asyncPolicy },
        );
        assert.deepStrictEqual(findings(verdicts), [
            ["advisory", "a-events", dropped("a-events", 'aws:cloudwatch/eventTarget:EventTarget "rule-target"')],
            ["advisory", "b-iot", dropped("b-iot", 'permission "iot-invoke" for iot.amazonaws.com')],
            ["advisory", "c-s3", dropped("c-s3", 'aws:s3/bucketNotification:BucketNotification "uploads"')],
            ["advisory", "d-schedule", dropped("d-schedule", 'aws:scheduler/schedule:Schedule "every-5-minutes"')],
            ["advisory", "e-sns", dropped("e-sns", 'aws:sns/topicSubscription:TopicSubscription "topic-to-fn"')],
            ["advisory", "f-logs", dropped("f-logs", 'permission "logs-invoke" for logs.eu-west-1.amazonaws.com')],
        ]);
    });

    it("passes a function with an event invoke config's on-failure destination (unknown at preview) or a dead-letter queue, aws-native included", async () => {
        const verdicts = await verdictsOf(
            () => {
                const failures = queue("failures", { redrivePolicy: undefined });
                const withConfig = fn("with-config");
                const withDlq = fn("with-dlq", { deadLetterConfig: { targetArn: failures.arn } });
                const native = nativeFn("native");
                return [
                    permission("s3-1", withConfig.name, "s3.amazonaws.com"),
                    resource(resourceTypes.eventInvokeConfig, "with-config-async", { functionName: withConfig.name, destinationConfig: { onFailure: { destination: failures.arn } } }),
                    permission("s3-2", withDlq.name, "s3.amazonaws.com"),
                    resource(resourceTypes.nativeLambdaPermission, "sns-native", { functionName: native.arn, action: "lambda:InvokeFunction", principal: "sns.amazonaws.com" }),
                    resource(resourceTypes.nativeEventInvokeConfig, "native-async", { functionName: native.functionName, qualifier: "$LATEST", destinationConfig: { onFailure: { destination: failures.arn } } }),
                ];
            },
            { policy: asyncPolicy },
        );
        assert.deepStrictEqual(verdicts, []);
    });

    it("matches a function named by a literal in its event invoke config and by reference in its permission (serverless-rules' mixed-reference case, which it cannot match)", async () => {
        const declare = () => {
            const worker = fn("worker", { name: "orders-worker" });
            return [
                permission("from-s3", worker.name, "s3.amazonaws.com"),
                resource(resourceTypes.eventInvokeConfig, "literal", { functionName: "orders-worker", destinationConfig: { onFailure: { destination: "arn:aws:sqs:eu-west-1:123456789012:failures" } } }),
            ];
        };
        for (const preview of [true, false]) {
            assert.deepStrictEqual(await verdictsOf(declare, { policy: asyncPolicy, preview }), []);
        }
    });

    it("flags an event invoke config with only an on-success destination, and leaves synchronous callers (API Gateway) alone", async () => {
        const verdicts = await verdictsOf(
            () => {
                const worker = fn("worker");
                const api = fn("api");
                return [
                    permission("events", worker.name, "events.amazonaws.com"),
                    resource(resourceTypes.eventInvokeConfig, "success-only", { functionName: worker.name, destinationConfig: { onSuccess: { destination: "arn:aws:sqs:eu-west-1:123456789012:done" } } }),
                    permission("apigw", api.name, "apigateway.amazonaws.com"),
                ];
            },
            { policy: asyncPolicy, preview: false },
        );
        assert.deepStrictEqual(findings(verdicts), [
            [
                "advisory",
                "worker",
                dropped("worker", 'permission "events" for events.amazonaws.com', ' Its aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig "success-only" has no destinationConfig.onFailure.'),
            ],
        ]);
    });
});

const mappingPolicy = "lambda-event-source-failure-destination";
const streamMessage = (name: string, what: string, key = "destinationArn") =>
    `Lambda event source mapping "${name}" reads ${what} and has no destinationConfig.onFailure: a batch the function keeps failing on is retried until its ` +
    `records expire (holding up the records behind it), then discarded without a trace. Set destinationConfig.onFailure.${key} to an SQS queue, SNS topic ` +
    `or S3 bucket ARN (a Kafka topic for Kafka sources), and consider maximumRetryAttempts and bisectBatchOnFunctionError.`;
const mapping = (name: string, props: Record<string, unknown>) => resource(resourceTypes.eventSourceMapping, name, { functionName: "my-function", startingPosition: "LATEST", ...props });

describe("lambda-event-source-failure-destination, through the pack's stack analysis", function () {
    this.timeout(60_000);

    it("passes stream mappings with an on-failure destination (serverless-rules' ES1001 pass case), one unknown at preview too", async () => {
        const verdicts = await verdictsOf(
            () => {
                const failures = queue("failures", { redrivePolicy: undefined });
                return [
                    mapping("table-stream", {
                        enabled: false,
                        eventSourceArn: "arn:aws:dynamodb:us-east-1:111122223333:table/my-table/stream/my-stream",
                        destinationConfig: { onFailure: { destinationArn: "arn:aws:sqs:us-east-1:111122223333:my-dlq" } },
                    }),
                    mapping("kinesis", { eventSourceArn: "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks", destinationConfig: { onFailure: { destinationArn: failures.arn } } }),
                ];
            },
            { policy: mappingPolicy },
        );
        assert.deepStrictEqual(verdicts, []);
    });

    it("flags DynamoDB, Kinesis, MSK and self-managed Kafka mappings without one, the source found by ARN or, at preview, by dependency", async () => {
        const verdicts = await verdictsOf(
            () => {
                const stream = declared(resourceTypes.kinesisStream, "clicks", { shardCount: 1 });
                const table = declared(resourceTypes.dynamodbTable, "orders", { streamEnabled: true, pointInTimeRecovery: { enabled: true } }, ["arn", "name", "streamArn"]);
                return [
                    mapping("a-literal-table", { eventSourceArn: "arn:aws:dynamodb:us-east-1:111122223333:table/my-table/stream/my-stream" }),
                    mapping("b-kinesis", { eventSourceArn: stream.arn }),
                    mapping("c-table", { eventSourceArn: table.streamArn }),
                    mapping("d-msk", { eventSourceArn: "arn:aws:kafka:eu-west-1:123456789012:cluster/events/abc-1", topics: ["orders"] }),
                    mapping("e-kafka", { selfManagedEventSource: { endpoints: { KAFKA_BOOTSTRAP_SERVERS: "broker-1:9092" } }, topics: ["orders"] }),
                    resource(resourceTypes.nativeEventSourceMapping, "f-native", { functionName: "my-function", eventSourceArn: stream.arn, startingPosition: "LATEST" }),
                ];
            },
            { policy: mappingPolicy },
        );
        assert.deepStrictEqual(findings(verdicts), [
            ["advisory", "a-literal-table", streamMessage("a-literal-table", "a DynamoDB stream")],
            ["advisory", "b-kinesis", streamMessage("b-kinesis", 'a Kinesis stream ("clicks")')],
            ["advisory", "c-table", streamMessage("c-table", 'a DynamoDB stream ("orders")')],
            ["advisory", "d-msk", streamMessage("d-msk", "an Amazon MSK cluster")],
            ["advisory", "e-kafka", streamMessage("e-kafka", "a self-managed Kafka cluster")],
            ["advisory", "f-native", streamMessage("f-native", 'a Kinesis stream ("clicks")', "destination")],
        ]);
    });

    it("flags an SQS mapping whose queue in the stack has no redrive policy, and leaves a queue outside the stack alone", async () => {
        const verdicts = await verdictsOf(
            () => {
                const dlq = queue("jobs-dlq");
                const jobs = queue("jobs");
                const safe = queue("safe", { redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });
                return [
                    mapping("from-jobs", { eventSourceArn: jobs.arn, startingPosition: undefined }),
                    mapping("from-safe", { eventSourceArn: safe.arn, startingPosition: undefined }),
                    mapping("from-elsewhere", { eventSourceArn: "arn:aws:sqs:eu-west-1:123456789012:other-team-queue", startingPosition: undefined }),
                ];
            },
            { policy: mappingPolicy },
        );
        assert.deepStrictEqual(findings(verdicts), [
            [
                "advisory",
                "from-jobs",
                'Lambda event source mapping "from-jobs" reads SQS queue "jobs", which has no redrive policy: a message the function keeps failing on returns to the ' +
                    'queue after every visibility timeout until its retention period ends, then is lost. Give queue "jobs" a redrivePolicy with a dead-letter queue ' +
                    "(mappings from SQS take no on-failure destination; the queue's dead-letter queue is where failures go).",
            ],
        ]);
    });
});

const queuePolicy = "sqs-queue-redrive-policy";
const queueMessage = (name: string) =>
    `SQS queue "${name}" has no redrive policy, and nothing in the stack uses it as a dead-letter queue: a message its consumer keeps failing on is received ` +
    `again after every visibility timeout until its retention period ends, then deleted. Set redrivePolicy to {"deadLetterTargetArn": <a dead-letter ` +
    `queue's ARN>, "maxReceiveCount": 5} (as JSON with aws; or declare an aws.sqs.RedrivePolicy for it). A dead-letter queue another stack uses needs an exemption.`;

describe("sqs-queue-redrive-policy, through the pack's stack analysis", function () {
    this.timeout(60_000);

    /** serverless-rules' ES6000 cases: a queue with a redrive policy and its dead-letter queue pass, a lone queue fails. */
    const es6000 = () => {
        const dlq = queue("dlq");
        return [queue("with-redrive", { redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 4 }) }), queue("lone")];
    };

    it("passes a queue with a redrive policy and its dead-letter queue, and flags a lone queue, at preview (by dependency) and in an update (by ARN)", async () => {
        for (const preview of [true, false]) {
            assert.deepStrictEqual(findings(await verdictsOf(es6000, { policy: queuePolicy, preview })), [["advisory", "lone", queueMessage("lone")]]);
        }
    });

    it("recognises a dead-letter queue of a function, an EventBridge target, a schedule, an SNS subscription, an event invoke config, a mapping, and one that allows redrive", async () => {
        const verdicts = await verdictsOf(
            () => {
                const [forFn, forTarget, forSubscription, forConfig, forSchedule, forMapping] = ["fn-dlq", "target-dlq", "subscription-dlq", "config-dlq", "schedule-dlq", "mapping-dlq"].map((name) => queue(name));
                const worker = fn("worker", { deadLetterConfig: { targetArn: forFn.arn } });
                return [
                    resource(resourceTypes.schedule, "schedule", {
                        scheduleExpression: "rate(1 hour)",
                        flexibleTimeWindow: { mode: "OFF" },
                        target: { arn: worker.arn, roleArn: "arn:aws:iam::123456789012:role/scheduler", deadLetterConfig: { arn: forSchedule.arn } },
                    }),
                    mapping("stream", { eventSourceArn: "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks", destinationConfig: { onFailure: { destinationArn: forMapping.arn } } }),
                    resource(resourceTypes.eventTarget, "target", { rule: "nightly", arn: worker.arn, deadLetterConfig: { arn: forTarget.arn } }),
                    resource(resourceTypes.snsTopicSubscription, "subscription", {
                        topic: "arn:aws:sns:eu-west-1:123456789012:orders",
                        protocol: "https",
                        endpoint: "https://example.com/hook",
                        redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: forSubscription.arn }),
                    }),
                    resource(resourceTypes.eventInvokeConfig, "config", { functionName: worker.name, destinationConfig: { onFailure: { destination: forConfig.arn } } }),
                    queue("shared-dlq", { redriveAllowPolicy: JSON.stringify({ redrivePermission: "allowAll" }) }),
                    queue("denies", { redriveAllowPolicy: JSON.stringify({ redrivePermission: "denyAll" }) }),
                ];
            },
            { policy: queuePolicy },
        );
        assert.deepStrictEqual(findings(verdicts), [["advisory", "denies", queueMessage("denies")]]);
    });

    it("accepts an aws.sqs.RedrivePolicy naming the queue and reads aws-native queues, at preview and in an update", async () => {
        const declare = () => {
            const dlq = queue("dlq");
            // The mocks make up no queue URL; a real provider's state has one.
            const orders = queue("orders", { url: "https://sqs.eu-west-1.amazonaws.com/123456789012/orders" });
            const nativeDlq = nativeQueue("native-dlq");
            return [
                resource(resourceTypes.sqsRedrivePolicy, "orders-redrive", { queueUrl: orders.url, redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) }),
                nativeQueue("native-with", { redrivePolicy: { deadLetterTargetArn: nativeDlq.arn, maxReceiveCount: 5 } }),
                nativeQueue("native-without"),
            ];
        };
        for (const preview of [true, false]) {
            assert.deepStrictEqual(findings(await verdictsOf(declare, { policy: queuePolicy, preview })), [["advisory", "native-without", queueMessage("native-without")]]);
        }
    });

    it("tells a rule's target queue from its dead-letter queue where the ARNs are known", async () => {
        const verdicts = await verdictsOf(
            () => {
                const dlq = nativeQueue("native-dlq");
                const target = nativeQueue("native-target");
                return resource(resourceTypes.nativeEventRule, "rule", { scheduleExpression: "rate(1 hour)", targets: [{ id: "queue", arn: target.arn, deadLetterConfig: { arn: dlq.arn } }] });
            },
            { policy: queuePolicy, preview: false },
        );
        assert.deepStrictEqual(findings(verdicts), [["advisory", "native-target", queueMessage("native-target")]]);
    });
});

const snsPolicy = "sns-subscription-redrive-policy";
const snsFix = `Set redrivePolicy to {"deadLetterTargetArn": <an SQS queue's ARN>} (as JSON with aws); the queue's policy must let sns.amazonaws.com send to it.`;

describe("sns-subscription-redrive-policy, through the pack's analyzer", function () {
    this.timeout(60_000);

    it("passes subscriptions with a redrive policy (one unknown at preview), and flags every protocol without one, aws-native included", async () => {
        const verdicts = await verdictsOf(
            () => {
                const dlq = queue("dlq");
                const topic = "arn:aws:sns:eu-west-1:123456789012:orders";
                return [
                    resource(resourceTypes.snsTopicSubscription, "with", { topic, protocol: "https", endpoint: "https://example.com/", redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn }) }),
                    resource(resourceTypes.snsTopicSubscription, "a-https", { topic, protocol: "https", endpoint: "https://example.com/" }),
                    resource(resourceTypes.snsTopicSubscription, "b-lambda", { topic, protocol: "lambda", endpoint: "arn:aws:lambda:eu-west-1:123456789012:function:f" }),
                    resource(resourceTypes.nativeSnsSubscription, "c-native", { topicArn: topic, protocol: "sqs", endpoint: "arn:aws:sqs:eu-west-1:123456789012:q" }),
                    resource(resourceTypes.nativeSnsSubscription, "native-with", { topicArn: topic, protocol: "sqs", endpoint: "arn:aws:sqs:eu-west-1:123456789012:q", redrivePolicy: { deadLetterTargetArn: "arn:aws:sqs:eu-west-1:123456789012:dlq" } }),
                ];
            },
            { policy: snsPolicy },
        );
        const missing = (name: string, protocol: string) => `SNS subscription "${name}" (protocol "${protocol}") has no redrivePolicy: a message SNS cannot deliver after its delivery retries is dropped. ${snsFix}`;
        assert.deepStrictEqual(findings(verdicts), [
            ["advisory", "a-https", missing("a-https", "https")],
            ["advisory", "b-lambda", missing("b-lambda", "lambda")],
            ["advisory", "c-native", missing("c-native", "sqs")],
        ]);
    });

    it("flags an aws-native topic's inline subscriptions, which cannot take a redrive policy", async () => {
        const verdicts = await verdictsOf(() => resource(resourceTypes.nativeSnsTopic, "topic", { subscription: [{ protocol: "email", endpoint: "ops@example.com" }] }), { policy: snsPolicy });
        assert.deepStrictEqual(findings(verdicts), [
            [
                "advisory",
                "topic",
                'SNS topic "topic": its inline subscription (protocol "email", endpoint "ops@example.com") cannot have a redrive policy, so a message SNS cannot ' +
                    `deliver to it is dropped after its delivery retries. Declare it as an aws-native:sns:Subscription instead. ${snsFix}`,
            ],
        ]);
    });
});

const eventsPolicy = "eventbridge-target-dead-letter";
const eventsFix = "has no deadLetterConfig: an event EventBridge cannot deliver after its retry policy (by default 185 attempts over 24 hours) is dropped. Set deadLetterConfig to { arn: <an SQS queue's ARN> }; the queue's policy must let EventBridge send to it.";

describe("eventbridge-target-dead-letter, through the pack's analyzer", function () {
    this.timeout(60_000);

    it("flags targets without a dead-letter queue: an EventTarget, the one target of a rule's two lacking it (ES4000's partial case), a schedule", async () => {
        const verdicts = await verdictsOf(
            () => {
                const dlq = queue("dlq");
                const lambda = "arn:aws:lambda:us-east-1:111122223333:function:HelloFunction";
                return [
                    resource(resourceTypes.eventTarget, "with", { rule: "nightly", arn: lambda, deadLetterConfig: { arn: dlq.arn } }),
                    resource(resourceTypes.eventTarget, "a-target", { rule: "nightly", arn: lambda }),
                    resource(resourceTypes.nativeEventRule, "b-rule", {
                        eventBusName: "default",
                        eventPattern: { detail: ["my-detail"] },
                        targets: [
                            { id: "Lambda1", arn: lambda },
                            { id: "Lambda2", arn: `${lambda}2`, deadLetterConfig: { arn: "arn:aws:sqs:us-east-1:111122223333:dlq" } },
                        ],
                    }),
                    resource(resourceTypes.schedule, "c-schedule", { scheduleExpression: "rate(1 hour)", flexibleTimeWindow: { mode: "OFF" }, target: { arn: lambda, roleArn: "arn:aws:iam::111122223333:role/s" } }),
                    resource(resourceTypes.nativeSchedule, "native-with", {
                        scheduleExpression: "rate(1 hour)",
                        flexibleTimeWindow: { mode: "OFF" },
                        target: { arn: lambda, roleArn: "arn:aws:iam::111122223333:role/s", deadLetterConfig: { arn: dlq.arn } },
                    }),
                ];
            },
            { policy: eventsPolicy },
        );
        assert.deepStrictEqual(findings(verdicts), [
            ["advisory", "a-target", `EventBridge target "a-target" (rule "nightly") ${eventsFix}`],
            ["advisory", "b-rule", `EventBridge rule "b-rule": target "Lambda1" ${eventsFix}`],
            ["advisory", "c-schedule", `EventBridge Scheduler schedule "c-schedule" ${eventsFix}`],
        ]);
    });
});
