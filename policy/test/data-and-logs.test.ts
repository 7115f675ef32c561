import * as assert from "assert";
import { resourceTypes } from "../policies/resource-types";
import { resource, verdictsOf } from "./harness";

describe("dynamodb-point-in-time-recovery, through the pack's analyzer", function () {
    this.timeout(60_000);
    const table = (props: Record<string, unknown>, name: string) =>
        resource(resourceTypes.dynamodbTable, name, { billingMode: "PAY_PER_REQUEST", hashKey: "pk", pointInTimeRecovery: { enabled: true }, ...props });

    it("passes a table with point-in-time recovery, and flags it disabled or unset as advisory", async () => {
        const verdicts = await verdictsOf(() => [table({}, "ok"), table({ pointInTimeRecovery: { enabled: false } }, "disabled"), table({ pointInTimeRecovery: undefined }, "unset")]);
        assert.deepStrictEqual(verdicts, [
            ["advisory", "dynamodb-point-in-time-recovery", "disabled", 'DynamoDB table "disabled": pointInTimeRecovery.enabled is false. Set pointInTimeRecovery to { enabled: true }.'],
            ["advisory", "dynamodb-point-in-time-recovery", "unset", 'DynamoDB table "unset": pointInTimeRecovery.enabled is unset. Set pointInTimeRecovery to { enabled: true }.'],
        ]);
    });

    it("reads aws-native tables' pointInTimeRecoverySpecification", async () => {
        const native = (name: string, props: Record<string, unknown>) => resource(resourceTypes.nativeDynamodbTable, name, { billingMode: "PAY_PER_REQUEST", keySchema: [{ attributeName: "pk", keyType: "HASH" }], ...props });
        const verdicts = await verdictsOf(() => [native("native-ok", { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } }), native("native-unset", {})]);
        assert.deepStrictEqual(verdicts, [
            [
                "advisory",
                "dynamodb-point-in-time-recovery",
                "native-unset",
                'DynamoDB table "native-unset": pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled is unset. Set pointInTimeRecoverySpecification to { pointInTimeRecoveryEnabled: true }.',
            ],
        ]);
    });
});

describe("cloudwatch-log-group-retention, through the pack's analyzer", function () {
    this.timeout(60_000);

    it("passes a log group with retention, and flags unset and 0 (never expire), aws-native included", async () => {
        const verdicts = await verdictsOf(() => [
            resource(resourceTypes.logGroup, "ok", { retentionInDays: 14 }),
            resource(resourceTypes.logGroup, "unset", {}),
            resource(resourceTypes.logGroup, "zero", { retentionInDays: 0 }),
            resource(resourceTypes.nativeLogGroup, "native-ok", { retentionInDays: 30 }),
            resource(resourceTypes.nativeLogGroup, "native-unset", {}),
        ]);
        assert.deepStrictEqual(
            verdicts.map(([level, policy, name, message]) => [level, policy, name, message.split(", so")[0]]),
            [
                ["advisory", "cloudwatch-log-group-retention", "native-unset", 'CloudWatch log group "native-unset": retentionInDays is unset'],
                ["advisory", "cloudwatch-log-group-retention", "unset", 'CloudWatch log group "unset": retentionInDays is unset'],
                ["advisory", "cloudwatch-log-group-retention", "zero", 'CloudWatch log group "zero": retentionInDays is 0'],
            ],
        );
    });
});
