import * as fs from "fs";
import * as path from "path";
import { runSimulation, runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { projectRoot } from "../../tools/mock-program";

/**
 * The role documents of docs/ as a user fills them in, and AWS's policy evaluation over them through
 * @cloud-copilot/iam-simulate (identity policies, permissions boundaries, explicit denies, every condition
 * operator, with AWS's Service Authorization Reference data to check actions, ARNs and condition keys).
 * Its two limits, and how these tests meet them: its data has no API Gateway v2 resource types (`/apis`,
 * `/apimappings`), and it cannot tell a Lambda alias ARN from a version ARN, so those calls are evaluated
 * without its ARN validation (`runUnsafeSimulation`, same engine); and it
 * does not evaluate an OIDC trust policy's principal, so a trust policy's conditions are evaluated as the
 * statement they are, without the Principal element (tests check the Principal itself apart).
 */

/** Each placeholder the documents carry, as the deploying docs tell the user to fill it in. */
export type Placeholders = Partial<Record<"ACCOUNT_ID" | "STACK" | "DOMAIN_NAME" | "HOSTED_ZONE_ID" | "OWNER/REPO" | "ENVIRONMENT" | "WORKFLOW_REF", string>>;

export interface PolicyDocument {
    Version: string;
    Statement: Array<{ Sid?: string; Effect: string; Action: string | string[]; Resource?: string | string[]; Principal?: unknown; Condition?: Record<string, Record<string, string | string[]>> }>;
}

export function documentText(file: string): string {
    return fs.readFileSync(path.join(projectRoot, "docs", file), "utf8");
}

/** A docs/ document with its placeholders replaced, as `sed -e s/STACK/prod/g ...` would. */
export function rendered(file: string, values: Placeholders): PolicyDocument {
    let text = documentText(file);
    for (const [placeholder, value] of Object.entries(values)) text = text.split(placeholder).join(value);
    return JSON.parse(text) as PolicyDocument;
}

export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

export interface Request {
    action: string;
    resource: string;
    context?: Record<string, string | string[]>;
}

export const account = "123456789012";

/** What AWS decides for `request` made by a principal with these identity policies (and boundary). */
export async function decide(request: Request, identity: PolicyDocument[], boundary?: PolicyDocument): Promise<Decision> {
    const simulation = {
        request: {
            principal: `arn:aws:iam::${account}:role/github-deploy`,
            action: request.action,
            resource: { resource: request.resource, accountId: account },
            contextVariables: request.context ?? {},
        },
        identityPolicies: identity.map((policy, i) => ({ name: `policy${i}`, policy })),
        permissionBoundaryPolicies: boundary ? [{ name: "boundary", policy: boundary }] : undefined,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
    };
    if (/^arn:aws:apigateway:[^:]*::\/(apis|tags)|\/apimappings/.test(request.resource)) {
        return runUnsafeSimulation(simulation, {}) as Decision;
    }
    const result = await runSimulation(simulation, {});
    // A qualified function ARN (`function:name:live`) fits both Lambda's version and alias types, which it cannot tell apart.
    if (result.resultType === "error" && result.errors.message === "multiple.resource.types") return runUnsafeSimulation(simulation, {}) as Decision;
    if (result.resultType === "error") throw new Error(`cannot simulate ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
    if (result.resultType === "single" && result.result.ignoredContextKeys?.length) {
        throw new Error(`${request.action} ignores the context keys ${result.result.ignoredContextKeys.join(", ")}: the test asks for a condition AWS never checks`);
    }
    return result.overallResult as Decision;
}

/** Whether a trust policy's statements let a GitHub job whose OIDC token carries `sub` assume the role. */
export function trusts(trust: PolicyDocument, sub: string, aud = "sts.amazonaws.com"): boolean {
    const statements = { ...trust, Statement: trust.Statement.map(({ Principal: _principal, ...statement }) => ({ ...statement, Resource: "*" })) };
    const decision = runUnsafeSimulation(
        {
            request: {
                principal: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`,
                action: "sts:AssumeRoleWithWebIdentity",
                resource: { resource: `arn:aws:iam::${account}:role/github-role`, accountId: account },
                contextVariables: { "token.actions.githubusercontent.com:sub": sub, "token.actions.githubusercontent.com:aud": aud },
            },
            identityPolicies: [{ name: "trust", policy: statements }],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
        },
        {},
    );
    return decision === "Allowed";
}
