import * as fs from "fs";
import * as path from "path";
import { DeploymentAnalysis, violationMessage } from "../analyzer/deployment";
import { AnalyzerInfo, EnforcementLevel, PolicyConfig } from "../analyzer/pack-process";
import { relativeToRepository, resourceLocation, SourceLocation } from "../location";
import { PulumiProject, StackConfig } from "../program/project";
import { ProgramRun } from "../program/run";

/**
 * What a check found, in one structure every format renders: `--format json` prints it as it is, so its
 * shape is a contract (report.schema.json, docs/policy-pack.md). `reportVersion` changes only when a field
 * changes meaning or goes away; new fields may be added.
 */

export interface ResourceRef {
    urn: string;
    type: string;
    name: string;
}

export interface Finding {
    policy: string;
    /** The level the pack reported it at. */
    enforcementLevel: "mandatory" | "advisory";
    /** `unknown-at-preview`: the policy could not run because a value it reads is only known after the update. */
    kind: "violation" | "unknown-at-preview";
    message: string;
    /** The resource it is about; null for a stack policy's finding about the stack as a whole. */
    resource: ResourceRef | null;
    /** Where the program constructs that resource; null when no frame of its construction is in the repository. */
    location: SourceLocation | null;
}

export interface PolicyOutcome {
    name: string;
    description: string;
    /** The level the pack config gave it (its own level when the config does not name it). */
    enforcementLevel: EnforcementLevel;
    type: "resource" | "stack";
    outcome: "passed" | "failed" | "not-applicable" | "disabled";
    /**
     * Resources it passed, failed, could not judge at preview, did not apply to, and remediated. A stack
     * policy judges the stack as a whole: only the resources its findings name are known (`failed`); the
     * other counts are null.
     */
    resources: { passed: number | null; failed: number; unknown: number | null; notApplicable: number | null; remediated: number };
}

export interface Report {
    reportVersion: 1;
    pack: { name: string; version: string };
    project: string;
    program: {
        /** Absolute. */
        folder: string;
        /** Relative to the repository root ("." when it is the root). */
        folderInRepository: string;
        main: string | null;
        language: "typescript" | "javascript";
        packages: Array<{ name: string; version: string; path: string; fromProgram: boolean }>;
    };
    /** Absolute: the folder every `location.path` is relative to. */
    repositoryRoot: string;
    stack: string;
    /** The stack config file read, relative to the repository root when inside it. */
    stackConfig: string;
    resources: { total: number; custom: number };
    policies: PolicyOutcome[];
    findings: Finding[];
    remediations: Array<{ policy: string; resource: ResourceRef; location: SourceLocation | null }>;
    /** Inputs the check could not take as `pulumi preview` would (secrets, ESC environments, packages from elsewhere). */
    warnings: string[];
    summary: { mandatory: number; advisory: number; remediations: number; result: "passed" | "failed" | "nothing-checked" };
}

export interface ReportInputs {
    project: PulumiProject;
    stack: string;
    stackConfig: StackConfig;
    program: ProgramRun;
    repositoryRoot: string;
    info: AnalyzerInfo;
    config: Record<string, PolicyConfig>;
    analysis: DeploymentAnalysis;
}

/** @pulumi/policy's message for a policy that read a value unknown at preview (server.js). */
const unknownAtPreview = /^can't run (policy|remediation) '[^']+' from policy pack '[^']+' during preview: /;

/** The entry point's language: `main`'s extension, or the index file the program folder holds (cmd/run's own order: index.js first). */
function language(project: PulumiProject): Report["program"]["language"] {
    const entry = project.entryPoint === "." ? (["index.js", "index.mjs", "index.ts", "index.mts"].find((f) => fs.existsSync(path.join(project.pwd, f))) ?? "") : project.entryPoint;
    return /\.[mc]?ts$/.test(entry) ? "typescript" : "javascript";
}

const repoPath = (repository: string, file: string) => relativeToRepository(repository, file) ?? file;

export function buildReport(inputs: ReportInputs): Report {
    const { analysis, info, repositoryRoot } = inputs;
    const locations = new Map(inputs.program.resources.map((r) => [r.urn, resourceLocation(repositoryRoot, r.wire) ?? null]));
    const ref = (resource: ResourceRef | undefined): ResourceRef | null => (resource ? { urn: resource.urn, type: resource.type, name: resource.name } : null);
    const findings: Finding[] = analysis.verdicts.map((verdict) => {
        const message = violationMessage(verdict);
        return {
            policy: verdict.policyName,
            enforcementLevel: verdict.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
            kind: unknownAtPreview.test(message) ? "unknown-at-preview" : "violation",
            message,
            resource: ref(verdict.resource),
            location: verdict.resource ? (locations.get(verdict.resource.urn) ?? null) : null,
        };
    });
    const level = (f: Finding) => (f.enforcementLevel === "mandatory" ? 0 : 1);
    findings.sort(
        (a, b) =>
            level(a) - level(b) ||
            (a.location?.path ?? "\uffff").localeCompare(b.location?.path ?? "\uffff") ||
            (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
            a.policy.localeCompare(b.policy) ||
            (a.resource?.name ?? "").localeCompare(b.resource?.name ?? ""),
    );
    const remediations = analysis.remediations.map((r) => ({ policy: r.policyName, resource: ref(r.resource) as ResourceRef, location: locations.get(r.resource.urn) ?? null }));
    const policies = info.policies.map((policy) => outcome(policy, inputs.config[policy.name]?.enforcementLevel ?? policy.enforcementLevel, inputs, findings));
    const count = (l: Finding["enforcementLevel"]) => findings.filter((f) => f.enforcementLevel === l).length;
    const mandatory = count("mandatory");
    const applied = policies.some((p) => p.outcome === "passed" || p.outcome === "failed");
    return {
        reportVersion: 1,
        pack: { name: info.name, version: info.version },
        project: inputs.project.name,
        program: {
            folder: inputs.project.root,
            folderInRepository: relativeToRepository(repositoryRoot, inputs.project.root) ?? ".",
            main: inputs.project.main ?? null,
            language: language(inputs.project),
            packages: inputs.program.packages.map((p) => ({ name: p.name, version: p.version, path: p.dir, fromProgram: p.fromProgram })),
        },
        repositoryRoot,
        stack: inputs.stack,
        stackConfig: repoPath(repositoryRoot, inputs.stackConfig.file),
        resources: { total: inputs.program.resources.length, custom: inputs.program.resources.filter((r) => r.wire.custom).length },
        policies,
        findings,
        remediations,
        warnings: [...inputs.stackConfig.warnings, ...inputs.program.warnings],
        summary: { mandatory, advisory: count("advisory"), remediations: remediations.length, result: mandatory > 0 ? "failed" : applied ? "passed" : "nothing-checked" },
    };
}

function outcome(policy: AnalyzerInfo["policies"][number], enforcementLevel: EnforcementLevel, inputs: ReportInputs, findings: Finding[]): PolicyOutcome {
    const base = { name: policy.name, description: policy.description, enforcementLevel, type: policy.type };
    if (enforcementLevel === "disabled") {
        return { ...base, outcome: "disabled", resources: { passed: null, failed: 0, unknown: null, notApplicable: null, remediated: 0 } };
    }
    const own = findings.filter((f) => f.policy === policy.name);
    const failed = new Set(own.filter((f) => f.kind === "violation" && f.resource).map((f) => f.resource!.urn));
    const remediated = new Set(inputs.analysis.remediations.filter((r) => r.policyName === policy.name).map((r) => r.resource.urn));
    if (policy.type === "stack") {
        const stackFinding = own.some((f) => f.kind === "violation");
        const notApplicable = inputs.analysis.stackNotApplicable.includes(policy.name) && own.length === 0;
        return {
            ...base,
            outcome: stackFinding ? "failed" : notApplicable ? "not-applicable" : "passed",
            resources: { passed: null, failed: failed.size, unknown: null, notApplicable: null, remediated: 0 },
        };
    }
    const unknown = new Set(own.filter((f) => f.kind === "unknown-at-preview" && f.resource).map((f) => f.resource!.urn));
    const tally = { passed: 0, failed: 0, unknown: 0, notApplicable: 0, remediated: 0 };
    for (const resource of inputs.analysis.stack) {
        if (failed.has(resource.urn)) tally.failed++;
        else if (unknown.has(resource.urn)) tally.unknown++;
        else if (remediated.has(resource.urn)) tally.remediated++;
        else if (inputs.analysis.notApplicable.get(resource.urn)?.includes(policy.name)) tally.notApplicable++;
        else tally.passed++;
    }
    const applied = tally.passed + tally.failed + tally.unknown + tally.remediated > 0;
    return { ...base, outcome: tally.failed > 0 || own.some((f) => f.kind === "violation") ? "failed" : applied ? "passed" : "not-applicable", resources: tally };
}
