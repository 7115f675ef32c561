/**
 * What `npm run tune` reports per memory size, and the choice AWS Lambda Power Tuning makes from it
 * (its lambda/analyzer.js): the cheapest setting, the fastest, and a balance of the two.
 */
import { costPerMillion, durationCostPerMillion } from "./lambda-power";
import { median, summarize } from "./stats";

export interface MemoryMeasurement {
    memoryMb: number;
    vcpus: number;
    /** One per fresh process, in the order of `firstInvocationMs`. */
    initMs: number[];
    firstInvocationMs: number[];
    warmMs: number[];
}

export interface MemoryRow {
    memoryMb: number;
    vcpus: number;
    coldStarts: number;
    warmInvocations: number;
    initMedian: number;
    firstInvocationMedian: number;
    /** Median over fresh processes of Init + first invocation: what a user waits for on a cold start. */
    coldRequestMedian: number;
    warmP50: number;
    warmP99: number;
    warmMean: number;
    /** USD per 1M requests, the request fee included. */
    costArm64: number;
    costX86: number;
    /** USD per 1M requests for duration alone, arm64: what the strategies compare, as Power Tuning's averagePrice. */
    durationCostArm64: number;
}

export function memoryRow(measurement: MemoryMeasurement): MemoryRow {
    const { memoryMb, initMs, firstInvocationMs, warmMs } = measurement;
    if (initMs.length !== firstInvocationMs.length) {
        throw new Error(`${memoryMb} MB: ${initMs.length} Init durations but ${firstInvocationMs.length} first invocations; they come in pairs, one per fresh process`);
    }
    const warm = summarize(warmMs);
    return {
        memoryMb,
        vcpus: measurement.vcpus,
        coldStarts: initMs.length,
        warmInvocations: warmMs.length,
        initMedian: median(initMs),
        firstInvocationMedian: median(firstInvocationMs),
        coldRequestMedian: median(initMs.map((init, i) => init + firstInvocationMs[i])),
        warmP50: warm.median,
        warmP99: warm.p99,
        warmMean: warm.mean,
        costArm64: costPerMillion(memoryMb, warmMs, "arm64"),
        costX86: costPerMillion(memoryMb, warmMs, "x86_64"),
        durationCostArm64: durationCostPerMillion(memoryMb, warmMs, "arm64"),
    };
}

/** Power Tuning's strategies, by the names this project prints (Power Tuning's: cost, speed, balanced). */
export const strategies = ["cheapest", "fastest", "balanced"] as const;
export type Strategy = (typeof strategies)[number];

/** Power Tuning's default balancedWeight. */
export const defaultBalancedWeight = 0.5;

/** What a strategy compares: the duration cost (Power Tuning's averagePrice) and the mean warm duration (its averageDuration). */
export type Candidate = Pick<MemoryRow, "memoryMb" | "durationCostArm64" | "warmMean">;

export function assertBalancedWeight(weight: number): void {
    if (!(Number.isFinite(weight) && weight >= 0 && weight <= 1)) {
        throw new Error(`balanced weight must be a number from 0 to 1 (0: only duration counts, 1: only cost), got ${weight}`);
    }
}

const share = (value: number, max: number) => (max === 0 ? 0 : value / max);

/**
 * Power Tuning's balanced value, which the balanced strategy minimises: weight x cost / the highest cost
 * measured + (1 - weight) x duration / the longest duration measured.
 */
export function balancedScore(row: Candidate, rows: readonly Candidate[], weight: number): number {
    assertBalancedWeight(weight);
    const maxCost = Math.max(...rows.map((r) => r.durationCostArm64));
    const maxDuration = Math.max(...rows.map((r) => r.warmMean));
    return weight * share(row.durationCostArm64, maxCost) + (1 - weight) * share(row.warmMean, maxDuration);
}

/**
 * The row each strategy picks, with Power Tuning's tie rules: the cheapest, the faster of equal costs;
 * the fastest, the cheaper of equal durations; balanced, the lowest balanced value. Rows still tied go
 * to less memory (Power Tuning keeps the order of its power values).
 */
export function recommend<R extends Candidate>(rows: readonly R[], balancedWeight = defaultBalancedWeight): Record<Strategy, R> {
    if (rows.length === 0) throw new Error("no memory sizes measured");
    assertBalancedWeight(balancedWeight);
    const byMemory = [...rows].sort((a, b) => a.memoryMb - b.memoryMb);
    const first = (compare: (a: R, b: R) => number) => [...byMemory].sort(compare)[0];
    return {
        cheapest: first((a, b) => a.durationCostArm64 - b.durationCostArm64 || a.warmMean - b.warmMean),
        fastest: first((a, b) => a.warmMean - b.warmMean || a.durationCostArm64 - b.durationCostArm64),
        balanced: first((a, b) => balancedScore(a, rows, balancedWeight) - balancedScore(b, rows, balancedWeight)),
    };
}
