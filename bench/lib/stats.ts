/**
 * Order statistics for benchmark samples. Percentiles interpolate linearly between the closest
 * ranks (the "R-7" definition used by numpy and spreadsheets), so the median of an even count is
 * the mean of the two middle values.
 */

export interface Summary {
    count: number;
    min: number;
    p25: number;
    median: number;
    p75: number;
    p99: number;
    max: number;
    mean: number;
}

function assertSamples(samples: readonly number[]): void {
    if (samples.length === 0) throw new Error("no samples: cannot summarize an empty list");
    const bad = samples.find((value) => !Number.isFinite(value));
    if (bad !== undefined) throw new Error(`sample ${bad} is not a finite number`);
}

/** The `p`-th percentile (0..100) of the samples. */
export function percentile(samples: readonly number[], p: number): number {
    assertSamples(samples);
    if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is outside 0..100`);
    const sorted = [...samples].sort((a, b) => a - b);
    const rank = (p / 100) * (sorted.length - 1);
    const lower = Math.floor(rank);
    const upper = Math.ceil(rank);
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
}

export function median(samples: readonly number[]): number {
    return percentile(samples, 50);
}

export function summarize(samples: readonly number[]): Summary {
    assertSamples(samples);
    return {
        count: samples.length,
        min: Math.min(...samples),
        p25: percentile(samples, 25),
        median: percentile(samples, 50),
        p75: percentile(samples, 75),
        p99: percentile(samples, 99),
        max: Math.max(...samples),
        mean: samples.reduce((sum, value) => sum + value, 0) / samples.length,
    };
}

/** `value / baseline`, or undefined when the baseline is zero (a ratio to nothing says nothing). */
export function ratio(value: number, baseline: number): number | undefined {
    return baseline === 0 ? undefined : value / baseline;
}
