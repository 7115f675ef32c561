import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { property, rawProperty, unknown } from "../policies/property";

describe("reading props through @pulumi/policy's unknown-checking proxy", () => {
    // The proxy is @pulumi/policy's internal; this test pins the behaviour the pack works around.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(value: T): T };
    const unknownNumber = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";
    const props = unknownCheckingProxy({ code: new pulumi.asset.FileArchive("./app"), memorySize: unknownNumber, layers: ["arn:aws:lambda:eu-west-1:1:layer:a:1", pulumi.runtime.unknownValue] });

    it("reads an asset's Promise raw, where awaiting it through the proxy throws", async () => {
        await assert.rejects(async () => await props.code.path, /Method Promise\.prototype\.then called on incompatible receiver/);
        assert.strictEqual(await rawProperty(props.code, "path"), "./app");
    });

    it("tells an unknown value apart without the proxy's throw, at any depth", () => {
        assert.throws(() => props.memorySize, /number value at \.memorySize can't be known during preview/);
        assert.strictEqual(property(props, "memorySize"), unknown);
        assert.deepStrictEqual([property(props, "layers", "0"), property(props, "layers", "1"), property(props, "missing", "deeper")], ["arn:aws:lambda:eu-west-1:1:layer:a:1", unknown, undefined]);
    });
});
