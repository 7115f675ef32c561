/**
 * Pulumi type tokens of the resources the pack checks. The pack matches on these strings instead of
 * importing `@pulumi/aws`, so it stays small and works with any version of the AWS provider.
 */
export const resourceTypes = {
    lambdaFunction: "aws:lambda/function:Function",
    lambdaPermission: "aws:lambda/permission:Permission",
    lambdaAlias: "aws:lambda/alias:Alias",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    httpApiStage: "aws:apigatewayv2/stage:Stage",
    httpApiIntegration: "aws:apigatewayv2/integration:Integration",
    dynamodbTable: "aws:dynamodb/table:Table",
} as const;

/** The principal API Gateway invokes Lambda functions as. */
export const apiGatewayPrincipal = "apigateway.amazonaws.com";
