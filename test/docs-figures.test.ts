import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../components/bundle";
import { integrationTimeoutSeconds } from "../components/api-gateway-limits";
import { concurrencyQuotaCode, minimumUnreservedConcurrency, requiredAccountConcurrency } from "../components/deployment-checks";
import { accessLogFormat } from "../components/http-api";
import { parseSettings, settingDefaults } from "../components/settings";
import { settingsFromConfig } from "../components/stack-config";
import { defaultRuntime } from "../components/runtime";
import { maxListShards } from "../components/table-schema";
import { lambdaPrices, memoryPerVcpuMb, vcpuShare } from "../bench/lib/lambda-power";
import { defaultBalancedWeight } from "../bench/lib/power-tuning";
import { summaryMemoryMb } from "../bench/lib/tune-options";
import { maxRequestBodyBytes } from "../local/server";
import { validateEventInput } from "../handlers/lib/event-input";
import type { HttpError, Problem } from "../handlers/lib/errors";
import { idempotencyKey } from "../handlers/lib/idempotency";
import { maxBodyBytes } from "../handlers/lib/json-body";
import { pageLimits } from "../handlers/lib/list-query";
import { routes } from "../components/routes";
import { perRouteText } from "../components/per-route-text";
import { createTestEventV2 } from "./support/api-gateway-event";
import { policies } from "../policy/policies";
import { corpusCases } from "../policy/test/corpus/cases";
import { defaultMinimumMemoryMb } from "../policy/policies/lambda";
import { recommendedMemoryMb } from "../policy/policies/recommended-memory";
import { readStackConfig } from "../tools/mock-program";
import { maxBundleBytes } from "./support/bundle-budget";
import { badRequestRuns } from "./support/local-bad-requests";

/**
 * The figures README.md and docs/ state in prose, outside the generated blocks, each checked against the
 * source it comes from: a stale figure fails here. docs/api.md's limits are confirmed on the handlers' own
 * validation (the longest value accepted, one more refused). AWS's own limits, quoted with a link to the
 * page that states them (DynamoDB's throughput per partition, API Gateway's account quota, a new
 * account's concurrency), are cited rather than checked: no test here can reach AWS.
 */
const page = (name: string) => fs.readFileSync(path.join(projectRoot, name), "utf8").replace(/\s+/g, " ");
const thousands = (n: number) => n.toLocaleString("en-US");
const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { engines: { node: string }; dependencies: Record<string, string> };
const nodeMajor = fs.readFileSync(path.join(projectRoot, ".nvmrc"), "utf8").trim();
const stackSettings = (stack: string) => parseSettings(settingsFromConfig(readStackConfig(stack)), (key) => key).settings!;
const [dev, prodSettings] = [stackSettings("dev"), stackSettings("prod")];
const policy = (name: string) => policies.find((p) => p.name === name) as { enforcementLevel: string; configSchema?: { properties: Record<string, { default?: number; maximum?: number }> } };
const armSaving = Math.round((1 - lambdaPrices.perGbSecond.arm64 / lambdaPrices.perGbSecond.x86_64) * 100);

/** The longest value of `field` validateEventInput accepts: `limit` passes, `limit + 1` does not. */
function longestAccepted(field: "name" | "location" | "description", limit: number): number {
    const accepts = (length: number) => {
        try {
            validateEventInput({ name: "n", [field]: "x".repeat(length) });
            return true;
        } catch {
            return false;
        }
    };
    assert.ok(accepts(limit) && !accepts(limit + 1), `${field}: the handler's limit is not ${limit}`);
    return limit;
}
/** The handlers' limits, as docs/api.md states them, each confirmed on the handler's own validation. */
const apiLimits = {
    name: longestAccepted("name", 200),
    location: longestAccepted("location", 200),
    description: longestAccepted("description", 2000),
    idempotencyKey: (() => {
        const event = (key: string) => createTestEventV2(routes.find((route) => route.name === "create-event")!, { headers: { "idempotency-key": key } });
        const problems: Problem[] = [];
        assert.strictEqual(idempotencyKey(event("k".repeat(255)), problems), "k".repeat(255));
        assert.strictEqual(problems.length, 0);
        assert.strictEqual(idempotencyKey(event("k".repeat(256)), problems), undefined);
        assert.deepStrictEqual(problems.map((problem) => problem.field), ["Idempotency-Key"]);
        return 255;
    })(),
    /** The first and last years startsAt accepts, each year beyond refused. */
    years: (() => {
        const accepts = (year: string) => {
            try {
                validateEventInput({ name: "n", startsAt: `${year}-01-01T00:00:00Z` });
                return true;
            } catch {
                return false;
            }
        };
        assert.deepStrictEqual(["1899", "1900", "9999"].map(accepts), [false, true, true]);
        return "1900–9999";
    })(),
};

/** The body of the create route's refusal of `body`, as JSON text. */
function createdAnswer(body: Record<string, unknown>): string {
    try {
        validateEventInput(body);
    } catch (error) {
        return JSON.stringify((error as HttpError).body);
    }
    throw new Error(`the create route accepts ${JSON.stringify(body)}`);
}

/** The route table's default memory sizes, as the docs state them: `list-events 1024 MB, the others 512 MB`. */
const memoryDefaults = perRouteText(settingDefaults.memorySize, " MB");
const smallestMemoryDefault = Math.min(...Object.values(settingDefaults.memorySize));

const figures: Record<string, string[]> = {
    "README.md": [
        `Lambda per route (arm64, ${defaultRuntime}, own memory, X-Ray)`,
        `arm64 (${armSaving}% cheaper per GB-second), memory per route (by default ${memoryDefaults}, as measured: CPU scales with memory, and 128 MB is ${vcpuShare(128).toFixed(3)} vCPU)`,
        `the default, ${memoryDefaults}, follows its balanced strategy`,
        `a body over ${maxRequestBodyBytes / 1024 / 1024} MB (API Gateway's payload limit) gets 413`,
        `${badRequestRuns} generated malformed requests`,
        `${corpusCases.length} realistic programs with their exact verdicts`,
        `concurrent creates at 1, ${settingDefaults.listShards} and ${maxListShards} shards`,
        `within ${thousands(maxBundleBytes)} bytes`,
        `Node.js ${pkg.engines.node.replace(">=", "")} or newer`,
        `\`memorySize\` above 128 MB; unset (Lambda's 128 MB default) fails`,
        `\`minimumMemorySize\` (default ${policy("lambda-memory-above-128mb").configSchema!.properties.minimumMemorySize.default}, up to ${policy("lambda-memory-above-128mb").configSchema!.properties.minimumMemorySize.maximum})`,
        `\`maximumTimeout\` (default ${policy("lambda-timeout-within-http-api-limit").configSchema!.properties.maximumTimeout.default})`,
    ],
    "docs/architecture.md": [
        `aws:lambda/function:Function events-api-<stack>-<route>-fn arm64, ${defaultRuntime}, the route's memory, ${settingDefaults.timeout} s,`,
        `arm64 is ${armSaving}% cheaper per GB-second`, `(one vCPU at ${memoryPerVcpuMb} MB)`, `than at ${smallestMemoryDefault} MB`, `(\`defaultMemorySizeMb\` in \`components/routes.ts\`): ${memoryDefaults}, because`,
        `the ${integrationTimeoutSeconds} s integration timeout`],
    "docs/performance.md": [`(one vCPU at ${memoryPerVcpuMb} MB)`, `memory / ${memoryPerVcpuMb} MB of a vCPU`, `arm64 is ${armSaving}% cheaper per GB-second`, `At 128 MB (${vcpuShare(128).toFixed(3)} vCPU)`, `no route defaults to less than ${smallestMemoryDefault} MB`, `W = ${defaultBalancedWeight} by default`, `measures the two again under Lambda's CPU share at ${summaryMemoryMb} MB`],
    "docs/deploying.md": [
        `at least as new as the SDK the program is built with, ${/^\^(\d+\.\d+)\./.exec(pkg.dependencies["@pulumi/pulumi"])![1]}`,
        `Node.js ${pkg.engines.node.replace(">=", "")} or newer** on your \`PATH\` (${nodeMajor} recommended: the functions' \`nodejs${nodeMajor}.x\`)`,
        `Prod reserves ${prodSettings.reservedConcurrency!["create-event"]} executions for \`create-event\``,
        `provisions ${prodSettings.provisionedConcurrency!["list-events"]} + ${prodSettings.provisionedConcurrency!["get-event"]} warm environments`,
        `Lambda always keeps ${minimumUnreservedConcurrency} unreserved, so the account needs a concurrency limit of at least ${requiredAccountConcurrency(prodSettings).required}`,
        `\`logRetentionDays: ${prodSettings.logRetentionDays}\``,
        `--quota-code ${concurrencyQuotaCode}`,
        `\`reservedConcurrency\` ${prodSettings.reservedConcurrency!["create-event"]} for \`create-event\``,
        `\`logRetentionDays: ${prodSettings.logRetentionDays}\` instead of ${dev.logRetentionDays}`,
        `throttling ${prodSettings.throttlingBurstLimit} burst / ${prodSettings.throttlingRateLimit} rps instead of ${dev.throttlingBurstLimit} / ${dev.throttlingRateLimit}`,
        `\`provisionedConcurrency\` ${prodSettings.provisionedConcurrency!["list-events"]} for \`list-events\` and \`get-event\``,
    ],
    "docs/configuration.md": [
        `The defaults are ${memoryDefaults} (\`defaultMemorySizeMb\``,
        `(${dev.logRetentionDays} days of logs, throttling ${dev.throttlingBurstLimit}/${dev.throttlingRateLimit})`,
        // The timeout's doc comment, in the settings table.
        `an HTTP API waits at most ${integrationTimeoutSeconds} s for an integration`,
        // What the component's args check says of a memorySize that is not a number.
        `(\`${parseSettings({ memorySize: NaN }, (key) => `[${key}]`).problems![0]}\`)`,
    ],
    "docs/listing.md": [
        `(stack setting, 1–${maxListShards}, default ${settingDefaults.listShards};`,
        `**${settingDefaults.listShards} by default.**`,
        `**${maxListShards} at most.**`,
        `(\`throttlingRateLimit\`, default ${thousands(settingDefaults.throttlingRateLimit)} requests a second)`,
        `${settingDefaults.listShards} shards move that ceiling to ~${thousands(settingDefaults.listShards * 1000)} creates a second for ${settingDefaults.listShards} Queries a page and ${settingDefaults.listShards}× its read units`,
        `${maxListShards} shards take ~${thousands(maxListShards * 1000)} small creates a second`,
        `${maxListShards} Queries and ${maxListShards}× the read units`,
    ],
    "docs/operations.md": [`≥ ${settingDefaults.alarmThresholds.durationTimeoutRatio} × timeout (${settingDefaults.alarmThresholds.durationTimeoutRatio * settingDefaults.timeout * 1000} ms at ${settingDefaults.timeout} s)`, `≥ ${settingDefaults.alarmThresholds.apiLatencyP99Ms} ms`, `≥ ${settingDefaults.alarmThresholds.api5xxPercent} %`],
    "docs/api.md": [
        `body at most ${maxBodyBytes / 1024} KiB`,
        `\`limit\` 1–${pageLimits.max}, default ${pageLimits.default}`,
        `A page is at most ${pageLimits.max} events (\`limit\`, default ${pageLimits.default})`,
        `\`name\` 1–${apiLimits.name} after trimming, \`location\` at most ${apiLimits.location}, \`description\` at most ${apiLimits.description}`,
        `\`Idempotency-Key\` (1–${apiLimits.idempotencyKey} visible ASCII characters, no comma)`,
        `years ${apiLimits.years}`,
        `(${badRequestRuns} generated malformed requests)`,
        // What the create route answers to {"startsAt":"x"}, as docs/api.md shows it.
        createdAnswer({ startsAt: "x" }),
    ],
    "docs/policy-pack.md": [
        `over ${corpusCases.length} programs written the ways teams ship Lambda code`,
        `Below a floor under ${recommendedMemoryMb} MB (the default floor is ${defaultMinimumMemoryMb}), remediation sets the pack's recommended ${recommendedMemoryMb} MB, as the violation advises`,
    ],
};

describe("the figures README.md and docs/ state in prose", () => {
    for (const [name, expected] of Object.entries(figures)) {
        it(`${name}: each one is what its source says today`, () => {
            const text = page(name);
            assert.deepStrictEqual(expected.filter((figure) => !text.includes(figure)), [], `${name} states these otherwise (or not at all)`);
        });
    }

    it("docs/operations.md: names the access log's fields, those of the declared format, in its order", () => {
        const text = page("docs/operations.md");
        const sentence = /The HTTP API's access log is one JSON object per request: (.*?)\. API Gateway inserts/.exec(text)?.[1] ?? "";
        assert.deepStrictEqual([...sentence.matchAll(/`(\w+)`/g)].map((match) => match[1]), Object.keys(JSON.parse(accessLogFormat)));
    });

    it("docs/operations.md: each alarm's default threshold is the schema's", () => {
        const rows = fs.readFileSync(path.join(projectRoot, "docs", "operations.md"), "utf8").split("\n");
        for (const [key, value] of Object.entries(settingDefaults.alarmThresholds)) {
            const row = rows.find((line) => line.endsWith(`| \`${key}\` |`));
            assert.ok(row, `no alarm row for ${key}`);
            assert.ok(row.includes(`| ≥ ${value} `), `${key}: ${row}`);
        }
    });

    it("name the policy levels the pack reports: the mandatory ones, the rest advisory", () => {
        const readme = page("README.md");
        for (const { name, enforcementLevel } of policies as { name: string; enforcementLevel: string }[]) {
            assert.ok(readme.includes(`| \`${name}\` | ${enforcementLevel} |`), `the README's policy table has no row "${name} | ${enforcementLevel}"`);
        }
    });
});
