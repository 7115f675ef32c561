import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { eventsApiSettings, SettingName } from "../../components/settings";
import { settingsFromConfig } from "../../components/stack-config";

/** Asserts the RunError `settingsFromConfig` fails with, line by line. */
function rejects(config: Record<string, string>, ...problems: string[]): void {
    assert.throws(
        () => settingsFromConfig(config),
        (error: Error) => {
            assert.ok(error instanceof pulumi.RunError, `not a RunError: ${error}`);
            assert.strictEqual(error.message, ["invalid stack config:", ...problems].join("\n  "));
            return true;
        },
    );
}

const routeList = "list-events, create-event, get-event, delete-event";

describe("stack config", () => {
    it("parses every setting from the strings the CLI passes", () => {
        // [the stack config's text, as the CLI passes it; the value it stands for]. The type requires an
        // entry for each setting, so a new setting fails to compile here until it has one.
        const everySetting: Record<SettingName, [string, unknown]> = {
            memorySize: ['{"list-events":2048}', { "list-events": 2048 }],
            timeout: ["29", 29],
            runtime: ["nodejs22.x", "nodejs22.x"],
            logRetentionDays: ["30", 30],
            corsAllowOrigins: ['["https://example.com","http://localhost:3000"]', ["https://example.com", "http://localhost:3000"]],
            throttlingBurstLimit: ["10", 10],
            throttlingRateLimit: ["2.5", 2.5],
            routeThrottling: ['{"create-event":{"rateLimit":2}}', { "create-event": { rateLimit: 2 } }],
            pointInTimeRecovery: ["false", false],
            deletionProtection: ["true", true],
            permissionsBoundaryArn: ["arn:aws:iam::123456789012:policy/boundary", "arn:aws:iam::123456789012:policy/boundary"],
            customDomain: [
                '{"domainName":"api.acme.io","certificateArn":"arn:aws:acm:us-east-1:123456789012:certificate/0f8fad5b-d9cb-469f-a165-70867728950e"}',
                { domainName: "api.acme.io", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f8fad5b-d9cb-469f-a165-70867728950e" },
            ],
            reservedConcurrency: ["10", 10],
            provisionedConcurrency: ['{"list-events":2}', { "list-events": 2 }],
            alarmTopicArn: ["arn:aws:sns:us-east-1:123456789012:alarms", "arn:aws:sns:us-east-1:123456789012:alarms"],
            alarmThresholds: ['{"api5xxPercent":0.5}', { api5xxPercent: 0.5 }],
            listShards: ["8", 8],
            jwtIssuer: ["https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC"],
            jwtAudiences: ['["app"]', ["app"]],
            writeScopes: ['["events-api/write"]', ["events-api/write"]],
            authorizeReads: ["true", true],
            adminScopes: ['["events-api/admin"]', ["events-api/admin"]],
        };
        assert.deepStrictEqual(Object.keys(everySetting), Object.keys(eventsApiSettings));
        const config = Object.fromEntries(Object.entries(everySetting).map(([key, [text]]) => [`events-api:${key}`, text]));
        assert.deepStrictEqual(
            settingsFromConfig({ "aws:region": "us-east-1", ...config }),
            Object.fromEntries(Object.entries(everySetting).map(([key, [, value]]) => [key, value])),
        );
    });

    it("returns only the keys that are set, leaving defaults to the component", () => {
        assert.deepStrictEqual(settingsFromConfig({ "events-api:timeout": "5", "aws:region": "us-east-1" }), { timeout: 5 });
        assert.deepStrictEqual(settingsFromConfig({}), {});
    });

    describe("names the key, the entry inside a map, the value given and what is allowed", () => {
        it("an unknown route in a per-route map", () => {
            rejects(
                { "events-api:provisionedConcurrency": '{"list-event": 5}' },
                `events-api:provisionedConcurrency has "list-event", which is not a route: the routes are ${routeList}`,
            );
            rejects(
                { "events-api:reservedConcurrency": '{"a": 1, "b": 2}' },
                `events-api:reservedConcurrency has "a", "b", which are not routes: the routes are ${routeList}`,
            );
        });

        it("a bad value inside a per-route map, naming that route only", () => {
            rejects(
                { "events-api:reservedConcurrency": '{"create-event": -1, "get-event": 2}' },
                "events-api:reservedConcurrency.create-event must be an integer of 0 or more; got -1",
            );
        });

        it("a memorySize map's unknown route and out-of-range entry", () => {
            rejects({ "events-api:memorySize": '{"list-event": 1024}' }, `events-api:memorySize has "list-event", which is not a route: the routes are ${routeList}`);
            rejects({ "events-api:memorySize": '{"get-event": 512, "list-events": 10241}' }, "events-api:memorySize.list-events must be an integer from 128 to 10240 (MB); got 10241");
        });

        it("a per-route value that is neither a count nor a map", () => {
            rejects({ "events-api:reservedConcurrency": "1.5" }, "events-api:reservedConcurrency must be an integer of 0 or more; got 1.5");
            for (const text of ['"5"', "[1,2]", "null"]) {
                rejects(
                    { "events-api:reservedConcurrency": text },
                    "events-api:reservedConcurrency must be an integer of 0 or more for every route, or a map from route name " +
                        `(${routeList}) to such an integer; got ${text}`,
                );
            }
        });

        it("provisioned above reserved concurrency on a route", () => {
            rejects(
                { "events-api:reservedConcurrency": "1", "events-api:provisionedConcurrency": '{"list-events":2}' },
                "events-api:provisionedConcurrency.list-events must not exceed reservedConcurrency on this route (1); got 2",
            );
        });

        it("a bad alarm threshold, naming that threshold and its own range only", () => {
            rejects(
                { "events-api:alarmThresholds": '{"apiLatencyP99Ms": "fast"}' },
                'events-api:alarmThresholds.apiLatencyP99Ms must be an integer from 1 to 30000 (ms); got "fast"',
            );
            rejects(
                { "events-api:alarmThresholds": '{"durationTimeoutRatio": 0, "latency": 1}' },
                "events-api:alarmThresholds.durationTimeoutRatio must be a number above 0 and at most 1 (share of the timeout); got 0",
                'events-api:alarmThresholds has "latency", which is not a threshold: the thresholds are functionErrors, functionThrottles, ' +
                    "durationTimeoutRatio, api5xxPercent, apiLatencyP99Ms, tableThrottledRequests",
            );
            rejects(
                { "events-api:alarmThresholds": "5" },
                "events-api:alarmThresholds must be a map from threshold name (functionErrors, functionThrottles, durationTimeoutRatio, " +
                    "api5xxPercent, apiLatencyP99Ms, tableThrottledRequests) to its value; got 5",
            );
        });

        it("a bad origin, naming its place in the list", () => {
            rejects(
                { "events-api:corsAllowOrigins": '["https://example.com/path", 1]' },
                'events-api:corsAllowOrigins[0] must be an origin, scheme://host[:port] such as "https://example.com", or "*"; got "https://example.com/path"',
                'events-api:corsAllowOrigins[1] must be an origin, scheme://host[:port] such as "https://example.com", or "*"; got 1',
            );
            rejects(
                { "events-api:corsAllowOrigins": '["*", "https://example.com"]' },
                'events-api:corsAllowOrigins must be ["*"] alone: "*" already allows every origin; got ["*","https://example.com"]',
            );
        });

        const allowedOrigins = 'a non-empty list of origins: ["*"], or scheme://host[:port] entries such as "https://example.com"';
        const cases: [string, string, string][] = [
            ["memorySize", "64", "must be an integer from 128 to 10240 (MB); got 64"],
            ["memorySize", "10241", "must be an integer from 128 to 10240 (MB); got 10241"],
            ["memorySize", "lots", `must be an integer from 128 to 10240 (MB) for every route, or a map from route name (${routeList}) to such an integer; got "lots"`],
            ["memorySize", "", `must be an integer from 128 to 10240 (MB) for every route, or a map from route name (${routeList}) to such an integer; got ""`],
            ["timeout", "30", "must be an integer from 1 to 29 (seconds); got 30"],
            ["timeout", "0", "must be an integer from 1 to 29 (seconds); got 0"],
            ["runtime", "nodejs20.x", 'must be one of nodejs22.x, nodejs24.x; got "nodejs20.x"'],
            [
                "logRetentionDays",
                "8",
                "must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653; got 8",
            ],
            ["corsAllowOrigins", "[]", `must be ${allowedOrigins}; got []`],
            ["corsAllowOrigins", "https://example.com", `must be ${allowedOrigins}; got "https://example.com"`],
            ["throttlingBurstLimit", "0", "must be a positive integer (requests); got 0"],
            ["throttlingBurstLimit", "2.5", "must be a positive integer (requests); got 2.5"],
            ["throttlingRateLimit", "-5", "must be a positive number (requests per second); got -5"],
            ["throttlingRateLimit", "Infinity", 'must be a positive number (requests per second); got "Infinity"'],
            ["pointInTimeRecovery", "yes", 'must be true or false; got "yes"'],
            ["deletionProtection", "1", "must be true or false; got 1"],
            ["alarmTopicArn", "arn:aws:sns:eu-west-1:1234:x", 'must be an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:alarms; got "arn:aws:sns:eu-west-1:1234:x"'],
            ["listShards", "0", "must be an integer from 1 to 16 (shards); got 0"],
            ["listShards", "17", "must be an integer from 1 to 16 (shards); got 17"],
            ["listShards", "2.5", "must be an integer from 1 to 16 (shards); got 2.5"],
            ["listShards", "many", 'must be an integer from 1 to 16 (shards); got "many"'],
            ["alarmTopicArn", "arn:aws:sqs:eu-west-1:123456789012:q", 'must be an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:alarms; got "arn:aws:sqs:eu-west-1:123456789012:q"'],
        ];
        for (const [key, value, message] of cases) {
            it(`events-api:${key} = ${JSON.stringify(value)}`, () => rejects({ [`events-api:${key}`]: value }, `events-api:${key} ${message}`));
        }

        it("an unknown events-api key, listing the settings", () => {
            rejects(
                { "events-api:memory": "512" },
                "events-api:memory is not a setting: the settings are memorySize, timeout, runtime, logRetentionDays, corsAllowOrigins, " +
                    "throttlingBurstLimit, throttlingRateLimit, routeThrottling, pointInTimeRecovery, deletionProtection, permissionsBoundaryArn, customDomain, reservedConcurrency, " +
                    "provisionedConcurrency, alarmTopicArn, alarmThresholds, listShards, jwtIssuer, jwtAudiences, writeScopes, authorizeReads, adminScopes",
            );
        });

        it("every bad key at once, as the README shows", () => {
            rejects(
                {
                    "events-api:provisionedConcurrency": '{"list-event": 5}',
                    "events-api:alarmThresholds": '{"apiLatencyP99Ms": "fast"}',
                    "events-api:reservedConcurrency": '{"create-event": -1, "get-event": 2}',
                },
                "events-api:reservedConcurrency.create-event must be an integer of 0 or more; got -1",
                `events-api:provisionedConcurrency has "list-event", which is not a route: the routes are ${routeList}`,
                'events-api:alarmThresholds.apiLatencyP99Ms must be an integer from 1 to 30000 (ms); got "fast"',
            );
        });

        it("every bad key at once, the concurrency check included", () => {
            rejects(
                {
                    "events-api:memorySize": "1",
                    "events-api:timeout": "99",
                    "events-api:reservedConcurrency": '{"get-event": 4}',
                    "events-api:provisionedConcurrency": "5",
                },
                "events-api:memorySize must be an integer from 128 to 10240 (MB); got 1",
                "events-api:timeout must be an integer from 1 to 29 (seconds); got 99",
                "events-api:provisionedConcurrency.get-event must not exceed reservedConcurrency on this route (4); got 5",
            );
        });
    });

    it("accepts the smallest and largest memorySize, timeout and listShards, the longest retention, the alarm thresholds' maxima, a 0.5 rate, a reservation of 0 and a loopback origin", () => {
        for (const [key, value] of [
            ["memorySize", "128"],
            ["memorySize", "10240"],
            ["timeout", "1"],
            ["timeout", "29"],
            ["logRetentionDays", "3653"],
            ["corsAllowOrigins", '["*"]'],
            ["corsAllowOrigins", '["http://127.0.0.1:5173"]'],
            ["throttlingRateLimit", "0.5"],
            ["reservedConcurrency", "0"],
            ["listShards", "1"],
            ["listShards", "16"],
            ["alarmThresholds", '{"durationTimeoutRatio":1,"api5xxPercent":100,"apiLatencyP99Ms":30000}'],
        ]) {
            assert.doesNotThrow(() => settingsFromConfig({ [`events-api:${key}`]: value }), `${key}=${value}`);
        }
        assert.doesNotThrow(() => settingsFromConfig({ "events-api:reservedConcurrency": "5", "events-api:provisionedConcurrency": "5" }));
    });
});
