import { declareUnderMocks, RecordedResource } from "../mock-program";
import { analyzeDeployment, DeploymentAnalysis, Verdict, violationMessage } from "./deployment";
import { configurePack as configureForDeployment } from "./pack-config";
import { PolicyPackProcess } from "./pack-process";

export interface RunOptions {
    /** Pack config, as `--policy-pack-config` takes it (parsed JSON, validated as the CLI validates it). */
    config?: unknown;
    /** @default "team" */
    project?: string;
    /** @default "dev" */
    stack?: string;
    /** A `pulumi preview` (outputs of new resources unknown) or an update. @default true */
    preview?: boolean;
    /** The program's working directory, as the CLI sets it. */
    cwd?: string;
    stackTags?: Record<string, string>;
}

/** Configures `pack` as the CLI does for a deployment: the reconciled, validated pack config, then the stack. */
export async function configurePack(pack: PolicyPackProcess, options: RunOptions): Promise<void> {
    await configureForDeployment(pack, { config: options.config, stack: options.stack ?? "dev", project: options.project ?? "team", preview: options.preview ?? true, stackTags: options.stackTags });
}

/**
 * A deployment of `declare` with the pack: resources declared under Pulumi's mocks (the SDK serializes
 * their inputs), handed to the pack as the engine does (remediate, analyze each, analyze the stack).
 */
export async function runDeployment(pack: PolicyPackProcess, declare: () => unknown, options: RunOptions = {}): Promise<DeploymentAnalysis> {
    await configurePack(pack, options);
    // What `declare` returns is not the stack's outputs.
    const { resources } = await declareUnderMocks(async () => void (await declare()), {
        project: options.project ?? "team",
        stack: options.stack ?? "dev",
        preview: options.preview ?? true,
        cwd: options.cwd,
        config: { "aws:region": "eu-west-1" },
    });
    return analyzeDeployment(pack, resources);
}

/** As `runDeployment`, over resources a program already registered. */
export async function analyzeRegistered(pack: PolicyPackProcess, resources: RecordedResource[], options: RunOptions = {}): Promise<DeploymentAnalysis> {
    await configurePack(pack, options);
    return analyzeDeployment(pack, resources);
}

/** One verdict as `[level, policy, resource name, message]`. */
export type Row = [string, string, string, string];

/**
 * The verdicts as rows, ordered by resource name, then policy: the SDK registers resources once their
 * inputs resolve, so the engine's order of analysis is not the order of declaration.
 */
export function rows(verdicts: Verdict[], policyName?: string): Row[] {
    const key = (row: Row) => [row[2], row[1], row[0], row[3]].join("\u0000");
    return verdicts
        .filter((verdict) => policyName === undefined || verdict.policyName === policyName)
        .map((verdict): Row => [verdict.enforcementLevel, verdict.policyName, verdict.resource?.name ?? "(stack)", violationMessage(verdict)])
        .sort((a, b) => key(a).localeCompare(key(b)));
}
