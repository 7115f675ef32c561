import * as pulumi from "@pulumi/pulumi";
import { DeploymentAnalysis } from "../../tools/analyzer/deployment";
import { PolicyPackProcess } from "../../tools/analyzer/pack-process";
import { withTestAnalysisDay } from "./analysis-day";
import { packUnderTest, stopPackUnderTest } from "./shared-pack";
import { Row, rows, runDeployment, RunOptions } from "../../tools/analyzer/run";

// A mocha started without the project's config (and so without its root hooks) stops it here.
after(stopPackUnderTest);

export interface TestRunOptions extends RunOptions {
    /** Another pack process than the shared one (e.g. one started with other environment variables). */
    pack?: PolicyPackProcess;
}

/** A deployment of `declare` with the pack, as `runDeployment` plays it, runtimes judged as of the tests' day. */
export async function deploy(declare: () => unknown, options: TestRunOptions = {}): Promise<DeploymentAnalysis> {
    return runDeployment(options.pack ?? (await packUnderTest()), declare, { ...options, config: withTestAnalysisDay(options.config) });
}

/** The verdicts of a deployment of `declare`, as rows (only `policy`'s when given). */
export async function verdictsOf(declare: () => unknown, options: TestRunOptions & { policy?: string } = {}): Promise<Row[]> {
    return rows((await deploy(declare, options)).verdicts, options.policy);
}

// Tests take the shared pack from here, which registers the `after` above for them.
export { packUnderTest, rows };

/** A custom resource of any type token: what a provider SDK's class registers, without the class. */
class AnyResource extends pulumi.CustomResource {}

/** A resource with these inputs; each input key also becomes an output (`name: undefined` makes `.name` readable). */
export function resource(type: string, name: string, props: Record<string, unknown>, opts?: pulumi.CustomResourceOptions): pulumi.CustomResource {
    return new AnyResource(type, name, props, opts);
}

export const handlerCode = 'exports.handler=async()=>({statusCode:200,body:"ok"});';

/** A function's inputs that pass every policy; a test overrides one property at a time (`undefined` unsets it). */
export function compliantFunction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        runtime: "nodejs24.x",
        handler: "index.handler",
        role: "arn:aws:iam::123456789012:role/fn",
        code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(handlerCode) }),
        architectures: ["arm64"],
        memorySize: 512,
        timeout: 10,
        tracingConfig: { mode: "Active" },
        loggingConfig: { logFormat: "JSON", logGroup: "fn-logs" },
        ...overrides,
    };
}
