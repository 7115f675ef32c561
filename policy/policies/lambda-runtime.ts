import { PolicyConfigSchema, ReportViolation } from "@pulumi/policy";
import { reportAdvisory } from "./advisory";
import { appliesTo } from "./applies-to";
import { PackPolicy } from "./exemptions";
import { latestRuntime, lambdaRuntimes, RuntimeLifecycle, runtimeTablePage, runtimeTableRead } from "./lambda-runtimes";
import { knownString } from "./property";
import { lambdaFunctionTypes } from "./resource-types";

const defaultWarnDays = 90;
const dayMs = 24 * 60 * 60 * 1000;

const runtimeConfigSchema: PolicyConfigSchema = {
    properties: {
        warnDaysBeforeDeprecation: {
            type: "integer",
            description: "Days before a runtime's deprecation date from which a function on it gets an advisory (0: none before the date).",
            minimum: 0,
            maximum: 3650,
            default: defaultWarnDays,
        },
        analysisDate: {
            type: "string",
            description: "Judge as of this UTC day (YYYY-MM-DD) instead of the day the analysis runs: to see what a later date will flag, or to pin tests.",
            pattern: "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$",
        },
    },
};

interface RuntimeSettings {
    warnDaysBeforeDeprecation?: number;
    analysisDate?: string;
}

/** Today's UTC day, or the configured one. */
function analysisDay(settings: RuntimeSettings): string {
    return settings.analysisDate ?? new Date().toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
    return Math.round((Date.parse(to) - Date.parse(from)) / dayMs);
}

/** `nodejs20.x` → `nodejs`, `provided.al2` → `provided`, `go1.x` → `go`. */
function family(runtime: string): string {
    return /^[a-z]+/.exec(runtime)?.[0] ?? runtime;
}

function upgrade(runtime: string): string {
    const target = latestRuntime[family(runtime)];
    if (target === undefined || target === runtime) {
        return "Move to a runtime AWS still supports";
    }
    const until = lambdaRuntimes[target]?.deprecation;
    return `Set runtime to ${target}${until ? ` (supported until ${until})` : ""}`;
}

/** "blocks creating functions on it from D" or "has blocked ... since D", for each block date the table gives. */
function blocks(lifecycle: RuntimeLifecycle, today: string): string {
    const phrase = (action: string, date: string | undefined) =>
        date === undefined ? undefined : date <= today ? `has blocked ${action} since ${date}` : `blocks ${action} from ${date}`;
    const parts = [phrase("creating functions on it", lifecycle.blockCreate), phrase("updating them", lifecycle.blockUpdate)].filter((p) => p !== undefined);
    return parts.length > 0 ? ` Lambda ${parts.join(" and ")}.` : "";
}

const source = `(AWS's runtime table, ${runtimeTablePage}, as read on ${runtimeTableRead}.)`;

export const lambdaSupportedRuntime: PackPolicy = {
    name: "lambda-supported-runtime",
    description: "Lambda functions must run on a runtime AWS has not deprecated, and get an advisory in the days before its deprecation date.",
    enforcementLevel: "mandatory",
    configSchema: runtimeConfigSchema,
    validateResource: appliesTo(lambdaFunctionTypes, (args, reportViolation: ReportViolation) => {
        // A container image brings its own runtime; OS-only runtimes (provided.*) are in the table.
        if (knownString(args.props, "packageType") === "Image") {
            return;
        }
        const runtime = knownString(args.props, "runtime");
        if (runtime === undefined) {
            return;
        }
        const settings = args.getConfig<RuntimeSettings>();
        const today = analysisDay(settings);
        const fn = `Lambda function "${args.name}"`;
        const lifecycle = lambdaRuntimes[runtime];
        if (lifecycle === undefined) {
            reportAdvisory(
                reportViolation,
                lambdaSupportedRuntime.description,
                `${fn}: runtime ${JSON.stringify(runtime)} is not in the pack's copy of AWS's runtime table, so the pack cannot tell when it is deprecated. ` +
                    `If AWS added it after ${runtimeTableRead}, add its dates to policy/policies/lambda-runtimes.ts; otherwise use a runtime from the table ${source}`,
            );
            return;
        }
        const days = daysBetween(today, lifecycle.deprecation);
        if (days <= 0) {
            reportViolation(
                `${fn}: runtime ${runtime} was deprecated on ${lifecycle.deprecation}: AWS no longer patches it and functions on it get no technical support.` +
                    `${blocks(lifecycle, today)} ${upgrade(runtime)}. ${source}`,
            );
        } else if (days <= (settings.warnDaysBeforeDeprecation ?? defaultWarnDays)) {
            reportAdvisory(
                reportViolation,
                lambdaSupportedRuntime.description,
                `${fn}: runtime ${runtime} is deprecated on ${lifecycle.deprecation}, in ${days} day(s); from then on this policy fails the preview.` +
                    `${blocks(lifecycle, today)} ${upgrade(runtime)}. ${source}`,
            );
        }
    }),
};
