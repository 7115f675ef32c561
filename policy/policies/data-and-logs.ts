import { ResourceValidationPolicy } from "@pulumi/policy";
import { appliesTo } from "./applies-to";
import { shown } from "./property";
import { resourceTypes } from "./resource-types";

export const dynamodbPointInTimeRecovery: ResourceValidationPolicy = {
    name: "dynamodb-point-in-time-recovery",
    description: "DynamoDB tables should have point-in-time recovery, so data can be restored to any second of the last 35 days.",
    enforcementLevel: "advisory",
    validateResource: appliesTo([resourceTypes.dynamodbTable, resourceTypes.nativeDynamodbTable], (args, reportViolation) => {
        // aws-native (CloudFormation's schema) calls it PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled.
        const [block, key] = args.type === resourceTypes.dynamodbTable ? ["pointInTimeRecovery", "enabled"] : ["pointInTimeRecoverySpecification", "pointInTimeRecoveryEnabled"];
        const enabled: unknown = (args.props[block] as Record<string, unknown> | undefined)?.[key];
        if (enabled !== true) {
            reportViolation(`DynamoDB table "${args.name}": ${block}.${key} is ${shown(enabled)}. Set ${block} to { ${key}: true }.`);
        }
    }),
};

export const cloudwatchLogGroupRetention: ResourceValidationPolicy = {
    name: "cloudwatch-log-group-retention",
    description: "CloudWatch log groups should set retentionInDays; without it logs are kept, and billed, forever.",
    enforcementLevel: "advisory",
    validateResource: appliesTo([resourceTypes.logGroup, resourceTypes.nativeLogGroup], (args, reportViolation) => {
        const retention: unknown = args.props.retentionInDays;
        if (typeof retention !== "number" || retention <= 0) {
            reportViolation(
                `CloudWatch log group "${args.name}": retentionInDays is ${shown(retention)}, so logs never expire. ` +
                    `Set retentionInDays (for example 7, 30 or 365).`,
            );
        }
    }),
};
