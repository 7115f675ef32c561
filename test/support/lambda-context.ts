import type { Context } from "aws-lambda";
import { randomUUID } from "crypto";

/** A Lambda context with a fresh request id, 10 s (the default function timeout) left to run. */
export function createTestContext(functionName = "events-api-test"): Context {
    const deadline = Date.now() + 10_000;
    return {
        callbackWaitsForEmptyEventLoop: true,
        functionName,
        functionVersion: "$LATEST",
        invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
        memoryLimitInMB: "512",
        awsRequestId: randomUUID(),
        logGroupName: `/aws/lambda/${functionName}`,
        logStreamName: "2030/01/01/[$LATEST]test",
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
        done: () => undefined,
        fail: () => undefined,
        succeed: () => undefined,
    };
}
