import * as path from "path";
import { CliDirectory, cliDirectory } from "./cli-directory";
import { CodeOwner } from "./code-sources";
import { CodeInspection, inspectCode, PathResolver } from "./inspect-code";
import { defaultLimits } from "./limits";
import { ProgramRoot, programRootVariable, resolveProgramRoot } from "./program-root";
import { SourceCache } from "./source-cache";

/** The pack's folder, where program-root discovery starts (never the process's working directory). */
const packDir = path.resolve(__dirname, "..");

/** `urn:pulumi:<stack>::<project>::<type>::<name>`: the project the stack belongs to. */
export function projectOf(urn: string): string {
    return urn.split("::")[1] ?? "";
}

/**
 * Resolves the program's paths for one stack analysis, establishing the program root (once per project)
 * only when a relative path needs it; the CLI's working directory is read at most once.
 */
class ProgramPaths {
    private readonly roots = new Map<string, ProgramRoot>();
    private cli: CliDirectory | undefined;

    constructor(readonly configured: string | undefined) {}

    rootProblem(project: string): boolean {
        const root = this.roots.get(project);
        return root !== undefined && "problem" in root;
    }

    resolverFor(project: string): PathResolver {
        return (written) => {
            if (path.isAbsolute(written)) {
                return { file: written };
            }
            let root = this.roots.get(project);
            if (!root) {
                root = resolveProgramRoot({
                    project,
                    fromEnvironment: process.env[programRootVariable],
                    fromConfig: this.configured,
                    packDir,
                    cli: () => (this.cli ??= cliDirectory()),
                });
                this.roots.set(project, root);
            }
            if ("problem" in root) {
                return { problem: `a relative path, and ${root.problem}` };
            }
            return { file: path.resolve(root.dir, written), relativeTo: `the program's folder ${root.dir}, from ${root.source}` };
        };
    }
}

/**
 * What one stack analysis reads of the stack's code, shared by the policies that read it
 * (lambda-no-bundled-aws-sdk, then lambda-arm64-architecture and lambda-code-inspectable): each folder or archive is read once,
 * and each function's or layer's code inspected once, however many functions share them.
 */
export class CodeAnalysis {
    private readonly sources = new SourceCache(defaultLimits);
    private readonly inspections = new Map<string, Promise<CodeInspection>>();
    private readonly paths: ProgramPaths;

    constructor(configuredRoot: string | undefined) {
        this.paths = new ProgramPaths(configuredRoot);
    }

    get configuredRoot(): string | undefined {
        return this.paths.configured;
    }

    /** The owner's code, read from disk (where a relative path needs the program root, it is found). */
    inspect(owner: CodeOwner): Promise<CodeInspection> {
        let inspection = this.inspections.get(owner.resource.urn);
        if (!inspection) {
            inspection = inspectCode(owner.sources, { sources: this.sources, resolve: this.paths.resolverFor(projectOf(owner.resource.urn)) });
            this.inspections.set(owner.resource.urn, inspection);
        }
        return inspection;
    }

    /** The owner's inspection if a policy already asked for it in this analysis. */
    inspected(owner: CodeOwner): Promise<CodeInspection> | undefined {
        return this.inspections.get(owner.resource.urn);
    }

    /** True when a relative path of this owner's project found no program root. */
    rootProblem(owner: CodeOwner): boolean {
        return this.paths.rootProblem(projectOf(owner.resource.urn));
    }
}

/**
 * The analysis now running. @pulumi/policy runs a pack's stack policies one after another in one
 * AnalyzeStack call (server.js), each given its own copy of the resources, so an analysis ends when a
 * policy that already used it asks again (the next AnalyzeStack), when the program root configured
 * differs, or at any Analyze (`endCodeAnalysis`: the next deployment has begun).
 */
let current: { analysis: CodeAnalysis; users: Set<string> } | undefined;

/** The analysis `policy` shares; `configuredRoot` is the pack config's program root, for the policy that has that setting. */
export function codeAnalysis(policy: string, configuredRoot?: { programRoot: string | undefined }): CodeAnalysis {
    const stale = !current || current.users.has(policy) || (configuredRoot !== undefined && configuredRoot.programRoot !== current.analysis.configuredRoot);
    if (stale || !current) {
        current = { analysis: new CodeAnalysis(configuredRoot?.programRoot), users: new Set() };
    }
    current.users.add(policy);
    return current.analysis;
}

/** Forgets what the last stack analysis read: a preview after this one sees the files as they are then. */
export function endCodeAnalysis(): void {
    current = undefined;
}
