import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { resourceTypes } from "../policies/resource-types";
import { compliantFunction, deploy, handlerCode, resource, rows } from "./harness";

const memory = "lambda-memory-above-128mb";
const arm64 = "lambda-arm64-architecture";
const remediate = { [memory]: { enforcementLevel: "remediate", minimumMemorySize: 1024 }, [arm64]: "remediate" };
const sig = pulumi.runtime.specialSigKey;
const secret = (value: unknown) => ({ [sig]: pulumi.runtime.specialSecretSig, value });

describe("remediation (enforcementLevel: remediate), through the Remediate RPC as the engine calls it", function () {
    this.timeout(60_000);

    it("sets architectures to arm64 and memorySize to the floor, keeps every other input as it was, and the result passes", async () => {
        const { remediations, verdicts, stack } = await deploy(
            () => {
                const role = resource("aws:iam/role:Role", "role", { assumeRolePolicy: "{}", arn: undefined }) as pulumi.CustomResource & { arn: pulumi.Output<string> };
                return resource(
                    resourceTypes.lambdaFunction,
                    "fn",
                    compliantFunction({ memorySize: 128, architectures: ["x86_64"], role: role.arn, environment: { variables: { RELEASE: pulumi.secret("2026.12") } } }),
                );
            },
            { config: remediate },
        );
        assert.deepStrictEqual(
            remediations.map((r) => [r.policyName, r.resource.name]),
            [
                [memory, "fn"],
                [arm64, "fn"],
            ],
        );
        const [first, second] = remediations;
        assert.deepStrictEqual([first.after.memorySize, first.after.architectures], [1024, ["x86_64"]]);
        assert.deepStrictEqual([second.after.memorySize, second.after.architectures], [1024, ["arm64"]]);
        // Unknown at preview (the role's ARN), secret, and the code archive: all handed back intact.
        assert.strictEqual(second.after.role, pulumi.runtime.unknownValue);
        assert.deepStrictEqual(second.after.environment, { variables: { RELEASE: secret("2026.12") } });
        assert.deepStrictEqual(second.after.code, {
            [sig]: pulumi.runtime.specialArchiveSig,
            assets: { "index.js": { [sig]: pulumi.runtime.specialAssetSig, text: handlerCode } },
        });
        // The engine analyzes the remediated inputs, and the stack with them: nothing left to report.
        assert.deepStrictEqual(rows(verdicts), []);
        assert.deepStrictEqual(stack.find((r) => r.name === "fn")?.properties.architectures, ["arm64"]);
    });

    it("keeps a secret memorySize secret, and remediates aws-native functions", async () => {
        const { remediations, verdicts } = await deploy(
            () => [
                resource(resourceTypes.lambdaFunction, "secret-size", compliantFunction({ memorySize: pulumi.secret(128) })),
                resource(resourceTypes.nativeLambdaFunction, "native", { role: "arn:aws:iam::123456789012:role/fn", code: { zipFile: handlerCode }, memorySize: 256, timeout: 10, tracingConfig: { mode: "Active" }, loggingConfig: { logGroup: "native-logs" } }),
            ],
            { config: remediate },
        );
        const byName = (name: string) => remediations.filter((r) => r.resource.name === name).map((r) => [r.policyName, r.after.memorySize, r.after.architectures]);
        assert.deepStrictEqual(byName("secret-size"), [[memory, secret(1024), ["arm64"]]]);
        assert.deepStrictEqual(byName("native"), [
            [memory, 1024, undefined],
            [arm64, 1024, ["arm64"]],
        ]);
        assert.deepStrictEqual(rows(verdicts), []);
    });

    it("raises a function to the recommended 1024 MB when the floor is lower, as the violation advises (129 MB would run on 128's CPU)", async () => {
        const { remediations, verdicts } = await deploy(
            () => [resource(resourceTypes.lambdaFunction, "unset", compliantFunction({ memorySize: undefined })), resource(resourceTypes.lambdaFunction, "small", compliantFunction({ memorySize: 128 }))],
            { config: { [memory]: "remediate" } },
        );
        assert.deepStrictEqual(
            remediations.map((r) => [r.resource.name, r.after.memorySize]),
            [
                ["unset", 1024],
                ["small", 1024],
            ],
        );
        assert.deepStrictEqual(rows(verdicts), []);
    });

    it("changes nothing when the policies are mandatory, when the function complies, or when the value is unknown at preview", async () => {
        const mandatory = await deploy(() => resource(resourceTypes.lambdaFunction, "fn", compliantFunction({ memorySize: 128 })));
        assert.deepStrictEqual([mandatory.remediations, rows(mandatory.verdicts).map((row) => row.slice(0, 3))], [[], [["mandatory", memory, "fn"]]]);

        const compliant = await deploy(() => resource(resourceTypes.lambdaFunction, "fn", compliantFunction({ memorySize: 1024 })), { config: remediate });
        assert.deepStrictEqual([compliant.remediations, rows(compliant.verdicts)], [[], []]);

        const unknownSize = await deploy(
            () => resource(resourceTypes.lambdaFunction, "fn", compliantFunction({ memorySize: resource("test:index:Sizing", "sizing", {}).id })),
            { config: remediate },
        );
        assert.deepStrictEqual(unknownSize.remediations, []);
        assert.deepStrictEqual(rows(unknownSize.verdicts).map((row) => row.slice(0, 3)), [["advisory", memory, "fn"]]);
    });

    it("needs the archive's wire form: @pulumi/policy 1.21 serializes an AssetArchive it is handed back as its member names", async () => {
        // If this fails, @pulumi/policy fixed its serializer and remediation.ts can return archives as they are.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { serializeProperties } = require("@pulumi/policy/deserialize") as { serializeProperties(value: unknown): Promise<Record<string, unknown>> };
        const code = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(handlerCode) });
        assert.deepStrictEqual(await serializeProperties({ code }), { code: { [sig]: pulumi.runtime.specialArchiveSig, assets: ["index.js"] } });
    });
});
