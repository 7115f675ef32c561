/**
 * What `npm run tune` reports per memory size, and the choice AWS Lambda Power Tuning makes from
 * it: the cheapest setting (lowest cost per request) and the fastest (lowest mean duration).
 */
import { costPerMillion } from "./lambda-power";
import { summarize } from "./stats";

export interface MemoryMeasurement {
    memoryMb: number;
    vcpus: number;
    initMs: number[];
    firstInvocationMs: number[];
    warmMs: number[];
}

export interface MemoryRow {
    memoryMb: number;
    vcpus: number;
    initMedian: number;
    firstInvocationMedian: number;
    warmP50: number;
    warmP99: number;
    warmMean: number;
    costArm64: number;
    costX86: number;
}

export function memoryRow(measurement: MemoryMeasurement): MemoryRow {
    const warm = summarize(measurement.warmMs);
    return {
        memoryMb: measurement.memoryMb,
        vcpus: measurement.vcpus,
        initMedian: summarize(measurement.initMs).median,
        firstInvocationMedian: summarize(measurement.firstInvocationMs).median,
        warmP50: warm.median,
        warmP99: warm.p99,
        warmMean: warm.mean,
        costArm64: costPerMillion(measurement.memoryMb, measurement.warmMs, "arm64"),
        costX86: costPerMillion(measurement.memoryMb, measurement.warmMs, "x86_64"),
    };
}

/** The cheapest row (ties go to less memory) and the fastest by mean warm duration (ties: cheaper). */
export function cheapestAndFastest(rows: readonly MemoryRow[]): { cheapest: MemoryRow; fastest: MemoryRow } {
    if (rows.length === 0) throw new Error("no memory sizes measured");
    const byMemory = [...rows].sort((a, b) => a.memoryMb - b.memoryMb);
    const cheapest = byMemory.reduce((best, row) => (row.costArm64 < best.costArm64 ? row : best));
    const fastest = byMemory.reduce((best, row) =>
        row.warmMean < best.warmMean || (row.warmMean === best.warmMean && row.costArm64 < best.costArm64) ? row : best,
    );
    return { cheapest, fastest };
}
