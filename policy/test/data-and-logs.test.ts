import * as assert from "assert";
import { cloudwatchLogGroupRetention, dynamodbPointInTimeRecovery } from "../policies/data-and-logs";
import { compliantFunction, compliantLogGroup, compliantTable, violationsOf, without } from "./fixtures";

describe("dynamodb-point-in-time-recovery", () => {
    it("passes a table with point-in-time recovery enabled", async () => {
        assert.deepStrictEqual(await violationsOf(dynamodbPointInTimeRecovery, [compliantTable()]), []);
    });

    it("flags it disabled or unset, as advisory", async () => {
        const violations = await violationsOf(dynamodbPointInTimeRecovery, [
            compliantTable({ pointInTimeRecovery: { enabled: false } }),
            without(compliantTable(), "pointInTimeRecovery"),
        ]);
        assert.deepStrictEqual(
            violations.map((v) => [v.enforcementLevel, v.message]),
            [
                ["advisory", 'DynamoDB table "api-table": pointInTimeRecovery.enabled is false. Set pointInTimeRecovery to { enabled: true }.'],
                ["advisory", 'DynamoDB table "api-table": pointInTimeRecovery.enabled is unset. Set pointInTimeRecovery to { enabled: true }.'],
            ],
        );
    });

    it("ignores other resource types", async () => {
        assert.deepStrictEqual(await violationsOf(dynamodbPointInTimeRecovery, [compliantFunction()]), []);
    });
});

describe("cloudwatch-log-group-retention", () => {
    it("passes a log group with retention", async () => {
        assert.deepStrictEqual(await violationsOf(cloudwatchLogGroupRetention, [compliantLogGroup()]), []);
    });

    it("flags unset and 0 (never expire) retention", async () => {
        const violations = await violationsOf(cloudwatchLogGroupRetention, [
            without(compliantLogGroup(), "retentionInDays"),
            compliantLogGroup({ retentionInDays: 0 }),
        ]);
        assert.deepStrictEqual(
            violations.map((v) => v.message.split(", so")[0]),
            ['CloudWatch log group "api-get-event-logs": retentionInDays is unset', 'CloudWatch log group "api-get-event-logs": retentionInDays is 0'],
        );
    });

    it("ignores other resource types", async () => {
        assert.deepStrictEqual(await violationsOf(cloudwatchLogGroupRetention, [compliantFunction()]), []);
    });
});
