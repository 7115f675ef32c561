import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../components/bundle";
import { maxListShards } from "../components/table-schema";
import { placeholderFailure, placeholders } from "../components/deployment-checks";
import { parseSettings, settingDefaults } from "../components/settings";
import { settingsFromConfig } from "../components/stack-config";
import { readResults, ResultsFile } from "../bench/lib/results";
import { usage as tuneUsage } from "../bench/lib/tune-options";
import { formatTable } from "../bench/lib/table";
import { defaultPort, usage as startUsage } from "../local/cli-args";
import { startLocalStack } from "../local/stack";
import { functionLines, servingLines } from "../local/startup-banner";
import { RestingCost, restingCost, restingPrices } from "./fixed-monthly-cost";
import { readStackConfig, runProgramUnderMocks } from "./mock-program";
import { errorTable, listingAtTheLimit, routeThrottleTable } from "./api-docs";
import { configurationTable } from "./settings-table";

/**
 * The generated blocks of README.md and docs/*.md: each block's name, as its marker names it
 * (`<!-- generated:NAME -->` ... `<!-- /generated -->`), and the markdown it holds, made from its source.
 * `npm run docs` writes them; test/generated-docs.test.ts fails with a diff when one is stale.
 */
export type Block = () => string | Promise<string>;

const fence = (text: string) => `\`\`\`\n${text}\n\`\`\``;
const dollars = (value: number) => `$${value.toFixed(2)}`;
const thousands = (value: number) => value.toLocaleString("en-US");

/** `npm start`'s first lines, with the bundles' real sizes (a stack started for the purpose). */
async function startBanner(): Promise<string> {
    const stack = await startLocalStack();
    try {
        return fence(
            [
                ...functionLines(stack.functions),
                `DynamoDB: dynalite at http://127.0.0.1:<port>, table ${stack.dynamo.tableName} (in memory), listing index in ${stack.dynamo.listShards} shards`,
                "Authorization: none, every route is open (see --jwt-issuer, --dev-auth)",
                ...servingLines(`http://127.0.0.1:${defaultPort}`),
            ].join("\n"),
        );
    } finally {
        await stack.close();
    }
}

/** Provisioned environments by memory size, largest first: `2 environments x 1024 MB + 2 x 512 MB`. */
function warmEnvironments(configs: RestingCost["provisioned"]): string {
    const bySize = new Map<number, number>();
    for (const { environments, memoryMb } of configs) bySize.set(memoryMb, (bySize.get(memoryMb) ?? 0) + environments);
    const sizes = [...bySize].filter(([, environments]) => environments > 0).sort(([a], [b]) => b - a);
    return sizes.map(([memoryMb, environments], i) => `${environments}${i === 0 ? " environments" : ""} x ${memoryMb} MB`).join(" + ");
}

/** The fixed monthly cost of each committed stack, counted from the resources it declares under mocks. */
async function fixedCost(): Promise<string> {
    const rows = ["| stack | alarms | dashboard | provisioned concurrency | total |", "|---|---|---|---|---|"];
    for (const stack of ["dev", "prod"]) {
        const { resources } = await runProgramUnderMocks("index.ts", { stack, preview: true });
        const cost = restingCost(resources);
        const provisioned = cost.provisionedGb === 0 ? "none: $0" : `${warmEnvironments(cost.provisioned)}: ${dollars(cost.usd.provisionedConcurrency)}`;
        rows.push(`| ${stack} | ${cost.alarms} alarms over ${cost.alarmMetrics} metrics: ${dollars(cost.usd.alarms)} | ${dollars(cost.usd.dashboards)} | ${provisioned} | ${dollars(cost.usd.total)} |`);
    }
    return rows.join("\n");
}

/** The prices the cost table uses, and what is free or billed per use. */
function restingPriceList(): string {
    const p = restingPrices;
    const days = (stack: string) => readStackConfig(stack)["events-api:logRetentionDays"];
    return [
        `Prices: $${p.alarmMetricMonth.toFixed(2)} per alarm metric, $${p.dashboardMonth.toFixed(2)} per dashboard, $${p.provisionedArmGbSecond} per GB-second of`,
        `arm64 provisioned concurrency, ${p.secondsPerMonth / 3600} hours a month. The free tier covers ${p.freeAlarmMetrics} alarm metrics and ${p.freeDashboards}`,
        `dashboards per account. Everything else is billed per use and is $0 at rest: requests and duration,`,
        `DynamoDB on-demand reads and writes, log ingestion ($${p.logIngestionGb.toFixed(2)}/GB), X-Ray traces ($${p.xrayTracesPerMillion} per million recorded after`,
        `${thousands(p.xrayFreeTraces)} free). Storage grows with data: point-in-time recovery $${p.pitrGbMonth.toFixed(2)} per GB-month of table size,`,
        `DynamoDB storage $${p.dynamodbStorageGbMonth.toFixed(2)} per GB-month after ${p.dynamodbFreeStorageGb} GB free, logs $${p.logStorageGbMonth.toFixed(2)} per GB-month kept (${days("dev")} days`,
        `in dev, ${days("prod")} in prod). Reserved concurrency costs nothing.`,
    ].join("\n");
}

/** DynamoDB's write ceiling per partition, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html */
const partitionWriteUnitsPerSecond = 1000;

/** What the listing index takes at one shard, the default and the maximum: one write unit per started KB. */
function listingCeiling(): string {
    const counts = [...new Set([1, settingDefaults.listShards, maxListShards])];
    const label = (n: number) => `${n} shard${n === 1 ? "" : "s"}${n === settingDefaults.listShards ? " (default)" : n === maxListShards ? " (maximum)" : ""}`;
    const row = (what: string, unitsPerEvent: number) =>
        `| ${what} | ${counts.map((n) => `~${thousands((n * partitionWriteUnitsPerSecond) / unitsPerEvent)}`).join(" | ")} | ~N × ${thousands(partitionWriteUnitsPerSecond / unitsPerEvent)} |`;
    return [
        `| | ${counts.map(label).join(" | ")} | N shards |`,
        `|---|${counts.map(() => "--:|").join("")}--:|`,
        row("creates a second the index takes, events up to 1 KB", 1),
        row("the same, events of 1–2 KB", 2),
    ].join("\n");
}

/** A table a bench or tune run recorded, with where and when it was measured. */
function recorded(file: ResultsFile, id: string): string {
    const entry = readResults(file)[id];
    if (!entry) throw new Error(`bench/results/${file}.json has no table "${id}": run npm run ${file} first`);
    const table = formatTable(entry.table).replace(/^### (.*)$/m, "**$1**");
    return `${table}\n\n<sub>Recorded by \`${entry.command}\` on ${entry.recorded}; ${entry.machine}.</sub>`;
}

/** What `pulumi preview` says of three bad values, as the stack config reader words it. */
function configErrors(): string {
    const bad = {
        "events-api:reservedConcurrency": JSON.stringify({ "create-event": -1 }),
        "events-api:provisionedConcurrency": JSON.stringify({ "list-event": 1 }),
        "events-api:alarmThresholds": JSON.stringify({ apiLatencyP99Ms: "fast" }),
    };
    try {
        settingsFromConfig(bad);
    } catch (error) {
        return fence((error as Error).message);
    }
    throw new Error("the stack config reader accepted the example's bad values");
}

/** What `pulumi up` of the prod stack stops with while Pulumi.prod.yaml keeps its example values (a preview warns each line). */
function prodWarnings(): string {
    const { settings } = parseSettings(settingsFromConfig(readStackConfig("prod")), (key) => key);
    if (!settings) throw new Error("Pulumi.prod.yaml does not parse");
    return fence(placeholderFailure("prod", placeholders(settings)));
}

/** Each route's throttle at the defaults and in both committed stacks. */
function routeThrottles(): string {
    const stack = (name: string) => parseSettings(settingsFromConfig(readStackConfig(name)), (key) => key).settings!;
    return routeThrottleTable({ defaults: settingDefaults, dev: stack("dev"), prod: stack("prod") });
}

const fixedBlocks: Record<string, Block> = {
    "api-errors": errorTable,
    "route-throttles": routeThrottles,
    "listing-at-the-limit": listingAtTheLimit,
    "prod-warnings": prodWarnings,
    "config-errors": configErrors,
    settings: () => configurationTable(),
    "start-usage": () => fence(startUsage),
    "tune-usage": () => fence(tuneUsage),
    "start-banner": startBanner,
    "fixed-cost": fixedCost,
    "resting-prices": restingPriceList,
    "listing-ceiling": listingCeiling,
};

/**
 * A program of docs/examples/, which test/component/composition.test.ts type-checks and runs under the
 * mocks: all of it, or the lines between `// #region <region>` and `// #endregion`.
 */
function example(file: string, region?: string): string {
    const text = fs.readFileSync(path.join(projectRoot, "docs", "examples", `${file}.ts`), "utf8");
    const lines = text.split("\n");
    const start = region === undefined ? -1 : lines.findIndex((line) => line.trim() === `// #region ${region}`);
    if (region !== undefined && start === -1) throw new Error(`docs/examples/${file}.ts has no "// #region ${region}"`);
    const end = region === undefined ? lines.length : lines.findIndex((line, i) => i > start && line.trim() === "// #endregion");
    const shown = lines.slice(start + 1, end).filter((line) => !/^\s*\/\/ #(end)?region/.test(line));
    return `\`\`\`ts\n${shown.join("\n").trim()}\n\`\`\``;
}

/** The block a marker names: one of the fixed ones, `bench:<table>` / `tune:<table>` from bench/results, or `example:<file>[:<region>]`. */
export function blockNamed(name: string): Block {
    const fixed = fixedBlocks[name];
    if (fixed) return fixed;
    const results = /^(bench|tune):([\w-]+)$/.exec(name);
    if (results) return () => recorded(results[1] as ResultsFile, results[2]);
    const program = /^example:([\w-]+)(?::([\w-]+))?$/.exec(name);
    if (program) return () => example(program[1], program[2]);
    throw new Error(`no generated block named "${name}" (blocks: ${Object.keys(fixedBlocks).join(", ")}, bench:<table>, tune:<table>, example:<file>[:<region>])`);
}
