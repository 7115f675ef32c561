import { Policies } from "@pulumi/policy";
import { forgettingCodeOnAnalyze } from "./deployment-scope";
import { withExemptions } from "./exemptions";
import { apiAccessLogsJson } from "./access-log-format";
import { apigatewayStageLogsTracingThrottling } from "./api-gateway-rest";
import { lambdaAsyncFailureDestination } from "./async-failures";
import { cloudwatchLogGroupRetention, dynamodbPointInTimeRecovery } from "./data-and-logs";
import { lambdaEventSourceFailureDestination } from "./event-sources";
import { lambdaFunctionUrlAuth } from "./function-url";
import { apigatewayPermissionSourceArn, apigatewayv2StageAccessLogs, apigatewayv2StageThrottling, lambdaTimeoutWithinHttpApiLimit } from "./http-api";
import { apigatewayv2WriteRoutesAuthorized } from "./http-api-routes";
import { lambdaArm64Architecture, lambdaExplicitLogGroup, lambdaMemoryAbove128mb, lambdaTracingActive } from "./lambda";
import { lambdaCodeInspectable, lambdaNoBundledAwsSdk } from "./lambda-code";
import { lambdaPermissionOnePrincipal, lambdaRoleNoWildcards } from "./lambda-permissions";
import { lambdaSupportedRuntime } from "./lambda-runtime";
import { lambdaTimeoutSet } from "./lambda-timeout";
import { lambdaNoPlaintextSecrets } from "./plaintext-secrets";
import { eventbridgeTargetDeadLetter, snsSubscriptionRedrivePolicy, sqsQueueRedrivePolicy } from "./sqs-sns-eventbridge";

/**
 * Every policy of the pack, mandatory first, after policy-exemptions (exemptions.ts), which reports the
 * exemptions each of them honours. lambda-no-bundled-aws-sdk comes before lambda-arm64-architecture: the
 * code it reads, with the program root its config sets, is what the arm64 check looks at for binaries. `policy/index.ts` builds the pack from this array; a new policy is
 * added to the list below and gets exemptions with nothing more.
 */
export const policies: Policies = withExemptions(forgettingCodeOnAnalyze([
    lambdaMemoryAbove128mb,
    lambdaNoBundledAwsSdk,
    lambdaArm64Architecture,
    lambdaSupportedRuntime,
    lambdaCodeInspectable,
    lambdaTracingActive,
    lambdaExplicitLogGroup,
    lambdaTimeoutSet,
    lambdaTimeoutWithinHttpApiLimit,
    lambdaRoleNoWildcards,
    lambdaPermissionOnePrincipal,
    lambdaNoPlaintextSecrets,
    lambdaFunctionUrlAuth,
    lambdaAsyncFailureDestination,
    lambdaEventSourceFailureDestination,
    sqsQueueRedrivePolicy,
    snsSubscriptionRedrivePolicy,
    eventbridgeTargetDeadLetter,
    apigatewayPermissionSourceArn,
    apigatewayv2StageAccessLogs,
    apigatewayv2StageThrottling,
    apigatewayv2WriteRoutesAuthorized,
    apigatewayStageLogsTracingThrottling,
    apiAccessLogsJson,
    dynamodbPointInTimeRecovery,
    cloudwatchLogGroupRetention,
]));
