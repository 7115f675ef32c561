import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { Problem } from "./errors";

export const pageLimits = { default: 25, max: 100 } as const;

/**
 * A query parameter, or undefined; a repeated one is added to `problems` as such. API Gateway joins a
 * repeated parameter's values with commas (`limit=1&limit=2` arrives as "1,2"), so only the raw query
 * string tells a repeat from a value with a comma.
 */
export function queryParameter(event: APIGatewayProxyEventV2, name: string, problems: Problem[]): string | undefined {
    if (event.rawQueryString.split("&").filter((pair) => pair.split("=")[0] === name).length > 1) {
        problems.push({ field: name, reason: "must be given once" });
        return;
    }
    return event.queryStringParameters?.[name];
}

/** `?limit=`: a plain decimal 1..100 (25 when absent); anything else ("abc", "1.5", "0") is added to `problems`. */
export function pageLimit(event: APIGatewayProxyEventV2, problems: Problem[]): number {
    const raw = queryParameter(event, "limit", problems);
    const limit = raw === undefined ? pageLimits.default : /^[1-9]\d{0,2}$/.test(raw) ? Number(raw) : NaN;
    if (!(limit <= pageLimits.max)) problems.push({ field: "limit", reason: `must be an integer from 1 to ${pageLimits.max}` });
    return limit;
}
