import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { bundleHandler } from "../../components/bundle";
import { routes } from "../../components/routes";
import { checkStack, declaredResources } from "../../scripts/policy-check";
import { runProgramUnderMocks } from "../../tools/mock-program";
import { evaluatePolicies, PolicyViolation } from "../evaluate";
import { policies } from "../policies";
import { functionsBehindApiGateway } from "../policies/http-api-functions";
import { resourceTypes } from "../policies/resource-types";
import { DeclaredResource, stackValidationArgs } from "../validation-args";

const summary = (violations: PolicyViolation[]) => violations.map((v) => [v.policyName, v.enforcementLevel, v.urn]);

describe("the pack over the stack program (index.ts) under mocks", function () {
    // The first run bundles the four handlers.
    this.timeout(60_000);

    let resources: DeclaredResource[];
    let functions: DeclaredResource[];
    before(async () => {
        resources = declaredResources((await runProgramUnderMocks("index.ts", { stack: "dev" })).resources);
        functions = resources.filter((r) => r.type === resourceTypes.lambdaFunction);
    });

    /** The stack's resources with one function's inputs changed. */
    const withFunction = (index: number, change: (props: Record<string, unknown>) => Record<string, unknown>) =>
        resources.map((r) => (r === functions[index] ? { ...r, props: change({ ...r.props }) } : r));

    it("passes every policy with the dev stack's config, with each policy seeing what it checks", async () => {
        const { evaluation } = await checkStack({ stack: "dev" });
        assert.deepStrictEqual(evaluation.violations, []);
        assert.strictEqual(functions.length, routes.length);
        const checked = new Set(resources.map((r) => r.type));
        for (const type of [resourceTypes.httpApiStage, resourceTypes.lambdaPermission, resourceTypes.dynamodbTable, resourceTypes.logGroup]) {
            assert.ok(checked.has(type), type);
        }
        assert.strictEqual(functionsBehindApiGateway(stackValidationArgs(resources).resources).size, routes.length);
    });

    it("reports exactly one mandatory violation per function when the stack config sets memorySize 128", async () => {
        const small = declaredResources((await runProgramUnderMocks("index.ts", { stack: "dev", config: { "events-api:memorySize": "128" } })).resources);
        const { violations } = await evaluatePolicies(policies, small);
        const functionUrns = small.filter((r) => r.type === resourceTypes.lambdaFunction).map((r) => r.urn);
        assert.deepStrictEqual(summary(violations), functionUrns.map((urn) => ["lambda-memory-above-128mb", "mandatory", urn]));
    });

    it("reports exactly the function with no architectures", async () => {
        const variant = withFunction(1, ({ architectures: _, ...props }) => props);
        const { violations } = await evaluatePolicies(policies, variant);
        assert.deepStrictEqual(summary(violations), [["lambda-arm64-architecture", "mandatory", functions[1].urn]]);
    });

    it("reports exactly the function whose bundle carries the SDK", async () => {
        const bundle = await bundleHandler(routes[2].entry, { bundleAwsSdk: true });
        const code = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(bundle.code) });
        const { violations } = await evaluatePolicies(policies, withFunction(2, (props) => ({ ...props, code })));
        assert.deepStrictEqual(summary(violations), [["lambda-no-bundled-aws-sdk", "mandatory", functions[2].urn]]);
        assert.match(violations[0].message, /ships the AWS SDK: index\.js: @aws-sdk\/core inlined/);
    });

    it("finds the API's functions by the ARNs the program wired, and reports one whose timeout exceeds 29 s", async () => {
        const variant = resources.map((r) => (r === functions[0] ? { ...r, outputs: { ...r.outputs, timeout: 60 } } : r));
        const { violations } = await evaluatePolicies(policies, variant);
        assert.deepStrictEqual(summary(violations), [["lambda-timeout-within-http-api-limit", "advisory", functions[0].urn]]);
    });
});
