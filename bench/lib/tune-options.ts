/** `npm run tune`'s command line: its usage text and the options it takes. */
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { z } from "zod";
import { mustBe, positive } from "../../components/setting-rules";
import { optionValue } from "../../components/settings";
import { tunedMemorySizes } from "./lambda-power";
import { defaultBalancedWeight } from "./power-tuning";

/** Where the chart goes without --chart: the OS temp dir, one file per run. */
export function defaultChartPath(now: Date, tmpdir = os.tmpdir()): string {
    const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
    return path.join(tmpdir, `events-api-tune-${stamp}.svg`);
}

/** The memory size at which the priming ratios are summarised and the aws-lite peer is measured. */
export const summaryMemoryMb = 512;

export const usage = `usage: npm run tune -- [options]

Local power tuning. Each function runs under a Linux cgroup CPU quota equal to Lambda's CPU share at
${tunedMemorySizes.join(", ")} MB (20 ms CFS period), cold and warm; the tables give per memory size: init, first
invocation, warm p50/p99/mean and the cost per million requests. Every cold start is also measured without
priming and under both CPU models (Init with a CPU burst, Init throttled too), side by side in every
round. At ${summaryMemoryMb} MB it also measures the same handlers on aws-lite beside ours. It ends with a recommended
memory size per function for AWS Lambda Power Tuning's three strategies (cheapest, fastest, balanced;
never a size the policy pack rejects), each with the events-api:memorySize line for Pulumi.<stack>.yaml,
and writes a chart (SVG) of cost, warm duration and cold request against memory. A run over every memory
size without --quick records its tables in bench/results/tune.json, from which npm run docs regenerates
docs/performance.md. Needs root and a cgroup cpu controller (v1 or v2); otherwise it exits with one line
saying why.

  --rounds N            fresh processes per setting (default: 5)
  --memory MB,...       only these memory sizes, comma-separated (records nothing)
  --quick               smoke run (1 round, 5 warm invocations each; records nothing)
  --balanced-weight W   the balanced strategy's weight, 0 to 1: W x cost / highest cost
                        + (1 - W) x mean warm duration / longest, lowest wins (default: ${defaultBalancedWeight}, as Power Tuning)
  --json FILE           also write the measurements and recommendations as JSON to FILE
  --chart FILE          write the chart to FILE (default: events-api-tune-<date>-<time>.svg in the
                        OS temp dir, $TMPDIR or /tmp; the run prints where)
  -h, --help            this text`;

export class UsageError extends Error {}

const weightError = mustBe("a number from 0 to 1 (0: only duration counts, 1: only cost)");
const balancedWeight = z.number(weightError).min(0, weightError).max(1, weightError).default(defaultBalancedWeight);

function fileOption(name: string, value: string | undefined): string | undefined {
    if (value !== undefined && value.trim() === "") throw new UsageError(`${name} takes a file path; got ""`);
    return value;
}

function memoryOption(value: string | undefined): readonly number[] {
    if (value === undefined) return tunedMemorySizes;
    const sizes = value.split(",").map((size) => Number(size.trim()));
    const unknown = sizes.filter((size) => !(tunedMemorySizes as readonly number[]).includes(size));
    if (unknown.length > 0 || sizes.length === 0) {
        throw new UsageError(`--memory takes sizes from ${tunedMemorySizes.join(", ")} (MB), comma-separated; got ${JSON.stringify(value)}`);
    }
    return [...new Set(sizes)].sort((a, b) => a - b);
}

export interface TuneOptions {
    rounds: number;
    warmInvocations: number;
    memorySizes: readonly number[];
    record: boolean;
    balancedWeight: number;
    jsonPath?: string;
    chartPath: string;
    help: boolean;
}

export function tuneOptions(argv: readonly string[], now = new Date()): TuneOptions {
    let values;
    try {
        ({ values } = parseArgs({
            args: [...argv],
            options: {
                quick: { type: "boolean" },
                rounds: { type: "string" },
                memory: { type: "string" },
                "balanced-weight": { type: "string" },
                json: { type: "string" },
                chart: { type: "string" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
        }));
    } catch (error) {
        throw new UsageError(`${(error as Error).message}\n${usage}`);
    }
    const quick = values.quick ?? false;
    try {
        return {
            rounds: optionValue("--rounds", values.rounds, positive("fresh processes per setting", { integer: true }).default(quick ? 1 : 5)),
            warmInvocations: quick ? 5 : 20,
            memorySizes: memoryOption(values.memory),
            record: !quick && values.memory === undefined,
            balancedWeight: optionValue("--balanced-weight", values["balanced-weight"], balancedWeight),
            ...(values.json === undefined ? {} : { jsonPath: fileOption("--json", values.json) }),
            chartPath: fileOption("--chart", values.chart) ?? defaultChartPath(now),
            help: values.help ?? false,
        };
    } catch (error) {
        throw error instanceof UsageError ? error : new UsageError((error as Error).message);
    }
}
