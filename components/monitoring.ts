import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { AlarmThresholds } from "./alarm-thresholds";
import { ChildNaming } from "./naming";
import { routes } from "./routes";

const cloudwatch = awsx.classic.cloudwatch;
type Metric = awsx.classic.cloudwatch.Metric;
type Widget = awsx.classic.cloudwatch.Widget;

/** One route's function, as the monitoring sees it. */
export interface MonitoredFunction {
    /** The route's name in the route table. */
    routeName: string;
    /** The Lambda function's name (the `FunctionName` metric dimension). */
    functionName: pulumi.Input<string>;
    /** The function's log group, queried for cold starts. */
    logGroupName: pulumi.Input<string>;
    /** The function's timeout in seconds: the p99 duration alarm fires at a share of it. */
    timeoutSeconds: pulumi.Input<number>;
}

/** The resources to watch and where alarms go. */
export interface MonitoringArgs {
    /** Every route's function. */
    functions: MonitoredFunction[];
    /** The HTTP API's id (the `ApiId` metric dimension). */
    apiId: pulumi.Input<string>;
    /**
     * The stage whose metrics are watched (the `Stage` metric dimension).
     * @default "$default"
     */
    stageName?: pulumi.Input<string>;
    /** The DynamoDB table's name (the `TableName` metric dimension). */
    tableName: pulumi.Input<string>;
    /**
     * SNS topic every alarm notifies when it fires and when it recovers.
     * @default - none: the alarms change state in CloudWatch without notifying anyone
     */
    alarmTopicArn?: pulumi.Input<string>;
    /** Where each alarm fires (the `alarmThresholds` setting, resolved). */
    alarmThresholds: AlarmThresholds;
    /**
     * The dashboard's name, unique in the account and region.
     * @default - the name prefix, `<component>-<stack>`, so stacks sharing an account get a dashboard each
     */
    dashboardName?: pulumi.Input<string>;
}

// Counts alarm on one-minute sums; percentiles and rates on five minutes, so a single slow request or a
// single 5xx at low traffic does not page anyone.
const countPeriodSeconds = 60;
const ratePeriodSeconds = 300;

/** What `createMonitoring` made. */
export interface Monitoring {
    /** Every alarm, in creation order. */
    alarms: aws.cloudwatch.MetricAlarm[];
    dashboard: awsx.classic.cloudwatch.Dashboard;
    /** The dashboard in the CloudWatch console. */
    dashboardUrl: pulumi.Output<string>;
}

/** Shared by the alarm builders below. */
interface AlarmContext {
    naming: ChildNaming;
    thresholds: AlarmThresholds;
    actions: { alarmActions?: pulumi.Input<string>[]; okActions?: pulumi.Input<string>[] };
    alarms: aws.cloudwatch.MetricAlarm[];
}

/**
 * Alarms and one CloudWatch dashboard for an Events API: per function errors, throttles and p99 duration
 * near the timeout; the HTTP API's 5xx rate and p99 latency; the table's throttled requests. Every
 * resource is named and parented by `naming`.
 */
export function createMonitoring(naming: ChildNaming, args: MonitoringArgs): Monitoring {
    const context: AlarmContext = {
        naming,
        thresholds: args.alarmThresholds,
        actions: args.alarmTopicArn ? { alarmActions: [args.alarmTopicArn], okActions: [args.alarmTopicArn] } : {},
        alarms: [],
    };
    const functionRows = args.functions.map((fn) => monitorFunction(fn, context));
    const apiRow = monitorApi(args.apiId, args.stageName ?? "$default", context);
    const tableRow = monitorTable(args.tableName, args.functions, context);

    const region = aws.getRegionOutput({}, { parent: naming.parent }).region;
    const dashboard = new cloudwatch.Dashboard(
        naming.name("dashboard"),
        {
            name: args.dashboardName ?? naming.prefix,
            region: region as pulumi.Output<aws.Region>,
            widgets: [
                new cloudwatch.RowWidget(
                    new cloudwatch.AlarmWidget({ title: "Alarms", alarms: context.alarms.map((a) => a.arn), width: 24 }),
                ),
                apiRow,
                ...functionRows,
                tableRow,
            ],
        },
        naming.opts("dashboard"),
    );
    return { alarms: context.alarms, dashboard, dashboardUrl: dashboard.url };
}

/** Errors, throttles and p99 duration alarms for one function, and its dashboard row. */
function monitorFunction(fn: MonitoredFunction, context: AlarmContext): Widget {
    const lambda = awsx.classic.lambda.metrics;
    const dimensions = { FunctionName: fn.functionName };
    const prefix = fn.routeName;
    const invocations = lambda.invocations({ statistic: "Sum", period: countPeriodSeconds }).withDimensions(dimensions);
    const errors = lambda.errors({ statistic: "Sum", period: countPeriodSeconds }).withDimensions(dimensions);
    const throttles = lambda.throttles({ statistic: "Sum", period: countPeriodSeconds }).withDimensions(dimensions);
    const duration = lambda.duration({ period: ratePeriodSeconds }).withDimensions(dimensions);
    const durationP99 = duration.withExtendedStatistic(99);
    const concurrent = lambda
        .concurrentExecutions({ statistic: "Maximum", period: countPeriodSeconds })
        .withDimensions(dimensions);
    const { thresholds } = context;

    metricAlarm(context, `${prefix}-errors`, errors, thresholds.functionErrors, `${fn.routeName}: function errors (crashes or timeouts)`);
    metricAlarm(context, `${prefix}-throttles`, throttles, thresholds.functionThrottles, `${fn.routeName}: invocations throttled`);
    const durationThreshold = pulumi
        .output(fn.timeoutSeconds)
        .apply((timeout) => Math.round(timeout * 1000 * thresholds.durationTimeoutRatio));
    const durationAlarm = metricAlarm(
        context,
        `${prefix}-duration-p99`,
        durationP99,
        durationThreshold,
        `${fn.routeName}: p99 duration near the function timeout`,
    );

    const title = (what: string) => `${fn.routeName}: ${what}`;
    return new cloudwatch.RowWidget(
        new cloudwatch.LineGraphMetricWidget({
            title: title("invocations, errors, throttles"),
            metrics: [invocations, errors, throttles],
            period: countPeriodSeconds,
        }),
        new cloudwatch.LineGraphMetricWidget({
            title: title("duration p50 / p99 (ms)"),
            metrics: [duration.withExtendedStatistic(50).withLabel("p50"), durationP99.withLabel("p99")],
            annotations: new cloudwatch.HorizontalAnnotation(durationAlarm),
            period: countPeriodSeconds,
        }),
        new cloudwatch.LineGraphMetricWidget({
            title: title("concurrent executions (max)"),
            metrics: [concurrent],
            period: countPeriodSeconds,
        }),
        new cloudwatch.LogWidget({ title: title("cold starts"), query: coldStartQuery(fn.logGroupName), width: 6, height: 6 }),
    );
}

/** 5xx rate and p99 latency alarms for the HTTP API stage, and its dashboard row. */
function monitorApi(apiId: pulumi.Input<string>, stage: pulumi.Input<string>, context: AlarmContext): Widget {
    // HTTP APIs publish `Count`, `4xx`, `5xx`, `Latency` with the ApiId and Stage dimensions
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html); awsx's
    // apigateway metrics are REST API ones (`5XXError`, ApiName).
    const metric = (metricName: string, change: awsx.classic.cloudwatch.MetricChange) =>
        new cloudwatch.Metric({ namespace: "AWS/ApiGateway", name: metricName, dimensions: { ApiId: apiId, Stage: stage } }).with(change);
    const requests = metric("Count", { statistic: "Sum", unit: "Count", period: countPeriodSeconds });
    const clientErrors = metric("4xx", { statistic: "Sum", unit: "Count", period: countPeriodSeconds });
    const serverErrors = metric("5xx", { statistic: "Sum", unit: "Count", period: countPeriodSeconds });
    const latency = metric("Latency", { unit: "Milliseconds", period: ratePeriodSeconds });
    const latencyP99 = latency.withExtendedStatistic(99);

    mathAlarm(context, "api-5xx-rate", "HTTP API: share of requests answered 5xx (percent)", context.thresholds.api5xxPercent, [
        metricQuery("errors", serverErrors.withPeriod(ratePeriodSeconds)),
        metricQuery("requests", requests.withPeriod(ratePeriodSeconds)),
        { id: "rate", expression: "100 * errors / requests", label: "5xx %", returnData: true },
    ]);
    metricAlarm(context, "api-latency-p99", latencyP99, context.thresholds.apiLatencyP99Ms, "HTTP API: p99 latency");

    return new cloudwatch.RowWidget(
        new cloudwatch.LineGraphMetricWidget({ title: "API: requests", metrics: [requests], period: countPeriodSeconds }),
        new cloudwatch.LineGraphMetricWidget({
            title: "API: 4xx / 5xx",
            metrics: [clientErrors.withLabel("4xx"), serverErrors.withLabel("5xx")],
            period: countPeriodSeconds,
        }),
        new cloudwatch.LineGraphMetricWidget({
            title: "API: latency p50 / p99 (ms)",
            metrics: [latency.withExtendedStatistic(50).withLabel("p50"), latencyP99.withLabel("p99")],
            period: countPeriodSeconds,
        }),
    );
}

/** The throttled-requests alarm for the table, and its dashboard row. */
function monitorTable(tableName: pulumi.Input<string>, functions: MonitoredFunction[], context: AlarmContext): Widget {
    const dynamodb = awsx.classic.dynamodb.metrics;
    const dimensions = { TableName: tableName };
    // ThrottledRequests exists only per operation (dimensions TableName, Operation); sum the ones the
    // routes call.
    const throttledByOperation = tableOperations(functions.map((fn) => fn.routeName)).map((operation) =>
        dynamodb
            .throttledRequests({ statistic: "Sum", period: countPeriodSeconds })
            .withDimensions({ ...dimensions, Operation: operation })
            .withLabel(operation),
    );
    mathAlarm(context, "table-throttles", "DynamoDB table: throttled requests", context.thresholds.tableThrottledRequests, [
        ...throttledByOperation.map((metric, i) => metricQuery(`m${i}`, metric)),
        { id: "throttled", expression: "SUM(METRICS())", label: "ThrottledRequests", returnData: true },
    ]);

    const capacity = (metric: Metric) => metric.withDimensions(dimensions).with({ statistic: "Sum", period: countPeriodSeconds });
    return new cloudwatch.RowWidget(
        new cloudwatch.LineGraphMetricWidget({
            title: "Table: consumed capacity units",
            metrics: [capacity(dynamodb.consumedReadCapacityUnits()), capacity(dynamodb.consumedWriteCapacityUnits())],
            period: countPeriodSeconds,
        }),
        new cloudwatch.LineGraphMetricWidget({
            title: "Table: throttled requests",
            metrics: throttledByOperation,
            period: countPeriodSeconds,
        }),
    );
}

const alarmDefaults = {
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    evaluationPeriods: 1,
    // No traffic is no problem: Lambda and API Gateway publish nothing for idle periods.
    treatMissingData: "notBreaching",
} as const;

/** An alarm on one awsx metric, wired to the topic when there is one; `role` names it. */
function metricAlarm(context: AlarmContext, role: string, metric: Metric, threshold: pulumi.Input<number>, description: string) {
    const alarm = metric.createAlarm(
        context.naming.name(role),
        { ...alarmDefaults, alarmDescription: description, threshold, ...context.actions },
        context.naming.opts(role),
    );
    context.alarms.push(alarm);
    return alarm;
}

/** An alarm on a metric math expression (the one query with `returnData`), wired like the others. */
function mathAlarm(
    context: AlarmContext,
    role: string,
    description: string,
    threshold: number,
    metricQueries: aws.types.input.cloudwatch.MetricAlarmMetricQuery[],
) {
    const alarm = new aws.cloudwatch.MetricAlarm(
        context.naming.name(role),
        { ...alarmDefaults, alarmDescription: description, threshold, metricQueries, ...context.actions },
        context.naming.opts(role),
    );
    context.alarms.push(alarm);
    return alarm;
}

/**
 * Logs Insights query counting cold starts: with the JSON log format, Lambda writes each invocation's
 * report as a `platform.report` record whose `metrics.initDurationMs` is present only after an init.
 */
export function coldStartQuery(logGroupName: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.interpolate`SOURCE '${logGroupName}' | filter type = "platform.report" and ispresent(record.metrics.initDurationMs) | stats count(*) as coldStarts, pct(record.metrics.initDurationMs, 99) as initP99Ms by bin(5m)`;
}

/** The DynamoDB operations (`PutItem`, `Query`, ...) the named routes call, from the route table. */
export function tableOperations(routeNames: readonly string[]): string[] {
    const actions = routes.filter((route) => routeNames.includes(route.name)).flatMap((route) => route.dynamodbActions);
    return [...new Set(actions.map((action) => action.replace(/^dynamodb:/, "")))];
}

/** An awsx metric as one entry of an alarm's metric math. */
function metricQuery(id: string, metric: Metric) {
    return {
        id,
        returnData: false,
        metric: pulumi
            .all([metric.name, metric.namespace, metric.dimensions, metric.period, metric.statistic])
            .apply(([metricName, namespace, dimensions, period, stat]) => ({
                metricName,
                namespace,
                dimensions,
                period,
                stat,
            })),
    };
}
