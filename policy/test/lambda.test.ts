import * as assert from "assert";
import { lambdaArm64Architecture, lambdaExplicitLogGroup, lambdaMemoryAbove128mb, lambdaTracingActive } from "../policies/lambda";
import { compliantFunction, compliantLogGroup, violationsOf, without } from "./fixtures";

describe("lambda-memory-above-128mb", () => {
    it("passes a function with 512 MB, and one with 129 MB", async () => {
        assert.deepStrictEqual(await violationsOf(lambdaMemoryAbove128mb, [compliantFunction(), compliantFunction({ memorySize: 129 })]), []);
    });

    it("rejects 128 MB (also what a real preview shows when the provider fills the default in) as mandatory", async () => {
        const [violation, ...rest] = await violationsOf(lambdaMemoryAbove128mb, [compliantFunction({ memorySize: 128 })]);
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(violation.enforcementLevel, "mandatory");
        assert.match(violation.message, /^Lambda function "api-get-event-fn": memorySize is 128 MB\. Set memorySize to 129 MB or more/);
    });

    it("rejects a size below 128 MB", async () => {
        const violations = await violationsOf(lambdaMemoryAbove128mb, [compliantFunction({ memorySize: 64 })]);
        assert.deepStrictEqual(violations.map((v) => v.message.split(".")[0]), ['Lambda function "api-get-event-fn": memorySize is 64 MB']);
    });

    it("rejects an unset memorySize, which Lambda makes 128 MB", async () => {
        const [violation] = await violationsOf(lambdaMemoryAbove128mb, [without(compliantFunction(), "memorySize")]);
        assert.match(violation.message, /memorySize is unset, so Lambda gives it 128 MB\. Set memorySize to 129 MB or more/);
    });

    it("ignores other resource types", async () => {
        assert.deepStrictEqual(await violationsOf(lambdaMemoryAbove128mb, [compliantLogGroup({ memorySize: 64 })]), []);
    });

    it("raises the floor to minimumMemorySize when an organization configures it", async () => {
        const config = { minimumMemorySize: 1024 };
        const violations = await violationsOf(
            lambdaMemoryAbove128mb,
            [compliantFunction({ memorySize: 512 }, "small"), compliantFunction({ memorySize: 1024 }, "large")],
            config,
        );
        assert.deepStrictEqual(violations.map((v) => v.message.split(" (")[0]), [
            'Lambda function "small": memorySize is 512 MB. Set memorySize to 1024 MB or more',
        ]);
    });

    it("refuses a minimumMemorySize that would lower the floor, naming the setting and range", async () => {
        await assert.rejects(
            violationsOf(lambdaMemoryAbove128mb, [compliantFunction()], { minimumMemorySize: 128 }),
            /lambda-memory-above-128mb\.minimumMemorySize is 128; expected integer from 129 to 10240/,
        );
    });
});

describe("lambda-arm64-architecture", () => {
    it("passes an arm64 function", async () => {
        assert.deepStrictEqual(await violationsOf(lambdaArm64Architecture, [compliantFunction()]), []);
    });

    it("rejects x86_64 (also what a real preview shows when the provider fills the default in) as mandatory", async () => {
        const [violation] = await violationsOf(lambdaArm64Architecture, [compliantFunction({ architectures: ["x86_64"] })]);
        assert.strictEqual(violation.enforcementLevel, "mandatory");
        assert.strictEqual(violation.message, 'Lambda function "api-get-event-fn": architectures is ["x86_64"]. Set architectures to ["arm64"].');
    });

    it("rejects unset and empty architectures, which Lambda runs on x86_64", async () => {
        const violations = await violationsOf(lambdaArm64Architecture, [
            without(compliantFunction(), "architectures"),
            compliantFunction({ architectures: [] }),
        ]);
        assert.strictEqual(violations.length, 2);
        for (const violation of violations) {
            assert.match(violation.message, /architectures is unset, so Lambda runs it on x86_64/);
        }
    });

    it("ignores other resource types", async () => {
        assert.deepStrictEqual(await violationsOf(lambdaArm64Architecture, [compliantLogGroup({ architectures: ["x86_64"] })]), []);
    });
});

describe("lambda-tracing-active", () => {
    it("passes Active tracing and flags PassThrough and unset as advisory", async () => {
        const violations = await violationsOf(lambdaTracingActive, [
            compliantFunction({}, "active"),
            compliantFunction({ tracingConfig: { mode: "PassThrough" } }, "pass-through"),
            without(compliantFunction({}, "unset"), "tracingConfig"),
        ]);
        assert.deepStrictEqual(
            violations.map((v) => [v.enforcementLevel, v.message]),
            [
                ["advisory", 'Lambda function "pass-through": tracingConfig.mode is "PassThrough". Set tracingConfig to { mode: "Active" }.'],
                ["advisory", 'Lambda function "unset": tracingConfig.mode is unset. Set tracingConfig to { mode: "Active" }.'],
            ],
        );
    });

    it("ignores other resource types", async () => {
        assert.deepStrictEqual(await violationsOf(lambdaTracingActive, [compliantLogGroup()]), []);
    });
});

describe("lambda-explicit-log-group", () => {
    it("passes a function that names its log group, and flags unset and empty ones", async () => {
        const violations = await violationsOf(lambdaExplicitLogGroup, [
            compliantFunction({}, "named"),
            compliantFunction({ loggingConfig: { logFormat: "JSON" } }, "unset"),
            compliantFunction({ loggingConfig: { logFormat: "JSON", logGroup: "" } }, "empty"),
            without(compliantFunction({}, "no-logging-config"), "loggingConfig"),
        ]);
        assert.deepStrictEqual(
            violations.map((v) => v.message.split(", so")[0]),
            [
                'Lambda function "unset": loggingConfig.logGroup is unset',
                'Lambda function "empty": loggingConfig.logGroup is ""',
                'Lambda function "no-logging-config": loggingConfig.logGroup is unset',
            ],
        );
        assert.match(violations[0].message, /Declare an aws\.cloudwatch\.LogGroup with retentionInDays and set loggingConfig\.logGroup/);
    });

    it("ignores other resource types", async () => {
        assert.deepStrictEqual(await violationsOf(lambdaExplicitLogGroup, [compliantLogGroup()]), []);
    });
});
