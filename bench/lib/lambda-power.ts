/**
 * Lambda's CPU share per memory size and its price list: the model that `npm run tune` maps onto a
 * Linux CPU quota and a cost per million requests.
 */

import { lambdaMemoryMb } from "../../components/settings";

/** Memory sizes that `npm run tune` measures, the ones AWS Lambda Power Tuning's examples use. */
export const tunedMemorySizes = [128, 256, 512, 1024, 1769, 3008] as const;

/** Lambda allocates CPU in proportion to memory: one full vCPU at 1,769 MB (Lambda developer guide, "Configure Lambda function memory"). */
export const memoryPerVcpuMb = 1769;


/**
 * Prices in USD, us-east-1, first usage tier, from https://aws.amazon.com/lambda/pricing/ as
 * listed in 2026 (checked 2026-11-23 against a May 2026 copy: this machine cannot reach aws.amazon.com).
 * Duration is billed per 1 ms, rounded up, since December 2020.
 */
export const lambdaPrices = {
    region: "us-east-1",
    source: "https://aws.amazon.com/lambda/pricing/ (first tier; listed 2026, checked 2026-11-23)",
    perMillionRequests: 0.2,
    perGbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 },
    billingIncrementMs: 1,
} as const;

export type Architecture = keyof typeof lambdaPrices.perGbSecond;

function assertMemory(memoryMb: number): void {
    if (!Number.isFinite(memoryMb) || memoryMb < lambdaMemoryMb.min || memoryMb > lambdaMemoryMb.max) {
        throw new Error(`memory ${memoryMb} MB is outside Lambda's ${lambdaMemoryMb.min}..${lambdaMemoryMb.max} MB`);
    }
}

/** Lambda's vCPU share for a memory size: 128 MB gives 0.072, 1769 MB gives 1, 3008 MB gives 1.70. */
export function vcpuShare(memoryMb: number): number {
    assertMemory(memoryMb);
    return memoryMb / memoryPerVcpuMb;
}

export interface CpuQuota {
    /** CFS period in microseconds. */
    periodUs: number;
    /** CPU time the group may use per period, in microseconds (may exceed the period on several cores). */
    quotaUs: number;
    /** The share actually granted: Lambda's, unless this machine has fewer cores. */
    vcpus: number;
    /** True when this machine has fewer cores than Lambda would give. */
    cappedByCores: boolean;
}

/** Smallest quota the kernel accepts (kernel/sched/core.c: min_cfs_quota_period = 1 ms). */
const minQuotaUs = 1000;

/** The CFS quota that gives a process Lambda's CPU share for `memoryMb` on a machine with `cores`. */
export function cpuQuota(memoryMb: number, cores: number, periodUs = 20_000): CpuQuota {
    if (!Number.isInteger(cores) || cores < 1) throw new Error(`cores must be a positive integer, got ${cores}`);
    if (!Number.isInteger(periodUs) || periodUs < minQuotaUs) {
        throw new Error(`period must be an integer of at least ${minQuotaUs} us, got ${periodUs}`);
    }
    const share = vcpuShare(memoryMb);
    const vcpus = Math.min(share, cores);
    return {
        periodUs,
        quotaUs: Math.max(minQuotaUs, Math.round(vcpus * periodUs)),
        vcpus,
        cappedByCores: share > cores,
    };
}

/** Billed milliseconds for one invocation: rounded up to the billing increment, at least one increment. */
export function billedMs(durationMs: number): number {
    if (!Number.isFinite(durationMs) || durationMs < 0) throw new Error(`duration ${durationMs} ms is not a duration`);
    const increment = lambdaPrices.billingIncrementMs;
    return Math.max(increment, Math.ceil(durationMs / increment) * increment);
}

/**
 * USD per million requests for duration alone: memory x billed duration (mean of the billed durations
 * of the invocations measured, as Power Tuning averages them). This is what Power Tuning's strategies
 * compare (its averagePrice has no request fee).
 */
export function durationCostPerMillion(memoryMb: number, durationsMs: readonly number[], architecture: Architecture): number {
    assertMemory(memoryMb);
    if (durationsMs.length === 0) throw new Error("no durations: cannot price nothing");
    const meanBilledSeconds = durationsMs.reduce((sum, d) => sum + billedMs(d), 0) / durationsMs.length / 1000;
    const gbSeconds = (memoryMb / 1024) * meanBilledSeconds;
    return 1_000_000 * gbSeconds * lambdaPrices.perGbSecond[architecture];
}

/** USD per million requests: the request fee plus the duration cost. */
export function costPerMillion(memoryMb: number, durationsMs: readonly number[], architecture: Architecture): number {
    return lambdaPrices.perMillionRequests + durationCostPerMillion(memoryMb, durationsMs, architecture);
}
