import { ResourceValidationPolicy } from "@pulumi/policy";
import { appliesTo } from "./applies-to";
import { property } from "./property";
import { parseJson } from "./references";
import { httpApiStageTypes, resourceTypes, restApiStageTypes } from "./resource-types";

/** Where each stage type keeps its access log format (aws-native REST stages: `accessLogSetting`, singular). */
function formatOf(type: string, props: unknown): unknown {
    return property(props, type === resourceTypes.nativeRestApiStage ? "accessLogSetting" : "accessLogSettings", "format");
}

// serverless-rules' WS2001 (cfn-lint-serverless rules/api_gateway.py): `$context` variables become a plain
// value before parsing, so an unquoted `"latency": $context.integration.latency` is JSON.
const contextVariable = /\$context\.[a-zA-Z.]+/g;

/** Why a format is not a JSON object once its variables are substituted, or undefined when it is one. */
function notJsonObject(format: string): string | undefined {
    let text = format.trim();
    // As serverless-rules does: a format wrapped in one more pair of quotes is read without them.
    if (text.length > 1 && (text[0] === "'" || text[0] === '"') && text.at(-1) === text[0]) {
        text = text.slice(1, -1);
    }
    const parsed = parseJson(text.replace(contextVariable, "0"));
    if (parsed === undefined) {
        return "is not JSON";
    }
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? undefined : "is JSON but not an object of fields";
}

/** serverless-rules WS2001, on REST, HTTP and WebSocket stages; a format that is unset is the access-log policies' concern. */
export const apiAccessLogsJson: ResourceValidationPolicy = {
    name: "api-access-logs-json",
    description: "API Gateway access logs should be JSON objects, so CloudWatch Logs Insights finds every field without a parse pattern.",
    enforcementLevel: "advisory",
    validateResource: appliesTo([...restApiStageTypes, ...httpApiStageTypes], (args, reportViolation) => {
        const format = formatOf(args.type, args.props);
        if (typeof format !== "string" || format === "") {
            return;
        }
        const problem = notJsonObject(format);
        if (problem) {
            const kind = restApiStageTypes.includes(args.type) ? "REST API stage" : "HTTP API stage";
            const shown = format.length > 120 ? `${JSON.stringify(format.slice(0, 120))}...` : JSON.stringify(format);
            reportViolation(
                `${kind} "${args.name}": the access log format ${shown} ${problem} (with each $context variable read as a value). Write ` +
                    `it as one JSON object, e.g. {"requestId":"$context.requestId","status":"$context.status","latency":"$context.responseLatency"}: ` +
                    `Logs Insights discovers JSON fields by itself.`,
            );
        }
    }),
};
