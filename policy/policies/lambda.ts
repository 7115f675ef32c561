import { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults, shown } from "./policy-config";
import { resourceTypes } from "./resource-types";

// Lambda's own limits and defaults: https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
const lambdaDefaultMemoryMb = 128;
const lambdaMaximumMemoryMb = 10240;

const memoryConfigSchema: PolicyConfigSchema = {
    properties: {
        minimumMemorySize: {
            type: "integer",
            description: "Smallest memorySize (MB) a function may have. The default rejects Lambda's 128 MB default and anything below.",
            minimum: lambdaDefaultMemoryMb + 1,
            maximum: lambdaMaximumMemoryMb,
            default: lambdaDefaultMemoryMb + 1,
        },
    },
};

export const lambdaMemoryAbove128mb: ResourceValidationPolicy = {
    name: "lambda-memory-above-128mb",
    description: "Lambda functions must have more than 128 MB of memory, since CPU scales with memory and 128 MB gets 0.07 vCPU.",
    enforcementLevel: "mandatory",
    configSchema: memoryConfigSchema,
    validateResource: (args, reportViolation) => {
        if (args.type !== resourceTypes.lambdaFunction) {
            return;
        }
        const { minimumMemorySize } = configWithDefaults<{ minimumMemorySize: number }>(memoryConfigSchema, args.getConfig());
        const memorySize: unknown = args.props.memorySize;
        if (typeof memorySize === "number" && memorySize >= minimumMemorySize) {
            return;
        }
        const found =
            memorySize === undefined ? `memorySize is unset, so Lambda gives it ${lambdaDefaultMemoryMb} MB` : `memorySize is ${shown(memorySize)} MB`;
        reportViolation(
            `Lambda function "${args.name}": ${found}. Set memorySize to ${minimumMemorySize} MB or more ` +
                `(CPU grows with memory, so a larger size often runs faster and costs no more).`,
        );
    },
};

export const lambdaArm64Architecture: ResourceValidationPolicy = {
    name: "lambda-arm64-architecture",
    description: "Lambda functions must run on arm64 (Graviton), which costs 20% less per GB-second than x86_64.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== resourceTypes.lambdaFunction) {
            return;
        }
        const architectures: unknown = args.props.architectures;
        if (Array.isArray(architectures) && architectures.length > 0 && architectures.every((a) => a === "arm64")) {
            return;
        }
        const found =
            architectures === undefined || (Array.isArray(architectures) && architectures.length === 0)
                ? "architectures is unset, so Lambda runs it on x86_64"
                : `architectures is ${shown(architectures)}`;
        reportViolation(`Lambda function "${args.name}": ${found}. Set architectures to ["arm64"].`);
    },
};

export const lambdaTracingActive: ResourceValidationPolicy = {
    name: "lambda-tracing-active",
    description: "Lambda functions should have X-Ray tracing Active, so cold starts and slow calls show up in traces.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
        if (args.type !== resourceTypes.lambdaFunction) {
            return;
        }
        const mode: unknown = (args.props.tracingConfig as { mode?: unknown } | undefined)?.mode;
        if (mode !== "Active") {
            reportViolation(
                `Lambda function "${args.name}": tracingConfig.mode is ${shown(mode)}. Set tracingConfig to { mode: "Active" }.`,
            );
        }
    },
};

export const lambdaExplicitLogGroup: ResourceValidationPolicy = {
    name: "lambda-explicit-log-group",
    description: "Lambda functions should log to a log group the stack declares (loggingConfig.logGroup), so its retention is managed.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
        if (args.type !== resourceTypes.lambdaFunction) {
            return;
        }
        const logGroup: unknown = (args.props.loggingConfig as { logGroup?: unknown } | undefined)?.logGroup;
        if (typeof logGroup !== "string" || logGroup === "") {
            reportViolation(
                `Lambda function "${args.name}": loggingConfig.logGroup is ${shown(logGroup)}, so Lambda creates ` +
                    `/aws/lambda/<name> itself, with no retention (logs kept forever). Declare an aws.cloudwatch.LogGroup ` +
                    `with retentionInDays and set loggingConfig.logGroup to its name.`,
            );
        }
    },
};
