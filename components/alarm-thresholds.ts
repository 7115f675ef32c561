import { z } from "zod";
import { integrationTimeoutSeconds } from "./api-gateway-limits";
import { aboveZeroUpTo, integer, namedEntries } from "./setting-rules";

/** The highest count a count threshold takes (errors, throttles, requests a minute): beyond it, a typo. */
const maxCountThreshold = 100_000;

/** Where each alarm of the monitoring fires: the `alarmThresholds` setting, every entry optional. */
export const alarmThresholdsSchema = namedEntries(
    {
        /**
         * Lambda `Errors` of one function within one minute. Handlers answer expected failures with 4xx/5xx
         * responses, so an `Errors` datapoint is a crash or a timeout.
         * @default 1
         */
        functionErrors: integer(1, maxCountThreshold, "errors").default(1),
        /**
         * Lambda `Throttles` of one function within one minute (reserved concurrency or the account limit reached).
         * @default 1
         */
        functionThrottles: integer(1, maxCountThreshold, "throttles").default(1),
        /**
         * Share of the function timeout that the p99 `Duration` over 5 minutes may reach before the alarm fires:
         * 0.8 with the 10 s default timeout alarms at 8000 ms, before requests start timing out.
         * @default 0.8
         */
        durationTimeoutRatio: aboveZeroUpTo(1, "share of the timeout").default(0.8),
        /**
         * Percentage of the HTTP API's requests answered with a 5xx status over 5 minutes.
         * @default 1
         */
        api5xxPercent: aboveZeroUpTo(100, "percent").default(1),
        /**
         * p99 `Latency` of the HTTP API over 5 minutes, in milliseconds. HTTP API integrations time out
         * after 30 s, so a threshold above that could never fire.
         * @default 1000
         */
        apiLatencyP99Ms: integer(1, integrationTimeoutSeconds * 1000, "ms").default(1000),
        /**
         * DynamoDB `ThrottledRequests` on the table, summed over the operations the routes use, within one minute.
         * @default 1
         */
        tableThrottledRequests: integer(1, maxCountThreshold, "requests").default(1),
    },
    "threshold",
);

/** Every alarm threshold, resolved. */
export interface AlarmThresholds extends z.output<typeof alarmThresholdsSchema> {}
