import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { resourceTypes } from "../policies/resource-types";
import { resource, verdictsOf } from "./harness";
import { declared, findings, fn, nativeFn } from "./stack-fixtures";

const rolePolicy = "lambda-role-no-wildcards";
const trustLambda = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };
const trustEcs = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: ["ecs-tasks.amazonaws.com"] }, Action: "sts:AssumeRole" }] };
const allow = (Action: unknown, Resource: unknown = "*") => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource }] });
const fix =
    'List only the actions the function calls, on the resources it needs (e.g. "dynamodb:GetItem" on its table\'s ARN): a bug or an injected ' +
    "request in the function can do whatever its role allows. Deny statements may keep wildcards.";

const role = (name: string, props: Record<string, unknown> = {}) => declared(resourceTypes.iamRole, name, { assumeRolePolicy: JSON.stringify(trustLambda), ...props });
const nativeRole = (name: string, props: Record<string, unknown> = {}) => declared(resourceTypes.nativeIamRole, name, { assumeRolePolicyDocument: trustLambda, ...props }, ["arn", "roleName"]);

describe("lambda-role-no-wildcards, through the pack's stack analysis", function () {
    this.timeout(60_000);

    it("passes exact actions, even on Resource \"*\", a partial wildcard (s3:Get*), a Deny \"*\", and any role Lambda does not assume", async () => {
        const verdicts = await verdictsOf(
            () => [
                role("query", { inlinePolicies: [{ name: "root", policy: JSON.stringify(allow("dynamodb:Query")) }] }),
                role("get-star", { inlinePolicies: [{ name: "reads", policy: JSON.stringify(allow(["s3:Get*"], "arn:aws:s3:::my-bucket/*")) }] }),
                role("deny-all", { inlinePolicies: [{ name: "guard", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }) }] }),
                role("ecs-task", { assumeRolePolicy: JSON.stringify(trustEcs), inlinePolicies: [{ name: "all", policy: JSON.stringify(allow("*")) }] }),
            ],
            { policy: rolePolicy },
        );
        assert.deepStrictEqual(verdicts, []);
    });

    it("flags \"*\", \"service:*\" and NotAction in a role's inline policies, naming the role, the policy and what it allows", async () => {
        const verdicts = await verdictsOf(
            () => [
                role("a-service-star", { inlinePolicies: [{ name: "root", policy: JSON.stringify(allow("dynamodb:*")) }] }),
                role("b-full-star", { inlinePolicies: [{ name: "root", policy: JSON.stringify(allow("*", "arn:aws:s3:::my-bucket/*")) }] }),
                role("c-not-action", { inlinePolicies: [{ name: "broad", policy: JSON.stringify({ Statement: { Effect: "Allow", NotAction: ["iam:*"], Resource: "*" } }) }] }),
            ],
            { policy: rolePolicy },
        );
        assert.deepStrictEqual(findings(verdicts), [
            ["advisory", "a-service-star", `IAM role "a-service-star" (assumed by Lambda): inline policy "root" allows "dynamodb:*". ${fix}`],
            ["advisory", "b-full-star", `IAM role "b-full-star" (assumed by Lambda): inline policy "root" allows "*". ${fix}`],
            ["advisory", "c-not-action", `IAM role "c-not-action" (assumed by Lambda): inline policy "broad" allows NotAction ["iam:*"]. ${fix}`],
        ]);
    });

    it("reads RolePolicy resources and customer-managed policies attached in the stack, linked at preview by property dependency", async () => {
        const verdicts = await verdictsOf(
            () => {
                const r = role("fn-role");
                const broad = declared(resourceTypes.iamPolicy, "broad", { policy: JSON.stringify(allow(["s3:*", "sqs:SendMessage"])) });
                const admin = declared(resourceTypes.iamPolicy, "admin-ish", { policy: allow("*:*") });
                return [
                    resource(resourceTypes.iamRolePolicy, "inline-sns", { role: r.id, policy: JSON.stringify(allow("sns:*")) }),
                    resource(resourceTypes.iamRolePolicyAttachment, "attach-broad", { role: r.name, policyArn: broad.arn }),
                    resource(resourceTypes.iamPolicyAttachment, "attach-admin-ish", { roles: [r.name], policyArn: admin.arn }),
                ];
            },
            { policy: rolePolicy },
        );
        assert.deepStrictEqual(findings(verdicts), [
            [
                "advisory",
                "fn-role",
                `IAM role "fn-role" (assumed by Lambda): aws:iam/policy:Policy "admin-ish" (attached by aws:iam/policyAttachment:PolicyAttachment "attach-admin-ish") allows "*:*". ${fix}`,
            ],
            [
                "advisory",
                "fn-role",
                `IAM role "fn-role" (assumed by Lambda): aws:iam/policy:Policy "broad" (attached by aws:iam/rolePolicyAttachment:RolePolicyAttachment "attach-broad") allows "s3:*". ${fix}`,
            ],
            ["advisory", "fn-role", `IAM role "fn-role" (assumed by Lambda): aws:iam/rolePolicy:RolePolicy "inline-sns" allows "sns:*". ${fix}`],
        ]);
    });

    it("finds the same links by name and ARN in an update, and a policy attached through managedPolicyArns", async () => {
        const declare = () => {
            const broad = declared(resourceTypes.iamPolicy, "broad", { policy: JSON.stringify(allow("lambda:*")) });
            const r = role("fn-role", { managedPolicyArns: [broad.arn] });
            return resource(resourceTypes.iamRolePolicy, "inline", { role: r.name, policy: JSON.stringify(allow(["logs:*"])) });
        };
        assert.deepStrictEqual(findings(await verdictsOf(declare, { policy: rolePolicy, preview: false })), [
            ["advisory", "fn-role", `IAM role "fn-role" (assumed by Lambda): aws:iam/policy:Policy "broad" (attached by aws:iam/role:Role "fn-role") allows "lambda:*". ${fix}`],
            ["advisory", "fn-role", `IAM role "fn-role" (assumed by Lambda): aws:iam/rolePolicy:RolePolicy "inline" allows "logs:*". ${fix}`],
        ]);
    });

    it("flags AWS-managed AdministratorAccess and PowerUserAccess attached by ARN", async () => {
        const verdicts = await verdictsOf(
            () => {
                const r = role("admin-role", { managedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"] });
                return resource(resourceTypes.iamRolePolicyAttachment, "admin", { role: r.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
            },
            { policy: rolePolicy },
        );
        assert.deepStrictEqual(findings(verdicts), [
            [
                "advisory",
                "admin-role",
                `IAM role "admin-role" (assumed by Lambda): AWS-managed policy AdministratorAccess (attached by aws:iam/rolePolicyAttachment:RolePolicyAttachment "admin") grants every action on every resource. ${fix}`,
            ],
            [
                "advisory",
                "admin-role",
                `IAM role "admin-role" (assumed by Lambda): AWS-managed policy PowerUserAccess (attached by aws:iam/role:Role "admin-role") grants every action but IAM and Organizations management. ${fix}`,
            ],
        ]);
    });

    it("reads aws-native roles, role policies and managed policies, whose documents are objects", async () => {
        const verdicts = await verdictsOf(
            () => {
                const r = nativeRole("native-role", { policies: [{ policyName: "own", policyDocument: allow("dynamodb:*") }] });
                return [
                    resource(resourceTypes.nativeIamRolePolicy, "native-inline", { roleName: r.roleName, policyName: "extra", policyDocument: allow(["kms:*"]) }),
                    resource(resourceTypes.nativeIamManagedPolicy, "native-managed", { roles: [r.roleName], policyDocument: allow("*") }),
                ];
            },
            { policy: rolePolicy },
        );
        assert.deepStrictEqual(
            findings(verdicts).map(([, name, message]) => [name, message.split(". List")[0]]),
            [
                ["native-role", 'IAM role "native-role" (assumed by Lambda): aws-native:iam:ManagedPolicy "native-managed" allows "*"'],
                ["native-role", 'IAM role "native-role" (assumed by Lambda): aws-native:iam:RolePolicy "native-inline" allows "kms:*"'],
                ["native-role", 'IAM role "native-role" (assumed by Lambda): inline policy "own" allows "dynamodb:*"'],
            ],
        );
    });

    it("treats a role a function of the stack uses as assumed by Lambda, whatever its trust policy shows", async () => {
        const verdicts = await verdictsOf(
            () => {
                const trust = resource("test:index:Trust", "trust", { document: undefined }) as unknown as { document: unknown };
                const r = role("used-role", { assumeRolePolicy: trust.document, inlinePolicies: [{ name: "all", policy: JSON.stringify(allow("*")) }] });
                return fn("worker", { role: r.arn });
            },
            { policy: rolePolicy },
        );
        assert.deepStrictEqual(findings(verdicts).map(([, name]) => name), ["used-role"]);
    });

    it("leaves a policy document unknown at preview to the update (no advisory), which flags it", async () => {
        const declare = () => {
            const table = declared(resourceTypes.dynamodbTable, "table", { pointInTimeRecovery: { enabled: true } });
            const r = role("fn-role");
            return resource(resourceTypes.iamRolePolicy, "computed", { role: r.id, policy: pulumi.jsonStringify(allow("dynamodb:*", table.arn)) });
        };
        assert.deepStrictEqual(await verdictsOf(declare), []);
        assert.deepStrictEqual(findings(await verdictsOf(declare, { policy: rolePolicy, preview: false })), [
            ["advisory", "fn-role", `IAM role "fn-role" (assumed by Lambda): aws:iam/rolePolicy:RolePolicy "computed" allows "dynamodb:*". ${fix}`],
        ]);
    });
});

const principalPolicy = "lambda-permission-one-principal";
const principalFix =
    "Each sends its own event shape, so one handler has to tell them apart. Give each event source its own function; if one handler is meant to take them all, exempt the function.";
const permission = (name: string, props: Record<string, unknown>) => resource(resourceTypes.lambdaPermission, name, { action: "lambda:InvokeFunction", ...props });

describe("lambda-permission-one-principal, through the pack's stack analysis", function () {
    this.timeout(60_000);

    it("passes one principal per function: two API Gateway routes, and a regional service principal", async () => {
        const verdicts = await verdictsOf(
            () => {
                const api = fn("api-handler");
                const campaigns = fn("campaign-hook");
                return [
                    permission("get", { function: api.name, principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:eu-west-1:123456789012:abc/*/GET/events" }),
                    permission("post", { function: api.name, principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:eu-west-1:123456789012:abc/*/POST/events" }),
                    permission("pinpoint", { function: campaigns.arn, principal: "pinpoint.eu-west-1.amazonaws.com" }),
                ];
            },
            { policy: principalPolicy },
        );
        assert.deepStrictEqual(verdicts, []);
    });

    it("flags, on the function, permissions for two services (SNS and EventBridge), found at preview by property dependency, aws-native too", async () => {
        const verdicts = await verdictsOf(
            () => {
                const handler = fn("handler");
                const native = nativeFn("native-handler");
                return [
                    permission("from-sns", { function: handler.name, principal: "sns.amazonaws.com" }),
                    permission("from-events", { function: handler.arn, principal: "events.amazonaws.com" }),
                    resource(resourceTypes.nativeLambdaPermission, "native-s3", { functionName: native.arn, action: "lambda:InvokeFunction", principal: "s3.amazonaws.com" }),
                    resource(resourceTypes.nativeLambdaPermission, "native-sqs", { functionName: native.arn, action: "lambda:InvokeFunction", principal: "sqs.amazonaws.com" }),
                ];
            },
            { policy: principalPolicy },
        );
        assert.deepStrictEqual(findings(verdicts), [
            ["advisory", "handler", `Lambda function "handler" may be invoked by 2 principals: "events.amazonaws.com" (permission "from-events"), "sns.amazonaws.com" (permission "from-sns"). ${principalFix}`],
            [
                "advisory",
                "native-handler",
                `Lambda function "native-handler" may be invoked by 2 principals: "s3.amazonaws.com" (permission "native-s3"), "sqs.amazonaws.com" (permission "native-sqs"). ${principalFix}`,
            ],
        ]);
    });

    it("counts a permission on an alias for its function, and names the first permission for a function outside the stack", async () => {
        const verdicts = await verdictsOf(
            () => {
                const handler = fn("handler", { publish: true });
                const live = declared(resourceTypes.lambdaAlias, "live", { functionName: handler.name, name: "live" });
                return [
                    permission("via-alias", { function: live.arn, principal: "s3.amazonaws.com" }),
                    permission("direct", { function: handler.name, principal: "apigateway.amazonaws.com" }),
                    permission("outside-1", { function: "legacy-fn", principal: "s3.amazonaws.com" }),
                    permission("outside-2", { function: "legacy-fn", principal: "sns.amazonaws.com" }),
                ];
            },
            { policy: principalPolicy, preview: false },
        );
        assert.deepStrictEqual(
            findings(verdicts).map(([, name, message]) => [name, message.split(". Each")[0]]),
            [
                ["handler", 'Lambda function "handler" may be invoked by 2 principals: "apigateway.amazonaws.com" (permission "direct"), "s3.amazonaws.com" (permission "via-alias")'],
                ["outside-1", 'Lambda function legacy-fn may be invoked by 2 principals: "s3.amazonaws.com" (permission "outside-1"), "sns.amazonaws.com" (permission "outside-2")'],
            ],
        );
    });
});
