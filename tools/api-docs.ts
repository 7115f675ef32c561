import { gatewayAnswers, GatewayStatus } from "../components/gateway-answers";
import { openApiDocument } from "../components/openapi";
import { routeAuthorization } from "../components/route-authorization";
import { routeThrottle } from "../components/route-throttling";
import { routeKey, routes } from "../components/routes";
import { Settings, settingDefaults } from "../components/settings";
import { readResults } from "../bench/lib/results";
import { errorCodes } from "../handlers/lib/error-codes";
import { pageLimits } from "../handlers/lib/list-query";

/**
 * docs/api.md's generated tables: every error a client can get, and each route's throttle, made from the
 * handlers' error codes, API Gateway's own answers, the OpenAPI document and the throttling settings.
 */

type Operation = { responses: Record<string, { content?: { "application/json": { schema: unknown } } }> };

/** Every operation of the document the settings give, by route key. */
function operationsOf(settings: Settings): [string, Operation][] {
    const document = openApiDocument({ authorization: (route) => routeAuthorization(route, settings) }) as { paths: Record<string, Record<string, Operation>> };
    return routes.map((route) => [routeKey(route), document.paths[route.path][route.method.toLowerCase()]]);
}

/** The settings under which the API answers every error it has: an authorizer with scopes on every route. */
const everyError: Settings = { ...settingDefaults, jwtIssuer: "https://issuer.example", jwtAudiences: ["app"], writeScopes: ["write"], adminScopes: ["admin"], authorizeReads: true };

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** The routes whose operation lists `status` with a body that names `text` (a code or a message). */
function routesAnswering(status: number, text: string): string {
    const keys = operationsOf(everyError)
        .filter(([, operation]) => JSON.stringify(operation.responses[status]?.content ?? "").includes(`"${text}"`))
        .map(([key]) => `\`${key}\``);
    return keys.length === routes.length ? "every route" : keys.join(", ");
}

/** Who answers a status of API Gateway's own. */
const gatewayWho: Record<GatewayStatus, string> = {
    401: "API Gateway's JWT authorizer, on a guarded route",
    403: "API Gateway's JWT authorizer, on a route with scopes",
    404: "API Gateway",
    413: "API Gateway",
    429: "API Gateway",
    500: "API Gateway",
};

/** Every error a client can get, by status: the handlers' (`code`) and API Gateway's (`message` only). */
export function errorTable(): string {
    const rows = [
        ...Object.entries(errorCodes).map(([code, { status, description }]) => ({
            status,
            row: `| ${status} | \`${code}\` | the route's function | ${routesAnswering(status, code)} | ${cell(description)} |`,
        })),
        ...Object.entries(gatewayAnswers).map(([status, { message, when }]) => ({
            status: Number(status),
            row: `| ${status} | \`${message}\` | ${gatewayWho[Number(status) as GatewayStatus]} | ${status === "404" ? "any method and path no route has" : routesAnswering(Number(status), message)} | ${cell(when.replace(/^(from the JWT authorizer, )?when /, ""))} |`,
        })),
    ].sort((a, b) => a.status - b.status);
    return ["| status | `code` (handler) or `message` (API Gateway) | answered by | routes | when |", "|---|---|---|---|---|", ...rows.map(({ row }) => row)].join("\n");
}

/** Each route's throttle at the defaults and in the two committed stacks. */
export function routeThrottleTable(stacks: Record<string, Settings>): string {
    const names = Object.keys(stacks);
    const limits = (settings: Settings, route: (typeof routes)[number]) => {
        const { rateLimit, burstLimit } = routeThrottle(route, settings);
        return `${rateLimit.toLocaleString("en-US")}/s, burst ${burstLimit.toLocaleString("en-US")}`;
    };
    return [
        `| route | ${names.join(" | ")} |`,
        `|---|${names.map(() => "---|").join("")}`,
        `| the stage (\`throttlingRateLimit\`, \`throttlingBurstLimit\`) | ${names.map((name) => `${stacks[name].throttlingRateLimit.toLocaleString("en-US")}/s, burst ${stacks[name].throttlingBurstLimit.toLocaleString("en-US")}`).join(" | ")} |`,
        ...routes.map((route) => `| \`${routeKey(route)}\` | ${names.map((name) => limits(stacks[name], route)).join(" | ")} |`),
    ].join("\n");
}

/** DynamoDB on-demand, US East (N. Virginia): USD per million read request units (https://aws.amazon.com/dynamodb/pricing/on-demand/). */
export const readRequestUnitsPerMillionUsd = 0.125;

/** DynamoDB's read ceiling per partition (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html). */
const partitionReadUnitsPerSecond = 3000;

/**
 * What one client costs reading the largest pages as fast as it is let: at `GET /events`'s default limit
 * and at the stage's, from the read units `npm run bench` measured for a page of 100 at the default shards.
 */
export function listingAtTheLimit(): string {
    const table = readResults("bench").list?.table;
    const row = table?.rows.find((cells) => cells[0] === `first page, limit=${pageLimits.max}` && Number(cells[1]) === settingDefaults.listShards);
    if (!table || !row) throw new Error(`bench/results/bench.json has no list row for a page of ${pageLimits.max} at ${settingDefaults.listShards} shards: run npm run bench`);
    const unitsPerPage = Number(row[table.headers.indexOf("read units")]);
    const list = routes.find((route) => route.name === "list-events")!;
    const line = (what: string, perSecond: number) => {
        const units = perSecond * unitsPerPage;
        const hourly = (units * 3600 * readRequestUnitsPerMillionUsd) / 1e6;
        return `| ${what} | ${thousands(perSecond)} | ${thousands(units)} | ${thousands(units / settingDefaults.listShards)} | $${hourly.toFixed(2)} |`;
    };
    return [
        `| one client reading pages of ${pageLimits.max} (${unitsPerPage} read units each at ${settingDefaults.listShards} shards) at | requests a second | read units a second | from each index partition (~${thousands(partitionReadUnitsPerSecond)} at most) | an hour at $${readRequestUnitsPerMillionUsd} per million |`,
        "|---|--:|--:|--:|--:|",
        line("`GET /events`'s default limit", routeThrottle(list, settingDefaults).rateLimit),
        line("the stage's default limit, without a route limit", settingDefaults.throttlingRateLimit),
    ].join("\n");
}

const thousands = (value: number) => value.toLocaleString("en-US");
