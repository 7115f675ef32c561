import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { resourceTypes } from "../policies/resource-types";
import { compliantFunction, resource, verdictsOf } from "./harness";

const fn = (props: Record<string, unknown>, name = "fn") => resource(resourceTypes.lambdaFunction, name, compliantFunction(props));
const nativeFn = (props: Record<string, unknown>, name = "native-fn") =>
    resource(resourceTypes.nativeLambdaFunction, name, {
        role: "arn:aws:iam::123456789012:role/fn",
        runtime: "nodejs22.x",
        handler: "index.handler",
        code: { zipFile: "exports.handler = async () => 1;" },
        memorySize: 512,
        architectures: ["arm64"],
        ...props,
    });

const memory = "lambda-memory-above-128mb";
const arm64 = "lambda-arm64-architecture";
const exemption = (policy: string) =>
    `If it cannot comply yet, ask for an exemption: {"policy-exemptions": {"exemptions": [{"policy": "${policy}", "resources": ["<resource name>"], "reason": "<why>"}]}} in the pack config.`;
const fix = `(CPU grows with memory, so a larger size often runs faster and costs no more). ${exemption(memory)}`;
const arm64Fix =
    'Set architectures to ["arm64"]. Code with native x86_64 binaries needs an arm64 build too: Go, GOOS=linux GOARCH=arm64 go build -o bootstrap; ' +
    "npm packages with native modules (sharp, bcrypt, ...), npm ci --os=linux --cpu=arm64 (or build in an arm64 container); Python wheels, " +
    `pip install --platform manylinux2014_aarch64 --only-binary=:all: --target package/. ${exemption(arm64)}`;

describe("lambda-memory-above-128mb, through the pack's analyzer", function () {
    this.timeout(60_000);

    it("passes 512 MB and 129 MB", async () => {
        assert.deepStrictEqual(await verdictsOf(() => [fn({}), fn({ memorySize: 129 }, "fn-129")]), []);
    });

    it("rejects 128 MB, less, and unset (Lambda's 128 MB default) as mandatory, naming the function, value and fix", async () => {
        const verdicts = await verdictsOf(() => [fn({ memorySize: 128 }, "small"), fn({ memorySize: 64 }, "tiny"), fn({ memorySize: undefined }, "unset")]);
        assert.deepStrictEqual(verdicts, [
            ["mandatory", memory, "small", `Lambda function "small": memorySize is 128 MB; it must have more than 128 MB. Set memorySize to 1024 MB, the size this pack recommends ${fix}`],
            ["mandatory", memory, "tiny", `Lambda function "tiny": memorySize is 64 MB; it must have more than 128 MB. Set memorySize to 1024 MB, the size this pack recommends ${fix}`],
            ["mandatory", memory, "unset", `Lambda function "unset": memorySize is unset, so Lambda gives it 128 MB; it must have more than 128 MB. Set memorySize to 1024 MB, the size this pack recommends ${fix}`],
        ]);
    });

    it("raises the floor to the configured minimumMemorySize", async () => {
        const verdicts = await verdictsOf(() => [fn({ memorySize: 1024 }, "small"), fn({ memorySize: 2048 }, "large")], {
            config: { [memory]: { minimumMemorySize: 2048 } },
        });
        assert.deepStrictEqual(verdicts, [["mandatory", memory, "small", `Lambda function "small": memorySize is 1024 MB; it must have at least 2048 MB. Set memorySize to 2048 MB or more ${fix}`]]);
        // Below the recommendation, the floor only decides what fails: the advice stays the recommended size.
        const lowFloor = await verdictsOf(() => [fn({ memorySize: 256 }, "small")], { config: { [memory]: { minimumMemorySize: 512 } } });
        assert.deepStrictEqual(lowFloor, [["mandatory", memory, "small", `Lambda function "small": memorySize is 256 MB; it must have at least 512 MB. Set memorySize to 1024 MB, the size this pack recommends ${fix}`]]);
    });

    it("follows the pack config's enforcement level: advisory, disabled, or every policy's through `all`", async () => {
        const small = () => fn({ memorySize: 128, architectures: ["x86_64"] });
        const levels = async (config: object) => (await verdictsOf(small, { config })).map((row) => `${row[1]} ${row[0]}`);
        assert.deepStrictEqual(await levels({ [memory]: "advisory" }), [`${arm64} mandatory`, `${memory} advisory`]);
        assert.deepStrictEqual(await levels({ [memory]: { enforcementLevel: "disabled" } }), [`${arm64} mandatory`]);
        assert.deepStrictEqual(await levels({ all: "advisory", [arm64]: "mandatory" }), [`${arm64} mandatory`, `${memory} advisory`]);
    });

    it("checks aws-native functions too", async () => {
        assert.deepStrictEqual(await verdictsOf(() => nativeFn({ memorySize: 128 }), { policy: memory }), [
            ["mandatory", memory, "native-fn", `Lambda function "native-fn": memorySize is 128 MB; it must have more than 128 MB. Set memorySize to 1024 MB, the size this pack recommends ${fix}`],
        ]);
    });

    it("reports a memorySize unknown at preview as the analyzer's advisory, and still runs every other policy", async () => {
        const verdicts = await verdictsOf(() => {
            const size = resource("test:index:Sizing", "sizing", {});
            return fn({ memorySize: size.id, architectures: ["x86_64"] });
        });
        assert.deepStrictEqual(verdicts, [
            ["mandatory", arm64, "fn", `Lambda function "fn": architectures is ["x86_64"]. ${arm64Fix}`],
            [
                "advisory",
                memory,
                "fn",
                "can't run policy 'lambda-memory-above-128mb' from policy pack 'events-api-policies@v0.1.0' during preview: string value at .memorySize can't be known during preview",
            ],
        ]);
    });
});

describe("lambda-arm64-architecture, through the pack's analyzer", function () {
    this.timeout(60_000);

    it("passes arm64", async () => {
        assert.deepStrictEqual(await verdictsOf(() => fn({}), { policy: arm64 }), []);
    });

    it("rejects x86_64, unset and empty (Lambda runs both on x86_64) as mandatory, aws-native included", async () => {
        const verdicts = await verdictsOf(
            () => [fn({ architectures: ["x86_64"] }, "x86"), fn({ architectures: undefined }, "unset"), fn({ architectures: [] }, "empty"), nativeFn({ architectures: ["x86_64"] })],
            { policy: arm64 },
        );
        assert.deepStrictEqual(verdicts, [
            ["mandatory", arm64, "empty", `Lambda function "empty": architectures is unset, so Lambda runs it on x86_64. ${arm64Fix}`],
            ["mandatory", arm64, "native-fn", `Lambda function "native-fn": architectures is ["x86_64"]. ${arm64Fix}`],
            ["mandatory", arm64, "unset", `Lambda function "unset": architectures is unset, so Lambda runs it on x86_64. ${arm64Fix}`],
            ["mandatory", arm64, "x86", `Lambda function "x86": architectures is ["x86_64"]. ${arm64Fix}`],
        ]);
    });

    it("leaves other resource types alone", async () => {
        const verdicts = await verdictsOf(() => resource(resourceTypes.logGroup, "logs", { retentionInDays: 7, memorySize: 64, architectures: ["x86_64"] }));
        assert.deepStrictEqual(verdicts, []);
    });
});

describe("lambda-tracing-active and lambda-explicit-log-group, through the pack's analyzer", function () {
    this.timeout(60_000);

    it("flag PassThrough or unset tracing and an unset or empty log group as advisory", async () => {
        const verdicts = await verdictsOf(() => [
            fn({ tracingConfig: { mode: "PassThrough" } }, "pass-through"),
            fn({ tracingConfig: undefined, loggingConfig: { logFormat: "JSON" } }, "unset"),
            fn({ loggingConfig: { logFormat: "JSON", logGroup: "" } }, "empty"),
        ]);
        assert.deepStrictEqual(
            verdicts.map(([level, policy, name, message]) => [level, policy, name, message.split(", so")[0]]),
            [
                ["advisory", "lambda-explicit-log-group", "empty", 'Lambda function "empty": loggingConfig.logGroup is ""'],
                ["advisory", "lambda-tracing-active", "pass-through", 'Lambda function "pass-through": tracingConfig.mode is "PassThrough". Set tracingConfig to { mode: "Active" }.'],
                ["advisory", "lambda-explicit-log-group", "unset", 'Lambda function "unset": loggingConfig.logGroup is unset'],
                ["advisory", "lambda-tracing-active", "unset", 'Lambda function "unset": tracingConfig.mode is unset. Set tracingConfig to { mode: "Active" }.'],
            ],
        );
    });

    it("accept a log group the stack declares, named by its output", async () => {
        const verdicts = await verdictsOf(() => {
            const logs = resource(resourceTypes.logGroup, "fn-logs", { retentionInDays: 7, name: undefined });
            return fn({ loggingConfig: { logFormat: "JSON", logGroup: (logs as unknown as { name: pulumi.Output<string> }).name } });
        });
        assert.deepStrictEqual(verdicts, []);
    });
});
