import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { eventsApiDefaults } from "../../components/events-api";
import { settingRules } from "../../components/settings";
import { settingsFromConfig } from "../../components/stack-config";

function rejects(config: Record<string, string>, message: RegExp): void {
    assert.throws(
        () => settingsFromConfig(config),
        (error: Error) => {
            assert.ok(error instanceof pulumi.RunError, `not a RunError: ${error}`);
            assert.match(error.message, message);
            return true;
        },
    );
}

describe("stack config", () => {
    it("parses every setting from the strings the CLI passes", () => {
        assert.deepStrictEqual(
            settingsFromConfig({
                "aws:region": "eu-west-1",
                "events-api:memorySize": "1024",
                "events-api:timeout": "29",
                "events-api:runtime": "nodejs22.x",
                "events-api:logRetentionDays": "30",
                "events-api:corsAllowOrigins": '["https://example.com","http://localhost:3000"]',
                "events-api:throttlingBurstLimit": "10",
                "events-api:throttlingRateLimit": "2.5",
                "events-api:pointInTimeRecovery": "false",
                "events-api:deletionProtection": "true",
            }),
            {
                memorySize: 1024,
                timeout: 29,
                runtime: "nodejs22.x",
                logRetentionDays: 30,
                corsAllowOrigins: ["https://example.com", "http://localhost:3000"],
                throttlingBurstLimit: 10,
                throttlingRateLimit: 2.5,
                pointInTimeRecovery: false,
                deletionProtection: true,
            },
        );
    });

    it("returns only the keys that are set, leaving defaults to the component", () => {
        assert.deepStrictEqual(settingsFromConfig({ "events-api:timeout": "5", "aws:region": "us-east-1" }), { timeout: 5 });
        assert.deepStrictEqual(settingsFromConfig({}), {});
    });

    it("has a config rule and a component default for every setting", () => {
        assert.deepStrictEqual(Object.keys(eventsApiDefaults).sort(), Object.keys(settingRules).sort());
    });

    describe("fails naming the key and the allowed values", () => {
        const cases: [string, string, RegExp][] = [
            ["memorySize", "64", /events-api:memorySize must be an integer from 128 to 10240 \(MB\); got 64/],
            ["memorySize", "10241", /events-api:memorySize must be an integer from 128 to 10240/],
            ["memorySize", "lots", /events-api:memorySize must be an integer from 128 to 10240 \(MB\); got lots/],
            ["memorySize", "", /events-api:memorySize must be an integer/],
            ["timeout", "30", /events-api:timeout must be an integer from 1 to 29 \(seconds\); got 30/],
            ["timeout", "0", /events-api:timeout must be an integer from 1 to 29/],
            ["runtime", "nodejs20.x", /events-api:runtime must be one of nodejs22.x, nodejs24.x; got nodejs20.x/],
            ["logRetentionDays", "0", /events-api:logRetentionDays must be one of 1, 3, 5, 7, 14,.*3653; got 0/],
            ["logRetentionDays", "8", /events-api:logRetentionDays must be one of/],
            ["corsAllowOrigins", "[]", /events-api:corsAllowOrigins must be a non-empty list of origins/],
            ["corsAllowOrigins", "https://example.com", /events-api:corsAllowOrigins must be a non-empty list.*got https:\/\/example.com/],
            ["corsAllowOrigins", '["https://example.com/path"]', /events-api:corsAllowOrigins must be/],
            ["corsAllowOrigins", "[1]", /events-api:corsAllowOrigins must be/],
            ["throttlingBurstLimit", "0", /events-api:throttlingBurstLimit must be a positive integer \(requests\); got 0/],
            ["throttlingRateLimit", "-5", /events-api:throttlingRateLimit must be a positive number \(requests per second\); got -5/],
            ["throttlingRateLimit", "Infinity", /events-api:throttlingRateLimit must be a positive number/],
            ["pointInTimeRecovery", "yes", /events-api:pointInTimeRecovery must be true or false; got yes/],
            ["deletionProtection", "1", /events-api:deletionProtection must be true or false; got 1/],
        ];
        for (const [key, value, message] of cases) {
            it(`events-api:${key} = ${JSON.stringify(value)}`, () => rejects({ [`events-api:${key}`]: value }, message));
        }

        it("an unknown events-api key, listing the known ones", () => {
            rejects({ "events-api:memory": "512" }, /events-api:memory is not a setting; known keys: memorySize, timeout/);
        });

        it("every bad key in one message", () => {
            rejects(
                { "events-api:memorySize": "1", "events-api:timeout": "99" },
                /events-api:memorySize must .*\n.*events-api:timeout must/,
            );
        });
    });

    it("accepts the edges of every range", () => {
        for (const [key, value] of [
            ["memorySize", "128"],
            ["memorySize", "10240"],
            ["timeout", "1"],
            ["timeout", "29"],
            ["logRetentionDays", "3653"],
            ["corsAllowOrigins", '["*"]'],
            ["corsAllowOrigins", '["http://127.0.0.1:5173"]'],
            ["throttlingRateLimit", "0.5"],
        ]) {
            assert.doesNotThrow(() => settingsFromConfig({ [`events-api:${key}`]: value }), `${key}=${value}`);
        }
    });
});
