import { Policies } from "@pulumi/policy";
import { withExemptions } from "./exemptions";
import { cloudwatchLogGroupRetention, dynamodbPointInTimeRecovery } from "./data-and-logs";
import { apigatewayPermissionSourceArn, apigatewayv2StageAccessLogs, apigatewayv2StageThrottling, lambdaTimeoutWithinHttpApiLimit } from "./http-api";
import { apigatewayv2WriteRoutesAuthorized } from "./http-api-routes";
import { lambdaArm64Architecture, lambdaExplicitLogGroup, lambdaMemoryAbove128mb, lambdaTracingActive } from "./lambda";
import { lambdaCodeInspectable, lambdaNoBundledAwsSdk } from "./lambda-code";

/**
 * Every policy of the pack, mandatory first, after policy-exemptions (exemptions.ts), which reports the
 * exemptions each of them honours. `policy/index.ts` builds the pack from this array; a new policy is
 * added to the list below and gets exemptions with nothing more.
 */
export const policies: Policies = withExemptions([
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
]);
