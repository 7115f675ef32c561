import { PolicyConfigSchema, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { appliesTo } from "./applies-to";
import { PackPolicy } from "./exemptions";
import { arm64Builds, exemptionHint } from "./hints";
import { binariesCheck } from "./lambda-binaries";
import { couldBeLambdaAtEdge, describeUses, edgeFunctions, edgeQuotasUrl, edgeRestrictionsUrl, isViewerTriggered } from "./lambda-edge";
import { plain, rawProperty, shown, unknown } from "./property";
import { remediated } from "./remediation";
import { recommendedMemoryMb } from "./recommended-memory";
import { lambdaFunctionTypes } from "./resource-types";

// Lambda's own limits and defaults: https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
const lambdaDefaultMemoryMb = 128;
const lambdaMaximumMemoryMb = 10240;
/** The smallest memorySize lambda-memory-above-128mb accepts unless its config raises the floor. */
export const defaultMinimumMemoryMb = lambdaDefaultMemoryMb + 1;

const memoryConfigSchema: PolicyConfigSchema = {
    properties: {
        minimumMemorySize: {
            type: "integer",
            description:
                `Smallest memorySize (MB) a function may have. The default rejects Lambda's 128 MB default and anything below. Remediation sets the pack's recommended ${recommendedMemoryMb} MB, or this floor when it is higher.`,
            minimum: defaultMinimumMemoryMb,
            maximum: lambdaMaximumMemoryMb,
            default: defaultMinimumMemoryMb,
        },
    },
};

/** The configured floor. The CLI fills in the schema's default before configuring the pack; this covers a caller that does not. */
function minimumMemory(getConfig: () => { minimumMemorySize?: number }): number {
    return getConfig().minimumMemorySize ?? defaultMinimumMemoryMb;
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

/**
 * The size to set on a function below the floor, which the message advises and remediation sets: the pack's
 * recommendation, or the configured floor when that is higher. (A floor of 129 MB would fix nothing: 129 MB
 * runs on the same 0.07 vCPU as 128.)
 */
function memoryToSet(floor: number): number {
    return Math.max(recommendedMemoryMb, floor);
}

/** The floor the function misses, and the size to set. */
function memoryAdvice(floor: number): string {
    const must = floor === defaultMinimumMemoryMb ? `it must have more than ${lambdaDefaultMemoryMb} MB` : `it must have at least ${floor} MB`;
    const why = "CPU grows with memory, so a larger size often runs faster and costs no more";
    return memoryToSet(floor) === recommendedMemoryMb
        ? `${must}. Set memorySize to ${recommendedMemoryMb} MB, the size this pack recommends (${why}).`
        : `${must}. Set memorySize to ${floor} MB or more (${why}).`;
}

/** What is wrong with architectures, or undefined for `["arm64"]`. */
function architectureProblem(architectures: unknown): string | undefined {
    if (Array.isArray(architectures) && architectures.length > 0 && architectures.every((a) => a === "arm64")) {
        return undefined;
    }
    const unset = architectures === undefined || architectures === null || (Array.isArray(architectures) && architectures.length === 0);
    return unset ? "architectures is unset, so Lambda runs it on x86_64" : `architectures is ${shown(architectures)}`;
}

/**
 * Memory and architecture are checked per resource in Analyze, before the function is created, except for
 * a function that could be a Lambda@Edge function (lambda-edge.ts): only the stack shows whether a
 * CloudFront distribution uses it, so AnalyzeStack checks those, and the ones it does use are exempt
 * (reported by policy-exemptions). Analyze reads through @pulumi/policy's proxy: a value unknown at
 * preview throws its UnknownValueError, reported as an advisory "can't run ... during preview". The stack
 * check and remediation read raw and leave an unknown value to the update.
 */
function functionCheck(
    field: "memorySize" | "architectures",
    problemOf: (value: unknown, floor: number) => string | undefined,
    message: (name: string, problem: string, floor: number) => string,
): Pick<PackPolicy, "validateResource" | "validateStack"> {
    return {
        validateResource: appliesTo(lambdaFunctionTypes, (args, reportViolation) => {
            if (couldBeLambdaAtEdge(args.type, args.props)) {
                return;
            }
            const floor = minimumMemory(args.getConfig);
            const problem = problemOf(args.props[field], floor);
            if (problem) reportViolation(message(args.name, problem, floor));
        }),
        validateStack: (args, reportViolation) => {
            const floor = minimumMemory(args.getConfig);
            for (const fn of args.resources.filter((r) => couldBeLambdaAtEdge(r.type, r.props))) {
                const value = field === "architectures" ? knownArchitectures(fn.props) : plain(rawProperty(fn.props, field));
                const problem = value === unknown ? undefined : problemOf(value, floor);
                if (problem) reportViolation(message(fn.name, problem, floor), fn.urn);
            }
        },
    };
}

function knownArchitectures(props: unknown): unknown {
    const architectures = plain(rawProperty(props, "architectures"));
    const known = Array.isArray(architectures) ? architectures.map(plain) : architectures;
    return known === unknown || (Array.isArray(known) && known.includes(unknown)) ? unknown : known;
}

/** Remediation changes only what it can know is safe: a known value on a function that cannot be Lambda@Edge. */
function remediation(field: "memorySize" | "architectures", fix: (args: ResourceValidationArgs) => unknown, compliant: (value: unknown, args: ResourceValidationArgs) => boolean) {
    return appliesTo(lambdaFunctionTypes, async (args: ResourceValidationArgs) => {
        const value = field === "architectures" ? knownArchitectures(args.props) : plain(rawProperty(args.props, field));
        if (value === unknown || compliant(value, args) || couldBeLambdaAtEdge(args.type, args.props)) {
            return undefined;
        }
        return remediated(args.props, { [field]: fix(args) });
    });
}

export const lambdaMemoryAbove128mb: PackPolicy = {
    name: "lambda-memory-above-128mb",
    description: "Lambda functions must have more than 128 MB of memory, since CPU scales with memory and 128 MB gets 0.07 vCPU.",
    enforcementLevel: "mandatory",
    configSchema: memoryConfigSchema,
    ...functionCheck(
        "memorySize",
        memoryProblem,
        (name, problem, floor) => `Lambda function "${name}": ${problem}; ${memoryAdvice(floor)} ${exemptionHint("lambda-memory-above-128mb")}`,
    ),
    remediateResource: remediation("memorySize", (args) => memoryToSet(minimumMemory(args.getConfig)), (value, args) => memoryProblem(value, minimumMemory(args.getConfig)) === undefined),
    exemptInStack: (resources) =>
        [...edgeFunctions(resources)]
            .filter(([, uses]) => isViewerTriggered(uses))
            .map(([fn, uses]) => ({
                resource: fn,
                reason:
                    `Lambda@Edge viewer trigger: CloudFront caps viewer-request and viewer-response functions at ${lambdaDefaultMemoryMb} MB (${edgeQuotasUrl}), ` +
                    `so lambda-memory-above-128mb does not apply to Lambda function "${fn.name}" (${describeUses(uses)})`,
            })),
};

const architectureCheck = functionCheck(
    "architectures",
    architectureProblem,
    (name, problem) =>
        `Lambda function "${name}": ${problem}. Set architectures to ["arm64"]. Code with native x86_64 binaries needs an arm64 ` +
        `build too: ${arm64Builds}. ${exemptionHint("lambda-arm64-architecture")}`,
);

/**
 * Per resource in Analyze: the architecture. In AnalyzeStack: Lambda@Edge candidates, and the native
 * binaries in each function's code (lambda-binaries.ts), which must match the architecture it runs on.
 */
export const lambdaArm64Architecture: PackPolicy = {
    name: "lambda-arm64-architecture",
    description: "Lambda functions must run on arm64 (Graviton), which costs 20% less per GB-second than x86_64.",
    enforcementLevel: "mandatory",
    validateResource: architectureCheck.validateResource,
    validateStack: async (args, reportViolation) => {
        await architectureCheck.validateStack?.(args, reportViolation);
        await binariesCheck("lambda-arm64-architecture", (props) => {
            const value = knownArchitectures(props);
            return value === unknown ? undefined : architectureProblem(value) === undefined ? "arm64" : "x86_64";
        })(args, reportViolation);
    },
    remediateResource: remediation("architectures", () => ["arm64"], (value) => architectureProblem(value) === undefined),
    exemptInStack: (resources) =>
        [...edgeFunctions(resources)].map(([fn, uses]) => ({
            resource: fn,
            reason:
                `Lambda@Edge: CloudFront runs Lambda@Edge functions on x86_64 only (${edgeRestrictionsUrl}), so lambda-arm64-architecture ` +
                `does not apply to Lambda function "${fn.name}" (${describeUses(uses)})`,
        })),
};

export const lambdaTracingActive: ResourceValidationPolicy = {
    name: "lambda-tracing-active",
    description: "Lambda functions should have X-Ray tracing Active, so each request's cold start (Initialization) and Invocation time show up in X-Ray traces.",
    enforcementLevel: "advisory",
    validateResource: appliesTo(lambdaFunctionTypes, (args, reportViolation) => {
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
    validateResource: appliesTo(lambdaFunctionTypes, (args, reportViolation) => {
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
