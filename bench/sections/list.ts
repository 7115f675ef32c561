/**
 * The listing path at several shard counts, side by side: one local stack per count (what `npm start`
 * runs: the list function's real bundle in a Lambda-like environment behind the API Gateway emulator),
 * all on one dynalite behind a recording proxy, each seeded with the same events (same Idempotency-Keys,
 * so the same ids and shards). Samples interleave the counts request by request. Per page: HTTP latency,
 * the function's own Duration (REPORT), the Queries it made and the items they read (each answer's
 * `Count`, as DynamoDB reports it), and the read units those Queries cost.
 */
import { startDynalite } from "../../local/dynalite";
import { LocalStack, startLocalStack } from "../../local/stack";
import { RecordedCall, startRecordingProxy } from "../../tools/recording-proxy";
import { queryReadUnits } from "../lib/read-units";
import { newEventBody } from "../lib/requests";
import { median, percentile } from "../lib/stats";
import { ms, Table, times } from "../lib/table";
import { parseWarmReport } from "./warm";

/** The shard counts compared: the minimum, the default and the maximum. */
export const benchShardCounts = [1, 4, 16] as const;

/** The pages measured: three first pages, and every page of a walk through the whole listing. */
export const listScenarios = ["first page, limit=1", "first page, limit=25", "first page, limit=100", "every page, limit=25"] as const;
export type ListScenario = (typeof listScenarios)[number];

export interface ListSample {
    shards: number;
    scenario: ListScenario;
    httpMs: number;
    durationMs: number;
    queries: number;
    itemsRead: number;
    itemsReturned: number;
    readUnits: number;
}

export interface ListBenchOptions {
    /** Events in each stack's table. */
    events: number;
    /** Rounds of the first-page samples; every round also walks the whole listing once. */
    rounds: number;
    shardCounts?: readonly number[];
}

/** What the proxy recorded for one page: its Queries, the items they read and what they cost. */
export function pageReads(calls: readonly RecordedCall[]): Pick<ListSample, "queries" | "itemsRead" | "readUnits"> {
    const queries = calls.filter((call) => call.operation === "Query");
    if (queries.length !== calls.length) throw new Error(`a listing page made other calls than Query: ${calls.map((c) => c.operation)}`);
    return {
        queries: queries.length,
        itemsRead: queries.reduce((sum, call) => sum + Number(call.output.Count), 0),
        readUnits: queries.reduce((sum, call) => sum + queryReadUnits((call.output.Items as Record<string, Record<string, unknown>>[]) ?? []), 0),
    };
}

export async function measureList(options: ListBenchOptions, progress: (message: string) => void = () => undefined): Promise<ListSample[]> {
    const shardCounts = options.shardCounts ?? benchShardCounts;
    const dynamo = await startDynalite();
    const proxy = await startRecordingProxy(dynamo.endpoint);
    let lastDuration: number | undefined;
    const stacks: { shards: number; stack: LocalStack }[] = [];
    try {
        for (const shards of shardCounts) {
            const stack = await startLocalStack({
                dynamoEndpoint: proxy.endpoint,
                tableName: `bench-list-${shards}`,
                listShards: shards,
                // One environment per function: every sample after the warm-up is a warm invocation.
                maxEnvironments: 1,
                log: (line) => {
                    const report = parseWarmReport(line);
                    if (report) lastDuration = report.durationMs;
                },
            });
            stacks.push({ shards, stack });
        }
        progress(`list: seeding ${options.events} events into each of ${stacks.length} tables...`);
        for (let i = 0; i < options.events; i += 8) {
            const batch = Array.from({ length: Math.min(8, options.events - i) }, (_, j) => ({ key: `bench-list-${i + j}`, body: newEventBody() }));
            await Promise.all(stacks.flatMap(({ stack }) => batch.map(({ key, body }) => post(stack.url, key, body))));
        }

        const sample = async (shards: number, stack: LocalStack, scenario: ListScenario, query: string) => {
            proxy.calls.length = 0;
            lastDuration = undefined;
            const started = performance.now();
            const response = await fetch(`${stack.url}/events?${query}`);
            const text = await response.text();
            const httpMs = performance.now() - started;
            if (response.status !== 200) throw new Error(`GET /events?${query} at ${shards} shards: ${response.status} ${text}`);
            const page = JSON.parse(text) as { items: unknown[]; nextCursor: string | null };
            const result = { shards, scenario, httpMs, durationMs: lastDuration ?? NaN, itemsReturned: page.items.length, ...pageReads(proxy.calls) };
            return { result, nextCursor: page.nextCursor };
        };

        // Warm-up: each list function's environment starts, so no sample below pays a cold start.
        for (const { shards, stack } of stacks) for (let i = 0; i < 3; i++) await sample(shards, stack, "first page, limit=25", "limit=25");

        const samples: ListSample[] = [];
        const firstPages: [ListScenario, string][] = [
            ["first page, limit=1", "limit=1"],
            ["first page, limit=25", "limit=25"],
            ["first page, limit=100", "limit=100"],
        ];
        for (let round = 0; round < options.rounds; round++) {
            // Each round starts with another shard count, so none is always measured first.
            const order = stacks.map((_, i) => stacks[(i + round) % stacks.length]);
            for (const [scenario, query] of firstPages) {
                for (const { shards, stack } of order) samples.push((await sample(shards, stack, scenario, query)).result);
            }
            const cursors = new Map(order.map(({ shards }) => [shards, ""]));
            while (cursors.size > 0) {
                for (const { shards, stack } of order) {
                    const cursor = cursors.get(shards);
                    if (cursor === undefined) continue;
                    const { result, nextCursor } = await sample(shards, stack, "every page, limit=25", `limit=25${cursor && `&cursor=${encodeURIComponent(cursor)}`}`);
                    samples.push(result);
                    if (nextCursor) cursors.set(shards, nextCursor);
                    else cursors.delete(shards);
                }
            }
            progress(`list: round ${round + 1}/${options.rounds}`);
        }
        if (samples.some((s) => Number.isNaN(s.durationMs))) throw new Error("a list sample has no warm REPORT line");
        return samples;
    } finally {
        await Promise.all(stacks.map(({ stack }) => stack.close()));
        await proxy.close();
        await dynamo.close();
    }
}

async function post(baseUrl: string, key: string, body: string): Promise<void> {
    const response = await fetch(`${baseUrl}/events`, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": key }, body });
    if (response.status !== 201) throw new Error(`seeding ${key}: ${response.status} ${await response.text()}`);
}

export function listTable(samples: readonly ListSample[], events: number, nodeVersion: string): Table {
    const shardCounts = [...new Set(samples.map((s) => s.shards))].sort((a, b) => a - b);
    const of = (scenario: ListScenario, shards: number) => samples.filter((s) => s.scenario === scenario && s.shards === shards);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const one = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
    const rows = listScenarios.flatMap((scenario) =>
        shardCounts
            .filter((shards) => of(scenario, shards).length > 0)
            .map((shards) => {
                const cell = of(scenario, shards);
                const base = of(scenario, shardCounts[0]);
                const durationP50 = median(cell.map((s) => s.durationMs));
                return [
                    scenario,
                    shards,
                    one(mean(cell.map((s) => s.itemsReturned))),
                    one(mean(cell.map((s) => s.queries))),
                    one(mean(cell.map((s) => s.itemsRead))),
                    one(mean(cell.map((s) => s.readUnits))),
                    ms(median(cell.map((s) => s.httpMs))),
                    ms(durationP50),
                    ms(percentile(cell.map((s) => s.durationMs), 99)),
                    times(durationP50 / median(base.map((s) => s.durationMs))),
                ];
            }),
    );
    return {
        title: `Listing at ${shardCounts.join(", ")} shards, side by side (local stack, ${events} events per table)`,
        headers: ["page", "shards", "items returned", "Queries", "items read", "read units", "HTTP p50", "Duration p50", "Duration p99", `Duration vs ${shardCounts[0]} shard`],
        rows,
        notes: [
            "Queries, items read (the Queries' Count) and read units are per page, means over the samples; read units as DynamoDB bills them (per Query: half a unit per started 4 KB of items, at least half).",
            "Items read and read units are exact for these items. Latency is not DynamoDB's: dynalite is one single-threaded process that answers a page's parallel Queries one after another, so the local Duration grows with the shard count far more than in AWS, where each Query is served by its own partition.",
            `Functions on Node ${nodeVersion}; the list function in one warm environment per stack; shard counts interleaved request by request.`,
        ],
    };
}
