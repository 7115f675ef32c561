import { PolicyConfigSchema, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { appliesTo } from "./applies-to";
import { plain, rawProperty, shown, unknown } from "./property";
import { remediated } from "./remediation";
import { lambdaFunctionTypes, resourceTypes } from "./resource-types";

// Lambda's own limits and defaults: https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
const lambdaDefaultMemoryMb = 128;
const lambdaMaximumMemoryMb = 10240;
const defaultMinimumMemoryMb = lambdaDefaultMemoryMb + 1;

const memoryConfigSchema: PolicyConfigSchema = {
    properties: {
        minimumMemorySize: {
            type: "integer",
            description: "Smallest memorySize (MB) a function may have, and the size remediation sets. The default rejects Lambda's 128 MB default and anything below.",
            minimum: defaultMinimumMemoryMb,
            maximum: lambdaMaximumMemoryMb,
            default: defaultMinimumMemoryMb,
        },
    },
};

/** The configured floor. The CLI fills in the schema's default before configuring the pack; this covers a caller that does not. */
function minimumMemory(args: ResourceValidationArgs): number {
    return args.getConfig<{ minimumMemorySize?: number }>().minimumMemorySize ?? defaultMinimumMemoryMb;
}

/** What is wrong with a memorySize, or undefined when it meets the floor. */
function memoryProblem(memorySize: unknown, floor: number): string | undefined {
    if (typeof memorySize === "number" && memorySize >= floor) {
        return undefined;
    }
    if (memorySize === undefined || memorySize === null) {
        return `memorySize is unset, so Lambda gives it ${lambdaDefaultMemoryMb} MB`;
    }
    return typeof memorySize === "number" ? `memorySize is ${memorySize} MB` : `memorySize is ${shown(memorySize)}, not a number of MB`;
}

/** What is wrong with architectures, or undefined for `["arm64"]`. */
function architectureProblem(architectures: unknown): string | undefined {
    if (Array.isArray(architectures) && architectures.length > 0 && architectures.every((a) => a === "arm64")) {
        return undefined;
    }
    const unset = architectures === undefined || architectures === null || (Array.isArray(architectures) && architectures.length === 0);
    return unset ? "architectures is unset, so Lambda runs it on x86_64" : `architectures is ${shown(architectures)}`;
}

// Validation reads through @pulumi/policy's proxy: a value unknown at preview throws its
// UnknownValueError, which the analyzer reports as an advisory "can't run ... during preview".
// Remediation reads raw and leaves an unknown value alone.

export const lambdaMemoryAbove128mb: ResourceValidationPolicy = {
    name: "lambda-memory-above-128mb",
    description: "Lambda functions must have more than 128 MB of memory, since CPU scales with memory and 128 MB gets 0.07 vCPU.",
    enforcementLevel: "mandatory",
    configSchema: memoryConfigSchema,
    validateResource: appliesTo(lambdaFunctionTypes, (args, reportViolation) => {
        const floor = minimumMemory(args);
        const problem = memoryProblem(args.props.memorySize, floor);
        if (problem) {
            reportViolation(
                `Lambda function "${args.name}": ${problem}. Set memorySize to ${floor} MB or more ` +
                    `(CPU grows with memory, so a larger size often runs faster and costs no more).`,
            );
        }
    }),
    remediateResource: appliesTo(lambdaFunctionTypes, async (args) => {
        const floor = minimumMemory(args);
        const memorySize = plain(rawProperty(args.props, "memorySize"));
        if (memorySize === unknown || memoryProblem(memorySize, floor) === undefined) {
            return undefined;
        }
        return remediated(args.props, { memorySize: floor });
    }),
};

export const lambdaArm64Architecture: ResourceValidationPolicy = {
    name: "lambda-arm64-architecture",
    description: "Lambda functions must run on arm64 (Graviton), which costs 20% less per GB-second than x86_64.",
    enforcementLevel: "mandatory",
    validateResource: appliesTo(lambdaFunctionTypes, (args, reportViolation) => {
        const problem = architectureProblem(args.props.architectures);
        if (problem) {
            reportViolation(`Lambda function "${args.name}": ${problem}. Set architectures to ["arm64"].`);
        }
    }),
    remediateResource: appliesTo(lambdaFunctionTypes, async (args) => {
        const architectures = plain(rawProperty(args.props, "architectures"));
        const known = Array.isArray(architectures) ? architectures.map(plain) : architectures;
        if (known === unknown || (Array.isArray(known) && known.includes(unknown)) || architectureProblem(known) === undefined) {
            return undefined;
        }
        return remediated(args.props, { architectures: ["arm64"] });
    }),
};

export const lambdaTracingActive: ResourceValidationPolicy = {
    name: "lambda-tracing-active",
    description: "Lambda functions should have X-Ray tracing Active, so each request's cold start (Initialization) and Invocation time show up in X-Ray traces.",
    enforcementLevel: "advisory",
    validateResource: appliesTo([resourceTypes.lambdaFunction], (args, reportViolation) => {
        const mode: unknown = (args.props.tracingConfig as { mode?: unknown } | undefined)?.mode;
        if (mode !== "Active") {
            reportViolation(`Lambda function "${args.name}": tracingConfig.mode is ${shown(mode)}. Set tracingConfig to { mode: "Active" }.`);
        }
    }),
};

export const lambdaExplicitLogGroup: ResourceValidationPolicy = {
    name: "lambda-explicit-log-group",
    description: "Lambda functions should log to a log group the stack declares (loggingConfig.logGroup), so its retention is managed.",
    enforcementLevel: "advisory",
    validateResource: appliesTo([resourceTypes.lambdaFunction], (args, reportViolation) => {
        const logGroup: unknown = (args.props.loggingConfig as { logGroup?: unknown } | undefined)?.logGroup;
        if (typeof logGroup !== "string" || logGroup === "") {
            reportViolation(
                `Lambda function "${args.name}": loggingConfig.logGroup is ${shown(logGroup)}, so Lambda creates ` +
                    `/aws/lambda/<name> itself, with no retention (logs kept forever). Declare an aws.cloudwatch.LogGroup ` +
                    `with retentionInDays and set loggingConfig.logGroup to its name.`,
            );
        }
    }),
};
