import { Policies } from "@pulumi/policy";
import { cloudwatchLogGroupRetention, dynamodbPointInTimeRecovery } from "./data-and-logs";
import { apigatewayPermissionSourceArn, apigatewayv2StageAccessLogs, apigatewayv2StageThrottling, lambdaTimeoutWithinHttpApiLimit } from "./http-api";
import { apigatewayv2WriteRoutesAuthorized } from "./http-api-routes";
import { lambdaArm64Architecture, lambdaExplicitLogGroup, lambdaMemoryAbove128mb, lambdaTracingActive } from "./lambda";
import { lambdaCodeInspectable, lambdaNoBundledAwsSdk } from "./lambda-code";

/** Every policy of the pack, mandatory first. `policy/index.ts` builds the pack from this array. */
export const policies: Policies = [
    lambdaMemoryAbove128mb,
    lambdaArm64Architecture,
    lambdaNoBundledAwsSdk,
    lambdaCodeInspectable,
    lambdaTracingActive,
    lambdaExplicitLogGroup,
    lambdaTimeoutWithinHttpApiLimit,
    apigatewayPermissionSourceArn,
    apigatewayv2StageAccessLogs,
    apigatewayv2StageThrottling,
    apigatewayv2WriteRoutesAuthorized,
    dynamodbPointInTimeRecovery,
    cloudwatchLogGroupRetention,
];
