import { mockState, RecordedResource } from "./mock-program";

/**
 * What a stack costs per month with no traffic at all, from the resources it declares: the charges that
 * run whether or not anyone calls the API. Everything else (requests, duration, DynamoDB reads and
 * writes, log ingestion, X-Ray traces) is billed per use and is 0 at rest.
 *
 * US East (N. Virginia) list prices in USD as published on the AWS pricing pages in 2026 (this machine
 * cannot reach aws.amazon.com: check your region's before budgeting).
 */
export const restingPrices = {
    sources: [
        "https://aws.amazon.com/cloudwatch/pricing/",
        "https://aws.amazon.com/lambda/pricing/",
        "https://aws.amazon.com/dynamodb/pricing/on-demand/",
        "https://aws.amazon.com/xray/pricing/",
    ],
    /** A standard-resolution alarm, per metric it evaluates (a metric-math alarm pays for each metric). */
    alarmMetricMonth: 0.1,
    dashboardMonth: 3,
    /** Provisioned concurrency on arm64, per GB-second configured. */
    provisionedArmGbSecond: 0.0000033334,
    /** Stored log data, per GB-month; ingestion ($0.50/GB) is per use. */
    logStorageGbMonth: 0.03,
    /** Point-in-time recovery, per GB-month of table size. */
    pitrGbMonth: 0.2,
    /** Billing's month: 730 hours. */
    secondsPerMonth: 730 * 3600,
    /** Free every month, per account. */
    freeAlarmMetrics: 10,
    freeDashboards: 3,
    /** Billed per use, so $0 at rest. */
    logIngestionGb: 0.5,
    xrayTracesPerMillion: 5,
    xrayFreeTraces: 100_000,
    dynamodbStorageGbMonth: 0.25,
    dynamodbFreeStorageGb: 25,
} as const;

export interface RestingCost {
    alarms: number;
    alarmMetrics: number;
    dashboards: number;
    /** Each provisioned concurrency config: its warm environments and their function's memory. */
    provisioned: { environments: number; memoryMb: number }[];
    /** Warm environments times their memory, in GB. */
    provisionedGb: number;
    usd: { alarms: number; dashboards: number; provisionedConcurrency: number; total: number };
}

const ofType = (resources: readonly RecordedResource[], type: string) => resources.filter((resource) => resource.type === type);

/** The fixed monthly charges of the resources a stack declares (as recorded under mocks). */
export function restingCost(resources: readonly RecordedResource[]): RestingCost {
    const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
    const alarmMetrics = alarms
        .map((alarm) => (alarm.inputs.metricQueries as { metric?: unknown }[] | undefined)?.filter((query) => query.metric).length ?? 1)
        .reduce((sum, metrics) => sum + metrics, 0);
    const dashboards = ofType(resources, "aws:cloudwatch/dashboard:Dashboard").length;
    const functions = ofType(resources, "aws:lambda/function:Function");
    const memoryMbOf = (functionName: string): number => {
        const fn = functions.find((candidate) => mockState(candidate.type, candidate.name, candidate.inputs).state.name === functionName);
        if (!fn) throw new Error(`provisioned concurrency on an unknown function ${functionName}`);
        return fn.inputs.memorySize;
    };
    const provisioned = ofType(resources, "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig").map((config) => ({
        environments: Number(config.inputs.provisionedConcurrentExecutions),
        memoryMb: memoryMbOf(config.inputs.functionName),
    }));
    const provisionedGb = provisioned.reduce((sum, config) => sum + (config.environments * config.memoryMb) / 1024, 0);
    const p = restingPrices;
    const usd = {
        alarms: alarmMetrics * p.alarmMetricMonth,
        dashboards: dashboards * p.dashboardMonth,
        provisionedConcurrency: provisionedGb * p.secondsPerMonth * p.provisionedArmGbSecond,
    };
    return { alarms: alarms.length, alarmMetrics, dashboards, provisioned, provisionedGb, usd: { ...usd, total: usd.alarms + usd.dashboards + usd.provisionedConcurrency } };
}
