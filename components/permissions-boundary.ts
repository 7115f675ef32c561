import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { argName, argsError } from "./known-settings";
import { ChildNaming } from "./naming";
import { quoteValue } from "./setting-rules";

/**
 * The permissions boundary a stack's function roles carry. docs/permissions-boundary-policy.json is the
 * policy, created once per account and stack under this name; the deploy role may only create or change
 * roles that carry it, and may not edit it.
 */
export function permissionsBoundaryName(prefix: string): string {
    return `${prefix}-permissions-boundary`;
}

/**
 * The boundary's ARN: the setting's value (an IAM policy ARN, as the schema checked), or the documented
 * boundary in the deploying account. Either must be in the deploying account or AWS-managed, since IAM
 * attaches no other account's policy: checked once both are known.
 */
export function resolvePermissionsBoundary(naming: ChildNaming, given: pulumi.Input<string> | undefined): pulumi.Output<string> {
    const opts = { parent: naming.parent };
    const { accountId } = aws.getCallerIdentityOutput({}, opts);
    const { partition } = aws.getPartitionOutput({}, opts);
    const fallback = pulumi.interpolate`arn:${partition}:iam::${accountId}:policy/${permissionsBoundaryName(naming.prefix)}`;
    return pulumi.all([given ?? fallback, accountId]).apply(([arn, account]) => {
        const owner = arn.split(":")[4];
        if (owner !== account && owner !== "aws") {
            throw argsError([`${argName("permissionsBoundaryArn")} must be an IAM policy ARN in the deploying account ${account} (or an AWS managed policy); got ${quoteValue(arn)}`], naming.parent);
        }
        return arn;
    });
}
