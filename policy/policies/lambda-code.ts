import { PolicyConfigSchema, PolicyResource, ReportViolation } from "@pulumi/policy";
import { codeAnalysis } from "../inspection/code-analysis";
import { CodeOwner, codeOwners } from "../inspection/code-sources";
import { CodeInspection, inspectCode } from "../inspection/inspect-code";
import { programRootFix, programRootVariable } from "../inspection/program-root";
import { PackPolicy } from "./exemptions";
import { lambdaFunctionTypes, lambdaLayerTypes } from "./resource-types";

/**
 * The SDK check is a stack policy: a function's code can sit in the function, in a layer and in an S3
 * object the stack uploads, and only `AnalyzeStack` sees all three with the property dependencies that
 * link them (per-resource `Analyze` sees one resource). The engine runs it at the end of every
 * preview and update, and a mandatory violation fails the preview (pkg/resource/deploy/
 * deployment_executor.go and step_generator.go, `AnalyzeResources`).
 */

/** Findings listed in one message before it says "and N more". */
const listedFindings = 5;

const sdkConfigSchema: PolicyConfigSchema = {
    properties: {
        programRoot: {
            type: "string",
            description:
                `Absolute path of the folder holding the program's Pulumi.yaml, against which relative code paths resolve. ` +
                `${programRootVariable} overrides it; unset, the pack looks for the Pulumi.yaml at or above the Pulumi CLI's working directory, and above its own folder.`,
        },
    },
};

export function list(items: string[]): string {
    const shownItems = items.slice(0, listedFindings).join("; ");
    return items.length > listedFindings ? `${shownItems}; and ${items.length - listedFindings} more` : shownItems;
}

export function label(owner: CodeOwner): string {
    return `Lambda ${owner.kind} "${owner.resource.name}"`;
}

/** Runs `check` on each owner; an error is reported against that owner, never thrown at the analyzer. */
export async function eachOwner(
    resources: PolicyResource[],
    reportViolation: ReportViolation,
    check: (owner: CodeOwner, owners: CodeOwner[]) => Promise<void>,
): Promise<void> {
    let owners: CodeOwner[];
    try {
        owners = codeOwners(resources);
    } catch (error) {
        reportViolation(`The Lambda code check could not run on this stack: ${(error as Error).message}. This is a bug in the policy pack.`);
        return;
    }
    for (const owner of owners) {
        try {
            await check(owner, owners);
        } catch (error) {
            reportViolation(
                `${label(owner)}: its code could not be checked (${(error as Error).message}), so it does not pass. This is a bug in the policy pack.`,
                owner.resource.urn,
            );
        }
    }
}

export const lambdaNoBundledAwsSdk: PackPolicy = {
    appliesToStackOf: [...lambdaFunctionTypes, ...lambdaLayerTypes],
    name: "lambda-no-bundled-aws-sdk",
    description: "Lambda function code, layers included, must not carry the AWS SDK (the runtime provides it; bundling it slows every cold start).",
    enforcementLevel: "mandatory",
    configSchema: sdkConfigSchema,
    validateStack: async (args, reportViolation) => {
        const { programRoot } = args.getConfig<{ programRoot?: string }>();
        const analysis = codeAnalysis(lambdaNoBundledAwsSdk.name, { programRoot });
        await eachOwner(args.resources, reportViolation, async (owner) => {
            const inspection = await analysis.inspect(owner);
            for (const message of sdkViolations(owner, inspection, analysis.rootProblem(owner))) {
                reportViolation(message, owner.resource.urn);
            }
        });
    },
};

function sdkViolations(owner: CodeOwner, inspection: CodeInspection, rootProblem: boolean): string[] {
    const messages: string[] = [];
    if (inspection.sdk.length > 0) {
        const users = owner.usedBy.length > 0 ? ` (used by ${owner.usedBy.map((fn) => `"${fn.name}"`).join(", ")})` : "";
        messages.push(
            `${label(owner)}${users} ships the AWS SDK: ${list(inspection.sdk)}. Use the SDK the Lambda runtime provides: mark it ` +
                `external when bundling (esbuild: external: ["@aws-sdk/*"]), keep @aws-sdk/* out of the package's "dependencies" ` +
                `(aws.lambda.CallbackFunction uploads them), and leave node_modules/@aws-sdk, aws-sdk, boto3 and botocore out of the package.`,
        );
    }
    if (inspection.missing.length > 0) {
        const fix = rootProblem ? `To fix it, ${programRootFix}.` : "Build the code before the preview, or correct the path.";
        messages.push(`${label(owner)}: cannot find its code, so the AWS SDK check cannot pass: ${list(inspection.missing)}. ${fix}`);
    }
    if (inspection.unreadable.length > 0) {
        messages.push(
            `${label(owner)}: cannot read its code, so the AWS SDK check cannot pass: ${list(inspection.unreadable)}. ` +
                `Deploy it as a folder, a zip/jar or a tar/tgz archive that Lambda's size limits allow.`,
        );
    }
    return messages;
}

export const lambdaCodeInspectable: PackPolicy = {
    appliesToStackOf: [...lambdaFunctionTypes, ...lambdaLayerTypes],
    name: "lambda-code-inspectable",
    description: "Lambda code should be within the pack's reach (local, or uploaded to S3 by the same stack), so lambda-no-bundled-aws-sdk can check it.",
    enforcementLevel: "advisory",
    validateStack: async (args, reportViolation) => {
        const analysis = codeAnalysis(lambdaCodeInspectable.name);
        await eachOwner(args.resources, reportViolation, async (owner) => {
            // What lambda-no-bundled-aws-sdk found; without it, where the code comes from, nothing read from disk.
            const { unreachable } = await (analysis.inspected(owner) ?? inspectCode(owner.sources));
            if (unreachable.length > 0) {
                reportViolation(
                    `${label(owner)}: lambda-no-bundled-aws-sdk cannot reach ${list(unreachable)}. This is not a pass: check that ` +
                        `code yourself, or deploy it from a local folder, file or asset archive, or an S3 object this stack uploads.`,
                    owner.resource.urn,
                );
            }
        });
    },
};
