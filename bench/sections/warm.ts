/**
 * Warm invocations under load through the local stack (`startLocalStack`, what `npm start` runs):
 * autocannon per route, after a warm-up that starts the execution environments. Two views: the
 * latency the HTTP client saw, and the function's own Duration from the stack's REPORT lines.
 */
import autocannon from "autocannon";
import { routeKey, routes } from "../../components/routes";
import { startLocalStack } from "../../local/stack";
import { createRouter } from "../../local/router";
import { httpEventFactory } from "../lib/seed";
import { precondition, successfulRequest } from "../lib/requests";
import { percentile } from "../lib/stats";
import { Table } from "../lib/table";

export interface WarmResult {
    route: string;
    requests: number;
    errors: number;
    non2xx: number;
    httpP50: number;
    httpP99: number;
    durationP50: number;
    durationP99: number;
}

const reportPattern = /^(\S+) (\S+) (\d+) [\d.]+ ms\tREPORT .*?\tDuration: ([\d.]+) ms/;

/** Method, path, status and Duration of a local-stack request line with a warm REPORT; else undefined. */
export function parseWarmReport(line: string): { method: string; path: string; status: number; durationMs: number } | undefined {
    const match = reportPattern.exec(line);
    if (!match || line.includes("Init Duration:")) return undefined;
    return { method: match[1], path: match[2], status: Number(match[3]), durationMs: Number(match[4]) };
}

export async function measureWarm(options: { requests: number; connections: number }): Promise<WarmResult[]> {
    const router = createRouter();
    const durations = new Map<string, number[]>();
    let recording = false;
    const stack = await startLocalStack({
        port: 0,
        maxEnvironments: options.connections,
        log: (line) => {
            const report = recording ? parseWarmReport(line) : undefined;
            const match = report && router.match(report.method, report.path.split("?")[0]);
            if (match) durations.set(match.routeKey, [...(durations.get(match.routeKey) ?? []), report.durationMs]);
        },
    });
    try {
        const createEvent = httpEventFactory(stack.url);
        const existing = await createEvent();
        const results: WarmResult[] = [];
        for (const route of routes) {
            const need = precondition(route);
            const run = async (amount: number) => {
                // A DELETE needs an event of its own per request, created beforehand.
                const fresh = need === "fresh-event" ? await Promise.all(Array.from({ length: amount }, createEvent)) : [];
                const base = successfulRequest(route, need === "existing-event" ? existing : fresh[0]);
                return autocannon({
                    url: stack.url,
                    connections: options.connections,
                    amount,
                    requests: [
                        {
                            method: base.method as autocannon.Request["method"],
                            path: base.url,
                            headers: base.headers,
                            body: base.body,
                            setupRequest: (request) =>
                                need === "fresh-event" ? { ...request, path: successfulRequest(route, fresh.pop()).url } : request,
                        },
                    ],
                });
            };
            await run(options.connections * 5);
            recording = true;
            const result = await run(options.requests);
            recording = false;
            const own = durations.get(routeKey(route)) ?? [0];
            results.push({
                route: route.name,
                requests: result.requests.total,
                errors: result.errors + result.timeouts,
                non2xx: result.non2xx,
                httpP50: result.latency.p50,
                httpP99: result.latency.p99,
                durationP50: percentile(own, 50),
                durationP99: percentile(own, 99),
            });
        }
        return results;
    } finally {
        await stack.close();
    }
}

export function warmTable(results: readonly WarmResult[], connections: number, nodeVersion: string): Table {
    return {
        title: `Warm invocations under load (local stack, ${connections} concurrent connections)`,
        headers: ["function", "requests", "errors", "non-2xx", "HTTP p50", "HTTP p99", "Duration p50", "Duration p99"],
        rows: results.map((r) => [
            r.route,
            r.requests,
            r.errors,
            r.non2xx,
            `${r.httpP50.toFixed(1)} ms`,
            `${r.httpP99.toFixed(1)} ms`,
            `${r.durationP50.toFixed(1)} ms`,
            `${r.durationP99.toFixed(1)} ms`,
        ]),
        notes: [
            "HTTP: latency autocannon saw through the API Gateway emulator; Duration: the function's own, from its REPORT lines (warm invocations only).",
            `Errors (connection errors and timeouts) and non-2xx must both be 0. Functions on Node ${nodeVersion}; dynalite stands in for DynamoDB.`,
        ],
    };
}
