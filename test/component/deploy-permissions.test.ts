import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../../tools/mock-program";
import { stackResources } from "../support/stack-resources";

interface Statement {
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
}

function policy(file: string): Statement[] {
    return (JSON.parse(fs.readFileSync(path.join(projectRoot, "docs", file), "utf8")) as { Statement: Statement[] }).Statement;
}

/** IAM's action matching: case-insensitive, `*` for any run of characters. */
function grants(statements: Statement[], action: string, resource?: string): boolean {
    const matches = (pattern: string, value: string) =>
        new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i").test(value);
    return statements.some(
        (statement) =>
            statement.Effect === "Allow" &&
            [statement.Action].flat().some((pattern) => matches(pattern, action)) &&
            (resource === undefined || [statement.Resource].flat().includes(resource)),
    );
}

/**
 * What the AWS provider calls for each resource type the stacks declare (create, read, update, delete,
 * tags), written out per type: a new resource type in the stacks fails the first test until it is here.
 * `preview` is what `pulumi preview --refresh` reads; a plain preview only makes the invokes.
 */
const callsByType: Record<string, { deploy: string[]; preview: string[] }> = {
    "aws:dynamodb/table:Table": {
        deploy: ["dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:DeleteTable", "dynamodb:UpdateContinuousBackups", "dynamodb:TagResource", "dynamodb:UntagResource"],
        preview: ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource"],
    },
    "aws:lambda/function:Function": {
        deploy: [
            "lambda:CreateFunction",
            "lambda:UpdateFunctionCode",
            "lambda:UpdateFunctionConfiguration",
            "lambda:DeleteFunction",
            "lambda:PublishVersion",
            "lambda:PutFunctionConcurrency",
            "lambda:DeleteFunctionConcurrency",
            "lambda:TagResource",
            "lambda:UntagResource",
            "iam:PassRole",
        ],
        preview: ["lambda:GetFunction", "lambda:GetFunctionConfiguration", "lambda:GetFunctionCodeSigningConfig", "lambda:ListVersionsByFunction", "lambda:GetFunctionConcurrency", "lambda:GetRuntimeManagementConfig", "lambda:ListTags"],
    },
    "aws:lambda/alias:Alias": { deploy: ["lambda:CreateAlias", "lambda:UpdateAlias", "lambda:DeleteAlias"], preview: ["lambda:GetAlias"] },
    "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig": {
        deploy: ["lambda:PutProvisionedConcurrencyConfig", "lambda:DeleteProvisionedConcurrencyConfig"],
        preview: ["lambda:GetProvisionedConcurrencyConfig"],
    },
    "aws:lambda/permission:Permission": { deploy: ["lambda:AddPermission", "lambda:RemovePermission"], preview: ["lambda:GetPolicy"] },
    "aws:iam/role:Role": {
        deploy: ["iam:CreateRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole", "iam:TagRole", "iam:UntagRole", "iam:ListInstanceProfilesForRole"],
        preview: ["iam:GetRole", "iam:ListRoleTags", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"],
    },
    "aws:iam/rolePolicy:RolePolicy": { deploy: ["iam:PutRolePolicy", "iam:DeleteRolePolicy"], preview: ["iam:GetRolePolicy"] },
    "aws:cloudwatch/logGroup:LogGroup": {
        deploy: ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:TagResource", "logs:UntagResource"],
        preview: ["logs:DescribeLogGroups", "logs:ListTagsForResource"],
    },
    "aws:apigatewayv2/api:Api": { deploy: ["apigateway:POST", "apigateway:PATCH", "apigateway:PUT", "apigateway:DELETE"], preview: ["apigateway:GET"] },
    "aws:apigatewayv2/stage:Stage": {
        // Access logging to CloudWatch Logs: API Gateway creates a log delivery on the caller's behalf.
        deploy: [
            "apigateway:POST",
            "apigateway:PATCH",
            "apigateway:DELETE",
            "logs:CreateLogDelivery",
            "logs:PutResourcePolicy",
            "logs:UpdateLogDelivery",
            "logs:DeleteLogDelivery",
            "logs:DescribeResourcePolicies",
            "logs:GetLogDelivery",
            "logs:ListLogDeliveries",
        ],
        preview: ["apigateway:GET"],
    },
    "aws:apigatewayv2/integration:Integration": { deploy: ["apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"], preview: ["apigateway:GET"] },
    "aws:apigatewayv2/route:Route": { deploy: ["apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"], preview: ["apigateway:GET"] },
    "aws:apigatewayv2/authorizer:Authorizer": { deploy: ["apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"], preview: ["apigateway:GET"] },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        deploy: ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource"],
        preview: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
    },
    "aws:cloudwatch/dashboard:Dashboard": { deploy: ["cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards"], preview: ["cloudwatch:GetDashboard"] },
};

/** The program's invokes (tools/mock-program.ts answers them under mocks; the deployment checks make them). */
const invokeCalls = ["sts:GetCallerIdentity", "servicequotas:GetServiceQuota", "servicequotas:GetAWSDefaultServiceQuota"];

describe("the deploy and preview role policies in docs/", function () {
    this.timeout(60_000);
    const deploy = policy("deploy-role-policy.json");
    const preview = policy("preview-role-policy.json");
    let declaredTypes: string[];
    before(async () => {
        const types = [...(await stackResources("dev")), ...(await stackResources("prod"))].map((resource) => resource.type);
        declaredTypes = [...new Set(types.filter((type) => type.startsWith("aws:")))].sort();
    });

    it("know every resource type the dev and prod stacks declare", () => {
        assert.deepStrictEqual(declaredTypes, Object.keys(callsByType).sort());
    });

    it("let the deploy role make every call pulumi up makes for those types, reads and invokes included", () => {
        for (const type of declaredTypes) {
            for (const action of [...callsByType[type].deploy, ...callsByType[type].preview]) assert.ok(grants(deploy, action), `${type}: deploy role lacks ${action}`);
        }
        for (const action of invokeCalls) assert.ok(grants(deploy, action), `deploy role lacks ${action}`);
    });

    it("grant HTTP API access logging's log-delivery actions on every resource, as CloudWatch Logs requires", () => {
        for (const action of ["CreateLogDelivery", "PutResourcePolicy", "UpdateLogDelivery", "DeleteLogDelivery", "DescribeResourcePolicies", "GetLogDelivery", "ListLogDeliveries"]) {
            assert.ok(grants(deploy, `logs:${action}`, "*"), `logs:${action} on *`);
        }
    });

    it("pass the function roles to Lambda only", () => {
        const passRole = deploy.filter((statement) => [statement.Action].flat().includes("iam:PassRole"));
        assert.deepStrictEqual(passRole.map((statement) => [statement.Resource, JSON.stringify((statement as { Condition?: unknown }).Condition)]), [
            ["arn:aws:iam::*:role/events-api-*", '{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}'],
        ]);
    });

    it("let the preview role read every type and make the invokes, and change nothing", () => {
        for (const type of declaredTypes) for (const action of callsByType[type].preview) assert.ok(grants(preview, action), `${type}: preview role lacks ${action}`);
        for (const action of invokeCalls) assert.ok(grants(preview, action), `preview role lacks ${action}`);
        const writes = Object.values(callsByType).flatMap(({ deploy: calls }) => calls.filter((action) => !/:(Get|Describe|List)/.test(action)));
        for (const action of writes) assert.ok(!grants(preview, action), `preview role may ${action}`);
    });
});
