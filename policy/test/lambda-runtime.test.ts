import * as assert from "assert";
import { resource, verdictsOf } from "./harness";
import { findings, fn, nativeFn } from "./stack-fixtures";

const runtimePolicy = "lambda-supported-runtime";
const source = "(AWS's runtime table, https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, as read on 2026-12-03.)";
const asOf = (analysisDate: string, settings: Record<string, unknown> = {}) => ({ [runtimePolicy]: { analysisDate, ...settings } });

describe("lambda-supported-runtime, through the pack's analyzer", function () {
    this.timeout(60_000);

    it("passes supported runtimes of every family, OS-only provided.al2023 included, on both providers", async () => {
        const verdicts = await verdictsOf(
            () => [
                fn("node", { runtime: "nodejs24.x" }),
                fn("python", { runtime: "python3.13", handler: "app.handler" }),
                fn("java", { runtime: "java21", handler: "example.Handler" }),
                fn("go", { runtime: "provided.al2023", handler: "bootstrap" }),
                fn("ruby", { runtime: "ruby3.4", handler: "app.handler" }),
                nativeFn("native", { runtime: "python3.12" }),
            ],
            { policy: runtimePolicy, config: asOf("2026-12-03") },
        );
        assert.deepStrictEqual(verdicts, []);
    });

    it("rejects a deprecated runtime as mandatory, giving the deprecation and block dates that apply and the runtime to move to", async () => {
        const verdicts = await verdictsOf(
            () => [fn("node20", { runtime: "nodejs20.x" }), fn("al2", { runtime: "provided.al2", handler: "bootstrap" }), nativeFn("go1", { runtime: "go1.x", handler: "main" })],
            { policy: runtimePolicy, config: asOf("2026-12-03") },
        );
        assert.deepStrictEqual(findings(verdicts), [
            [
                "mandatory",
                "al2",
                "Lambda function \"al2\": runtime provided.al2 was deprecated on 2026-07-31: AWS no longer patches it and functions on it get no technical support. " +
                    `Lambda blocks creating functions on it from 2027-02-01 and blocks updating them from 2027-03-03. Set runtime to provided.al2023 (supported until 2029-06-30). ${source}`,
            ],
            [
                "mandatory",
                "go1",
                "Lambda function \"go1\": runtime go1.x was deprecated on 2024-01-08: AWS no longer patches it and functions on it get no technical support. " +
                    `Lambda has blocked creating functions on it since 2024-02-08 and blocks updating them from 2027-03-03. Set runtime to provided.al2023 (supported until 2029-06-30). ${source}`,
            ],
            [
                "mandatory",
                "node20",
                "Lambda function \"node20\": runtime nodejs20.x was deprecated on 2026-04-30: AWS no longer patches it and functions on it get no technical support. " +
                    `Lambda blocks creating functions on it from 2027-02-01 and blocks updating them from 2027-03-03. Set runtime to nodejs24.x (supported until 2028-04-30). ${source}`,
            ],
        ]);
    });

    it("warns (advisory) within warnDaysBeforeDeprecation of the deprecation date, 90 by default, and fails from the date itself", async () => {
        const node22 = () => fn("node22", { runtime: "nodejs22.x" });
        const warning =
            "Lambda function \"node22\": runtime nodejs22.x is deprecated on 2027-04-30, in 90 day(s); from then on this policy fails the preview. " +
            `Lambda blocks creating functions on it from 2027-06-01 and blocks updating them from 2027-07-01. Set runtime to nodejs24.x (supported until 2028-04-30). ${source}`;
        assert.deepStrictEqual(findings(await verdictsOf(node22, { policy: runtimePolicy, config: asOf("2027-01-29") })), []);
        assert.deepStrictEqual(findings(await verdictsOf(node22, { policy: runtimePolicy, config: asOf("2027-01-30") })), [["advisory", "node22", warning]]);
        assert.deepStrictEqual(findings(await verdictsOf(node22, { policy: runtimePolicy, config: asOf("2027-01-30", { warnDaysBeforeDeprecation: 30 }) })), []);
        const [[level, , , message]] = await verdictsOf(node22, { policy: runtimePolicy, config: asOf("2027-04-30") });
        assert.strictEqual(level, "mandatory");
        assert.match(message, /^Lambda function "node22": runtime nodejs22\.x was deprecated on 2027-04-30: /);
    });

    it("follows the pack config's level: a deprecated runtime is only advisory when the organization lowers the policy", async () => {
        const verdicts = await verdictsOf(() => fn("node18", { runtime: "nodejs18.x" }), { policy: runtimePolicy, config: { [runtimePolicy]: { enforcementLevel: "advisory", analysisDate: "2026-12-03" } } });
        assert.deepStrictEqual(
            verdicts.map((row) => row.slice(0, 3)),
            [["advisory", runtimePolicy, "node18"]],
        );
    });

    it("runs on the day the analysis runs when analysisDate is not set: a runtime whose dates are all past fails, each block date in the past tense", async () => {
        // nodejs12.x's every date is in 2023, so the message is the same whatever day this runs.
        const verdicts = await verdictsOf(() => fn("node12", { runtime: "nodejs12.x" }), { policy: runtimePolicy, config: { [runtimePolicy]: { analysisDate: undefined } } });
        assert.deepStrictEqual(findings(verdicts), [
            [
                "mandatory",
                "node12",
                "Lambda function \"node12\": runtime nodejs12.x was deprecated on 2023-03-31: AWS no longer patches it and functions on it get no technical support. " +
                    `Lambda has blocked creating functions on it since 2023-03-31 and has blocked updating them since 2023-04-30. Set runtime to nodejs24.x (supported until 2028-04-30). ${source}`,
            ],
        ]);
    });

    it("passes a container image whatever runtime is left on it, and a runtime unknown at preview with no advisory", async () => {
        const verdicts = await verdictsOf(
            () => {
                const settings = resource("test:index:RuntimeSetting", "setting", { value: undefined }) as unknown as { value: unknown };
                return [
                    fn("image", { packageType: "Image", imageUri: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:1", runtime: "nodejs16.x", handler: undefined, code: undefined }),
                    fn("computed", { runtime: settings.value }),
                ];
            },
            { policy: runtimePolicy, config: asOf("2026-12-03") },
        );
        assert.deepStrictEqual(verdicts, []);
    });

    it("gives an advisory, not a failure, for a runtime missing from its copy of AWS's table", async () => {
        const verdicts = await verdictsOf(() => fn("next", { runtime: "nodejs26.x" }), { policy: runtimePolicy, config: asOf("2026-12-03") });
        assert.deepStrictEqual(findings(verdicts), [
            [
                "advisory",
                "next",
                'Lambda function "next": runtime "nodejs26.x" is not in the pack\'s copy of AWS\'s runtime table, so the pack cannot tell when it is deprecated. ' +
                    `If AWS added it after 2026-12-03, add its dates to policy/policies/lambda-runtimes.ts; otherwise use a runtime from the table ${source}`,
            ],
        ]);
    });

    it("refuses, as the CLI does, an analysisDate that is not a YYYY-MM-DD day and a negative warnDaysBeforeDeprecation", async () => {
        await assert.rejects(
            verdictsOf(() => fn("f"), { config: { [runtimePolicy]: { analysisDate: "2026-13-01", warnDaysBeforeDeprecation: -1 } } }),
            (error: Error) => {
                assert.deepStrictEqual(
                    error.message.split("\n").map((line) => line.split(":")[0]),
                    ["invalid pack config", 'lambda-supported-runtime.analysisDate is "2026-13-01"', "lambda-supported-runtime.warnDaysBeforeDeprecation is -1"],
                );
                return true;
            },
        );
    });
});

const timeoutPolicy = "lambda-timeout-set";
const timeoutFix =
    "(the provider fills in 3 when it is unset, so the two look alike). Set timeout to what the function needs, a little above its longest expected run " +
    "(up to 900 s; under 29 s behind API Gateway): too short cuts off slow requests, too long lets a stuck invocation run on and bill.";

describe("lambda-timeout-set, through the pack's analyzer", function () {
    this.timeout(60_000);

    it("passes a timeout of its own on both providers", async () => {
        assert.deepStrictEqual(await verdictsOf(() => [fn("aws", { timeout: 10 }), nativeFn("native", { timeout: 4 })], { policy: timeoutPolicy }), []);
    });

    it("flags an unset timeout and an explicit 3 s alike (after the provider's Check they look the same), aws-native included", async () => {
        const verdicts = await verdictsOf(() => [fn("a-unset", { timeout: undefined }), fn("b-three", { timeout: 3 }), nativeFn("c-native", { timeout: undefined })], { policy: timeoutPolicy });
        assert.deepStrictEqual(findings(verdicts), [
            ["advisory", "a-unset", `Lambda function "a-unset": timeout is unset, so Lambda's default of 3 s applies ${timeoutFix}`],
            ["advisory", "b-three", `Lambda function "b-three": timeout is 3 s, Lambda's default ${timeoutFix}`],
            ["advisory", "c-native", `Lambda function "c-native": timeout is unset, so Lambda's default of 3 s applies ${timeoutFix}`],
        ]);
    });

    it("leaves a timeout unknown at preview to the update, with no advisory", async () => {
        const verdicts = await verdictsOf(() => {
            const setting = resource("test:index:Timeout", "setting", { seconds: undefined }) as unknown as { seconds: unknown };
            return fn("computed", { timeout: setting.seconds });
        });
        assert.deepStrictEqual(verdicts, []);
    });
});
