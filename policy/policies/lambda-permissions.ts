import { PackPolicy } from "./exemptions";
import { PolicyResource } from "@pulumi/policy";
import { StackFunctions } from "./function-references";
import { broadGrants, policyDocument, trustsService } from "./policy-documents";
import { property, unknown } from "./property";
import { describe, elements, knownStrings, referencedAt } from "./references";
import { lambdaFunctionTypes, resourceTypes } from "./resource-types";

const lambdaService = "lambda.amazonaws.com";

/** AWS-managed policies that grant (nearly) everything, and what they grant. */
const broadManagedPolicies: Record<string, string> = {
    AdministratorAccess: "every action on every resource",
    PowerUserAccess: "every action but IAM and Organizations management",
};

const roleTypes: readonly string[] = [resourceTypes.iamRole, resourceTypes.nativeIamRole];
const roleIds = ["name", "roleName", "arn"] as const;
const policyIds = ["arn", "policyArn"] as const;

/** A policy a role gets, where it comes from, and the document (or the AWS-managed policy's name). */
interface Grant {
    source: string;
    document?: unknown;
    managed?: string;
}

function managedPolicyName(arn: string): string | undefined {
    return /^arn:aws[\w-]*:iam::aws:policy\/(.+)$/.exec(arn)?.[1];
}

/** Whether Lambda assumes the role: its trust policy names lambda.amazonaws.com, or a function of the stack uses it. */
function lambdaRoles(resources: PolicyResource[], functions: PolicyResource[]): PolicyResource[] {
    const roles = resources.filter((r) => roleTypes.includes(r.type));
    const usedByFunctions = new Set(functions.flatMap((fn) => referencedAt(fn, ["role"], roles, roleIds)));
    return roles.filter((role) => {
        const trust = policyDocument(property(role.props, role.type === resourceTypes.iamRole ? "assumeRolePolicy" : "assumeRolePolicyDocument"));
        return trustsService(trust, lambdaService) === true || usedByFunctions.has(role);
    });
}

/**
 * Every policy the stack gives a role: inline ones (the role's own, RolePolicy resources), customer
 * managed ones declared in the stack and attached to it (RolePolicyAttachment, PolicyAttachment,
 * RolePolicyAttachmentsExclusive, managedPolicyArns; aws-native ManagedPolicy `roles`), and AWS-managed
 * ones by ARN.
 */
function grantsOf(role: PolicyResource, resources: PolicyResource[]): Grant[] {
    const of = (type: string) => resources.filter((r) => r.type === type);
    const refersToRole = (r: PolicyResource, key: string) => referencedAt(r, [key], [role], roleIds).length > 0;
    const policies = [...of(resourceTypes.iamPolicy), ...of(resourceTypes.nativeIamManagedPolicy)];
    const attached = (by: PolicyResource, key: string): Grant[] => {
        const declared = referencedAt(by, [key], policies, policyIds).map((p) => ({ source: `${describe(p)} (attached by ${describe(by)})`, document: property(p.props, p.type === resourceTypes.iamPolicy ? "policy" : "policyDocument") }));
        const managed = knownStrings(property(by.props, key)).flatMap((arn) => {
            const name = managedPolicyName(arn);
            return name === undefined ? [] : [{ source: `AWS-managed policy ${name} (attached by ${describe(by)})`, managed: name }];
        });
        return [...declared, ...managed];
    };
    const inline =
        role.type === resourceTypes.iamRole
            ? elements(property(role.props, "inlinePolicies")).map((p) => ({ source: `inline policy ${JSON.stringify(property(p, "name") ?? "")}`, document: property(p, "policy") }))
            : elements(property(role.props, "policies")).map((p) => ({ source: `inline policy ${JSON.stringify(property(p, "policyName") ?? "")}`, document: property(p, "policyDocument") }));
    const rolePolicies = [
        ...of(resourceTypes.iamRolePolicy).filter((p) => refersToRole(p, "role")).map((p) => ({ source: describe(p), document: property(p.props, "policy") })),
        ...of(resourceTypes.nativeIamRolePolicy).filter((p) => refersToRole(p, "roleName")).map((p) => ({ source: describe(p), document: property(p.props, "policyDocument") })),
    ];
    const attachments = [
        ...attached(role, "managedPolicyArns"),
        ...of(resourceTypes.iamRolePolicyAttachment).filter((a) => refersToRole(a, "role")).flatMap((a) => attached(a, "policyArn")),
        ...of(resourceTypes.iamPolicyAttachment).filter((a) => refersToRole(a, "roles")).flatMap((a) => attached(a, "policyArn")),
        ...of(resourceTypes.iamRolePolicyAttachmentsExclusive).filter((a) => refersToRole(a, "roleName")).flatMap((a) => attached(a, "policyArns")),
    ];
    const nativeManaged = of(resourceTypes.nativeIamManagedPolicy)
        .filter((p) => refersToRole(p, "roles"))
        .map((p) => ({ source: describe(p), document: property(p.props, "policyDocument") }));
    return [...inline, ...rolePolicies, ...attachments, ...nativeManaged];
}

/** What a grant allows too broadly, or undefined when nothing (or its document is unknown at preview). */
function tooBroad(grant: Grant): string | undefined {
    if (grant.managed !== undefined) {
        const grants = broadManagedPolicies[grant.managed];
        return grants === undefined ? undefined : `grants ${grants}`;
    }
    const document = policyDocument(grant.document);
    if (document === unknown || document === undefined) {
        return undefined;
    }
    const broad = broadGrants(document);
    return broad.length === 0 ? undefined : `allows ${broad.join(", ")}`;
}

/**
 * A stack policy: a role's policies live in other resources (RolePolicy, Policy and its attachments),
 * linked through property dependencies at preview and by name or ARN otherwise. serverless-rules WS1003
 * reads a role's inline policies only; this reads every policy the stack gives the role.
 */
export const lambdaRoleNoWildcards: PackPolicy = {
    appliesToStackOf: [resourceTypes.iamRole, resourceTypes.nativeIamRole],
    name: "lambda-role-no-wildcards",
    description: "IAM roles Lambda assumes should allow only the actions the function uses: no \"*\" or \"service:*\" actions, no NotAction, no AdministratorAccess or PowerUserAccess.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        const functions = args.resources.filter((r) => lambdaFunctionTypes.includes(r.type));
        for (const role of lambdaRoles(args.resources, functions)) {
            for (const grant of grantsOf(role, args.resources)) {
                const problem = tooBroad(grant);
                if (problem) {
                    reportViolation(
                        `IAM role "${role.name}" (assumed by Lambda): ${grant.source} ${problem}. List only the actions the function calls, on ` +
                            `the resources it needs (e.g. "dynamodb:GetItem" on its table's ARN): a bug or an injected request in the function ` +
                            `can do whatever its role allows. Deny statements may keep wildcards.`,
                        role.urn,
                    );
                }
            }
        }
    },
};

const permissionTypes: readonly string[] = [resourceTypes.lambdaPermission, resourceTypes.nativeLambdaPermission];

/** The permission's function reference: aws `function`, aws-native `functionName`. */
function functionKey(permission: PolicyResource): string {
    return permission.type === resourceTypes.lambdaPermission ? "function" : "functionName";
}

/**
 * A stack policy (serverless-rules WS1002): only the stack shows every permission of a function. A
 * principal unknown at preview is left to the update. A function outside the stack is named by the
 * permissions that grant on it, and the finding lands on the first of them.
 */
export const lambdaPermissionOnePrincipal: PackPolicy = {
    appliesToStackOf: [resourceTypes.lambdaPermission, resourceTypes.nativeLambdaPermission],
    name: "lambda-permission-one-principal",
    description: "A Lambda function should be invoked by one kind of caller: permissions for several principals mean one handler must tell several event shapes apart.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        const functions = new StackFunctions(args.resources);
        const grants = new Map<string, { target?: PolicyResource; label: string; permissions: PolicyResource[] }>();
        for (const permission of args.resources.filter((r) => permissionTypes.includes(r.type))) {
            const principal = property(permission.props, "principal");
            if (typeof principal !== "string" || principal === "") {
                continue;
            }
            const targets = functions.referencedAt(permission, functionKey(permission));
            const outside = knownStrings(property(permission.props, functionKey(permission)))[0];
            const keys = targets.length > 0 ? targets.map((fn) => ({ key: fn.urn, target: fn, label: `Lambda function "${fn.name}"` })) : outside ? [{ key: `outside:${outside}`, target: undefined, label: `Lambda function ${outside}` }] : [];
            for (const { key, target, label } of keys) {
                const entry = grants.get(key) ?? { target, label, permissions: [] };
                entry.permissions.push(permission);
                grants.set(key, entry);
            }
        }
        for (const { target, label, permissions } of grants.values()) {
            const principals = [...new Set(permissions.map((p) => property(p.props, "principal") as string))].sort();
            if (principals.length < 2) {
                continue;
            }
            const by = principals.map((principal) => `${JSON.stringify(principal)} (${permissions.filter((p) => property(p.props, "principal") === principal).map((p) => `permission "${p.name}"`).join(", ")})`);
            reportViolation(
                `${label} may be invoked by ${principals.length} principals: ${by.join(", ")}. Each sends its own event shape, so one handler ` +
                    `has to tell them apart. Give each event source its own function; if one handler is meant to take them all, exempt the function.`,
                (target ?? permissions[0]).urn,
            );
        }
    },
};
