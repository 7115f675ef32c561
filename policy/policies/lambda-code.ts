import { ResourceValidationPolicy } from "@pulumi/policy";
import { CodeInspection, inspectFunctionCode } from "../inspection/inspect-code";
import { resourceTypes } from "./resource-types";

/** Findings listed in one message before it says "and N more". */
const listedFindings = 5;

// Both policies read the same code; one inspection per props object serves both within a run.
const inspections = new WeakMap<object, Promise<CodeInspection>>();

function inspect(props: Record<string, unknown>): Promise<CodeInspection> {
    let inspection = inspections.get(props);
    if (!inspection) {
        inspection = inspectFunctionCode(props);
        inspections.set(props, inspection);
    }
    return inspection;
}

function list(items: string[]): string {
    const shownItems = items.slice(0, listedFindings).join("; ");
    return items.length > listedFindings ? `${shownItems}; and ${items.length - listedFindings} more` : shownItems;
}

export const lambdaNoBundledAwsSdk: ResourceValidationPolicy = {
    name: "lambda-no-bundled-aws-sdk",
    description: "Lambda function code must not carry the AWS SDK (the runtime provides it; bundling it slows every cold start).",
    enforcementLevel: "mandatory",
    validateResource: async (args, reportViolation) => {
        if (args.type !== resourceTypes.lambdaFunction) {
            return;
        }
        const { sdk } = await inspect(args.props);
        if (sdk.length > 0) {
            reportViolation(
                `Lambda function "${args.name}" ships the AWS SDK: ${list(sdk)}. Use the SDK the runtime provides: ` +
                    `mark it external when bundling (esbuild: external: ["@aws-sdk/*"]) and leave node_modules/@aws-sdk, ` +
                    `aws-sdk, boto3 and botocore out of the package.`,
            );
        }
    },
};

export const lambdaCodeInspectable: ResourceValidationPolicy = {
    name: "lambda-code-inspectable",
    description: "Lambda function code should be readable at preview, so lambda-no-bundled-aws-sdk can check it.",
    enforcementLevel: "advisory",
    validateResource: async (args, reportViolation) => {
        if (args.type !== resourceTypes.lambdaFunction) {
            return;
        }
        const { uninspected } = await inspect(args.props);
        if (uninspected.length > 0) {
            reportViolation(
                `Lambda function "${args.name}": lambda-no-bundled-aws-sdk could not read ${list(uninspected)}. ` +
                    `This is not a pass: check that code yourself, or deploy it from a local file, folder or asset archive ` +
                    `within the inspection limits.`,
            );
        }
    },
};
