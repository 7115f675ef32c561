import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { evaluatePolicies } from "../evaluate";
import { policies } from "../policies";
import { lambdaMemoryAbove128mb } from "../policies/lambda";
import { NotApplicableError, resourceValidationArgs, stackValidationArgs } from "../validation-args";
import { compliantFunction, compliantLogGroup } from "./fixtures";

describe("the pack's policies", () => {
    it("has the three mandatory policies of DESIGN.md 6, by name, and every other one advisory", () => {
        const mandatory = policies.filter((p) => p.enforcementLevel === "mandatory").map((p) => p.name);
        assert.deepStrictEqual(mandatory, ["lambda-memory-above-128mb", "lambda-arm64-architecture", "lambda-no-bundled-aws-sdk"]);
        assert.ok(policies.filter((p) => p.enforcementLevel !== "mandatory").every((p) => p.enforcementLevel === "advisory"));
    });

    it("names each policy once, in kebab-case, with a one-sentence description", () => {
        assert.strictEqual(new Set(policies.map((p) => p.name)).size, policies.length);
        for (const policy of policies) {
            assert.match(policy.name, /^[a-z0-9]+(-[a-z0-9]+)+$/);
            assert.match(policy.description, /^[A-Z][^]*\.$/, policy.name);
            assert.strictEqual(policy.description.replace(/\d\.\d|e\.g\./g, "").split(". ").length, 1, policy.name);
        }
    });
});

describe("the args builder, against @pulumi/policy 1.21's ResourceValidationArgs", () => {
    it("supplies every member, notApplicable and stackTags included", () => {
        const stackTags = new Map([["team", "events"]]);
        const args: ResourceValidationArgs = resourceValidationArgs({ ...compliantFunction(), parent: "urn:parent" }, { stackTags, config: { a: 1 } });
        assert.deepStrictEqual(Object.keys(args).sort(), [
            "asType", "getConfig", "isType", "name", "notApplicable", "opts", "props", "stackTags", "type", "urn",
        ]);
        assert.deepStrictEqual(Object.keys(args.opts).sort(), ["additionalSecretOutputs", "aliases", "customTimeouts", "ignoreChanges", "parent", "protect"]);
        assert.strictEqual(args.opts.parent, "urn:parent");
        assert.strictEqual(args.stackTags.get("team"), "events");
        assert.deepStrictEqual(args.getConfig(), { a: 1 });
        assert.throws(() => args.notApplicable("no functions here"), (e: unknown) => e instanceof NotApplicableError && e.reason === "no functions here");
    });

    it("answers isType and asType from the resource class's type token", () => {
        const args = resourceValidationArgs(compliantFunction());
        assert.strictEqual(args.isType(aws.lambda.Function), true);
        assert.strictEqual(args.isType(aws.s3.Bucket), false);
        assert.strictEqual(args.asType(aws.lambda.Function)?.memorySize, 512);
        assert.strictEqual(args.asType(aws.s3.Bucket), undefined);
    });

    it("links stack resources to their parents and property dependencies by URN", () => {
        const parent = { ...compliantLogGroup(), urn: "urn:a" };
        const child = { ...compliantFunction(), urn: "urn:b", parent: "urn:a", propertyDependencies: { loggingConfig: ["urn:a", "urn:unknown"] } };
        const [, fn] = stackValidationArgs([parent, child]).resources;
        assert.strictEqual(fn.parent?.urn, "urn:a");
        assert.deepStrictEqual(fn.propertyDependencies.loggingConfig.map((r) => r.urn), ["urn:a"]);
        assert.deepStrictEqual(fn.dependencies.map((r) => r.urn), ["urn:a"]);
    });
});

describe("evaluatePolicies", () => {
    const small = compliantFunction({ memorySize: 128 });

    it("takes enforcement levels from the pack config: advisory, disabled (also as a bare string), remediate as mandatory", async () => {
        const level = async (config: unknown) =>
            (await evaluatePolicies([lambdaMemoryAbove128mb], [small], { config: { [lambdaMemoryAbove128mb.name]: config as "advisory" } })).violations.map(
                (v) => v.enforcementLevel,
            );
        assert.deepStrictEqual(await level({ enforcementLevel: "advisory" }), ["advisory"]);
        assert.deepStrictEqual(await level({ enforcementLevel: "disabled" }), []);
        assert.deepStrictEqual(await level("disabled"), []);
        assert.deepStrictEqual(await level({ enforcementLevel: "remediate" }), ["mandatory"]);
    });

    it("gives policies without a level the pack's level", async () => {
        const levelless: ResourceValidationPolicy = { ...lambdaMemoryAbove128mb, enforcementLevel: undefined };
        const run = (packEnforcementLevel?: "mandatory") => evaluatePolicies([levelless], [small], { packEnforcementLevel });
        assert.deepStrictEqual((await run()).violations.map((v) => v.enforcementLevel), ["advisory"]);
        assert.deepStrictEqual((await run("mandatory")).violations.map((v) => v.enforcementLevel), ["mandatory"]);
    });

    it("rejects config for an unknown policy, an unknown setting, or a bad enforcement level", async () => {
        const run = (config: object) => evaluatePolicies(policies, [small], { config: config as never });
        await assert.rejects(run({ "lambda-memory": {} }), /"lambda-memory", which is not a policy of this pack/);
        await assert.rejects(run({ "lambda-memory-above-128mb": { minimumMemory: 512 } }), /has no setting "minimumMemory" \(settings: minimumMemorySize\)/);
        await assert.rejects(run({ "lambda-arm64-architecture": { enforcementLevel: "strict" } }), /enforcementLevel is "strict"; expected one of/);
    });

    it("records notApplicable, and names the policy and resource when a policy throws", async () => {
        const notApplicable: ResourceValidationPolicy = { name: "not-here", description: "Never applies.", validateResource: (args) => args.notApplicable("nothing to see") };
        const throwing: ResourceValidationPolicy = { name: "broken", description: "Throws.", validateResource: () => { throw new Error("boom"); } };
        const evaluation = await evaluatePolicies([notApplicable], [small]);
        assert.deepStrictEqual(evaluation, { violations: [], notApplicable: [{ policyName: "not-here", urn: evaluation.notApplicable[0].urn, reason: "nothing to see" }] });
        await assert.rejects(evaluatePolicies([throwing], [small]), /policy "broken" failed on urn:pulumi:stack::project::aws:lambda\/function:Function::api-get-event-fn: boom/);
    });
});
