/**
 * Pulumi type tokens of the resources the pack checks. The pack matches on these strings instead of
 * importing the providers' SDKs, so it stays small and works with any provider version, and with
 * aws-native (the provider Pulumi's CDK adapter builds on).
 */
export const resourceTypes = {
    lambdaFunction: "aws:lambda/function:Function",
    nativeLambdaFunction: "aws-native:lambda:Function",
    lambdaLayerVersion: "aws:lambda/layerVersion:LayerVersion",
    nativeLambdaLayerVersion: "aws-native:lambda:LayerVersion",
    lambdaPermission: "aws:lambda/permission:Permission",
    lambdaAlias: "aws:lambda/alias:Alias",
    cloudfrontDistribution: "aws:cloudfront/distribution:Distribution",
    nativeCloudfrontDistribution: "aws-native:cloudfront:Distribution",
    bucketObject: "aws:s3/bucketObject:BucketObject",
    bucketObjectV2: "aws:s3/bucketObjectv2:BucketObjectv2",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    nativeLogGroup: "aws-native:logs:LogGroup",
    httpApiStage: "aws:apigatewayv2/stage:Stage",
    httpApiIntegration: "aws:apigatewayv2/integration:Integration",
    nativeHttpApiIntegration: "aws-native:apigatewayv2:Integration",
    httpApi: "aws:apigatewayv2/api:Api",
    nativeHttpApi: "aws-native:apigatewayv2:Api",
    httpApiRoute: "aws:apigatewayv2/route:Route",
    nativeHttpApiRoute: "aws-native:apigatewayv2:Route",
    dynamodbTable: "aws:dynamodb/table:Table",
    nativeDynamodbTable: "aws-native:dynamodb:Table",
    nativeDynamodbGlobalTable: "aws-native:dynamodb:GlobalTable",
    nativeLambdaPermission: "aws-native:lambda:Permission",
    nativeLambdaAlias: "aws-native:lambda:Alias",
    nativeLambdaVersion: "aws-native:lambda:Version",
    eventInvokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    nativeEventInvokeConfig: "aws-native:lambda:EventInvokeConfig",
    eventSourceMapping: "aws:lambda/eventSourceMapping:EventSourceMapping",
    nativeEventSourceMapping: "aws-native:lambda:EventSourceMapping",
    functionUrl: "aws:lambda/functionUrl:FunctionUrl",
    nativeFunctionUrl: "aws-native:lambda:Url",
    iamRole: "aws:iam/role:Role",
    nativeIamRole: "aws-native:iam:Role",
    iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
    nativeIamRolePolicy: "aws-native:iam:RolePolicy",
    iamPolicy: "aws:iam/policy:Policy",
    nativeIamManagedPolicy: "aws-native:iam:ManagedPolicy",
    iamRolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    iamPolicyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    iamRolePolicyAttachmentsExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    sqsQueue: "aws:sqs/queue:Queue",
    nativeSqsQueue: "aws-native:sqs:Queue",
    sqsRedrivePolicy: "aws:sqs/redrivePolicy:RedrivePolicy",
    sqsRedriveAllowPolicy: "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",
    snsTopicSubscription: "aws:sns/topicSubscription:TopicSubscription",
    nativeSnsSubscription: "aws-native:sns:Subscription",
    nativeSnsTopic: "aws-native:sns:Topic",
    eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
    nativeEventRule: "aws-native:events:Rule",
    schedule: "aws:scheduler/schedule:Schedule",
    nativeSchedule: "aws-native:scheduler:Schedule",
    logSubscriptionFilter: "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
    nativeLogSubscriptionFilter: "aws-native:logs:SubscriptionFilter",
    bucketNotification: "aws:s3/bucketNotification:BucketNotification",
    nativeBucket: "aws-native:s3:Bucket",
    kinesisStream: "aws:kinesis/stream:Stream",
    nativeKinesisStream: "aws-native:kinesis:Stream",
    mskCluster: "aws:msk/cluster:Cluster",
    mskServerlessCluster: "aws:msk/serverlessCluster:ServerlessCluster",
    nativeMskCluster: "aws-native:msk:Cluster",
    nativeMskServerlessCluster: "aws-native:msk:ServerlessCluster",
    restApi: "aws:apigateway/restApi:RestApi",
    restApiStage: "aws:apigateway/stage:Stage",
    nativeRestApiStage: "aws-native:apigateway:Stage",
    restApiMethodSettings: "aws:apigateway/methodSettings:MethodSettings",
    restApiMethod: "aws:apigateway/method:Method",
    restApiResource: "aws:apigateway/resource:Resource",
    nativeRestApi: "aws-native:apigateway:RestApi",
    nativeRestApiMethod: "aws-native:apigateway:Method",
    nativeRestApiResource: "aws-native:apigateway:Resource",
    nativeHttpApiStage: "aws-native:apigatewayv2:Stage",
} as const;

/** Both providers' Lambda functions: `memorySize` and `architectures` mean the same in each. */
export const lambdaFunctionTypes: readonly string[] = [resourceTypes.lambdaFunction, resourceTypes.nativeLambdaFunction];

export const lambdaLayerTypes: readonly string[] = [resourceTypes.lambdaLayerVersion, resourceTypes.nativeLambdaLayerVersion];

/** S3 objects a stack uploads, whose `source` can be a function's or a layer's code. */
export const bucketObjectTypes: readonly string[] = [resourceTypes.bucketObject, resourceTypes.bucketObjectV2];

/** Both providers' API Gateway v2 APIs and routes (`protocolType`, `routeKey`, `authorizationType` alike). */
export const httpApiTypes: readonly string[] = [resourceTypes.httpApi, resourceTypes.nativeHttpApi];

/** API Gateway v2 (HTTP and WebSocket) stages of both providers: `accessLogSettings`, `defaultRouteSettings` alike. */
export const httpApiStageTypes: readonly string[] = [resourceTypes.httpApiStage, resourceTypes.nativeHttpApiStage];

/** API Gateway REST API stages of both providers. */
export const restApiStageTypes: readonly string[] = [resourceTypes.restApiStage, resourceTypes.nativeRestApiStage];

export const httpApiRouteTypes: readonly string[] = [resourceTypes.httpApiRoute, resourceTypes.nativeHttpApiRoute];

/** The principal API Gateway invokes Lambda functions as. */
export const apiGatewayPrincipal = "apigateway.amazonaws.com";
