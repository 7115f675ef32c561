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
    httpApiStage: "aws:apigatewayv2/stage:Stage",
    httpApiIntegration: "aws:apigatewayv2/integration:Integration",
    httpApi: "aws:apigatewayv2/api:Api",
    nativeHttpApi: "aws-native:apigatewayv2:Api",
    httpApiRoute: "aws:apigatewayv2/route:Route",
    nativeHttpApiRoute: "aws-native:apigatewayv2:Route",
    dynamodbTable: "aws:dynamodb/table:Table",
} as const;

/** Both providers' Lambda functions: `memorySize` and `architectures` mean the same in each. */
export const lambdaFunctionTypes: readonly string[] = [resourceTypes.lambdaFunction, resourceTypes.nativeLambdaFunction];

export const lambdaLayerTypes: readonly string[] = [resourceTypes.lambdaLayerVersion, resourceTypes.nativeLambdaLayerVersion];

/** S3 objects a stack uploads, whose `source` can be a function's or a layer's code. */
export const bucketObjectTypes: readonly string[] = [resourceTypes.bucketObject, resourceTypes.bucketObjectV2];

/** Both providers' API Gateway v2 APIs and routes (`protocolType`, `routeKey`, `authorizationType` alike). */
export const httpApiTypes: readonly string[] = [resourceTypes.httpApi, resourceTypes.nativeHttpApi];

export const httpApiRouteTypes: readonly string[] = [resourceTypes.httpApiRoute, resourceTypes.nativeHttpApiRoute];

/** The principal API Gateway invokes Lambda functions as. */
export const apiGatewayPrincipal = "apigateway.amazonaws.com";
