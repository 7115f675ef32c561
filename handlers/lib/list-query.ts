import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { badRequest } from "./errors";

export const pageLimits = { default: 25, max: 100 } as const;

/**
 * `?limit=`: a plain decimal 1..100. API Gateway joins a repeated parameter with commas, so
 * `limit=1&limit=2` arrives as "1,2" and is refused like "abc", "1.5" or "0".
 */
export function pageLimit(event: APIGatewayProxyEventV2): number {
    const raw = event.queryStringParameters?.limit;
    if (raw === undefined) return pageLimits.default;
    const limit = /^[1-9]\d{0,2}$/.test(raw) ? Number(raw) : NaN;
    if (!(limit <= pageLimits.max)) throw badRequest(`limit must be an integer from 1 to ${pageLimits.max}`);
    return limit;
}
