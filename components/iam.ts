import { RouteDefinition } from "./routes";
import { tableSchema } from "./table-schema";

/**
 * IAM documents and ARNs for the route functions, as pure functions of plain ARNs, so least privilege is
 * tested without mocks. Each function gets its own role: one route's DynamoDB actions, its own log group,
 * X-Ray; API Gateway may invoke it from its own route only.
 */
export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Action: string[];
    Resource?: string[];
    Principal?: { Service: string };
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

export const lambdaAssumeRolePolicy: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
        { Effect: "Allow", Action: ["sts:AssumeRole"], Principal: { Service: "lambda.amazonaws.com" } },
    ],
};

/**
 * The ARN API Gateway invokes a route's function with: `<executionArn>/<stage>/<METHOD><path>`, where an
 * HTTP API puts the route's path template (`/events/{id}`), not the request path. Any stage, this route only.
 */
export function routeSourceArn(executionArn: string, route: Pick<RouteDefinition, "method" | "path">): string {
    return `${executionArn}/*/${route.method}${route.path}`;
}

/** The ARN a route's DynamoDB actions apply to: the table, or its listing index. */
export function dynamodbResourceArn(tableArn: string, route: Pick<RouteDefinition, "target">): string {
    return route.target === "index" ? `${tableArn}/index/${tableSchema.listIndex.name}` : tableArn;
}

export interface RoutePolicyInput {
    route: Pick<RouteDefinition, "dynamodbActions" | "target">;
    tableArn: string;
    logGroupArn: string;
}

/** The inline policy of one route's role. */
export function routeRolePolicy({ route, tableArn, logGroupArn }: RoutePolicyInput): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "RouteTableAccess",
                Effect: "Allow",
                Action: [...route.dynamodbActions],
                Resource: [dynamodbResourceArn(tableArn, route)],
            },
            {
                // Only the function's own log group: AWSLambdaBasicExecutionRole would allow every log group.
                Sid: "OwnLogGroup",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: [`${logGroupArn}:*`],
            },
            {
                // X-Ray's write actions support no resource-level permissions, so `*` is the only valid
                // resource (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html);
                // the actions stay exact.
                Sid: "XRayWrites",
                Effect: "Allow",
                Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
                Resource: ["*"],
            },
        ],
    };
}
