import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { CliDirectory } from "./cli-directory";

/**
 * Where a Pulumi program's relative paths point. A program resolves `new FileArchive("./app")` against
 * its working directory, which the CLI sets to the project folder, or to the folder `main:` names (or
 * holds) in Pulumi.yaml (pkg/engine/project.go, `getPwdMain`). No Pulumi interface tells an analyzer
 * that folder (https://github.com/pulumi/pulumi-policy/issues/333): the CLI starts a Node.js pack with
 * its working directory at the pack's own folder, and an organization's pack runs from
 * `~/.pulumi/policies/...`. So the pack never uses its own working directory: it takes the project
 * folder from, in order,
 * 1. the `LAMBDA_POLICY_PROGRAM_ROOT` environment variable (the CLI passes its environment on),
 * 2. the `programRoot` setting of the pack config,
 * 3. discovery: the nearest Pulumi.yaml at or above the Pulumi CLI's working directory (cli-directory.ts),
 *    and the nearest one above the pack (a pack kept in the program's repository);
 * and accepts a folder only when its Pulumi.yaml names the stack's project. Discovered candidates that
 * both pass but would resolve paths differently fail closed, naming both.
 */

export const programRootVariable = "LAMBDA_POLICY_PROGRAM_ROOT";

export interface ProgramRootInputs {
    /** The stack's project, from a resource URN. */
    project: string;
    /** `process.env[programRootVariable]`. */
    fromEnvironment?: string;
    /** The pack config's `programRoot`. */
    fromConfig?: string;
    /** The pack's folder, where one discovery starts. */
    packDir: string;
    /** The Pulumi CLI's working directory, where the other starts; read only when discovery runs. */
    cli: () => CliDirectory;
}

export type ProgramRoot =
    /** `dir` is the program's working directory; `source` says where it came from, for messages. */
    | { dir: string; source: string }
    | { problem: string };

/** The fix a violation suggests when no program root could be established. */
export const programRootFix =
    `set ${programRootVariable} (or the pack config lambda-no-bundled-aws-sdk.programRoot) to the absolute path of the ` +
    `folder holding the program's Pulumi.yaml`;

const projectFiles = ["Pulumi.yaml", "Pulumi.yml"];

/** How many folders discovery climbs at most, and folders whose Pulumi.yaml never counts (a package's or git's own). */
const maxLevels = 64;
const skippedFolders = new Set(["node_modules", ".git"]);

export function resolveProgramRoot(inputs: ProgramRootInputs): ProgramRoot {
    if (inputs.fromEnvironment) {
        return verified(inputs.fromEnvironment, `${programRootVariable}=${inputs.fromEnvironment}`, inputs.project);
    }
    if (inputs.fromConfig) {
        return verified(inputs.fromConfig, `pack config programRoot ${inputs.fromConfig}`, inputs.project);
    }
    return discovered(inputs);
}

/** A Pulumi.yaml discovery found (and every way it was found), or why one way found none. */
type Candidate = { file: string; found: string[] } | { none: string };

function discovered(inputs: ProgramRootInputs): ProgramRoot {
    const candidates: Candidate[] = [];
    const add = (file: string | undefined, found: string, none: string) => {
        const same = candidates.find((candidate) => "file" in candidate && candidate.file === file);
        if (!file) candidates.push({ none });
        else if (same && "file" in same) same.found.push(found);
        else candidates.push({ file, found: [found] });
    };
    const cli = inputs.cli();
    if ("problem" in cli) {
        candidates.push({ none: `the Pulumi CLI's working directory is unknown (${cli.problem})` });
    } else {
        const where = `the Pulumi CLI's working directory ${cli.dir} (process ${cli.pid})`;
        add(nearestProjectFile(cli.dir, true), `from ${where}`, `no Pulumi.yaml in ${where} or above it`);
    }
    add(nearestProjectFile(inputs.packDir, false), "above the policy pack", `no Pulumi.yaml above the policy pack (${inputs.packDir})`);

    const refusals: string[] = [];
    const accepted: { dir: string; source: string }[] = [];
    for (const candidate of candidates) {
        const result = "none" in candidate ? { problem: candidate.none } : verified(path.dirname(candidate.file), `${candidate.file}, found ${candidate.found.join(" and ")}`, inputs.project);
        if ("problem" in result) refusals.push(result.problem);
        else if (!accepted.some((root) => sameFolder(root.dir, result.dir))) accepted.push(result);
    }
    if (accepted.length === 1) {
        return accepted[0];
    }
    if (accepted.length > 1) {
        return {
            problem:
                `the program root is ambiguous: ${accepted.map((root) => `${root.source} gives ${root.dir}`).join("; ")}. ` +
                `Relative paths would resolve differently, so neither is used`,
        };
    }
    return { problem: `no program root: ${programRootVariable} and programRoot are unset, and discovery found none (${refusals.join("; ")})` };
}

function sameFolder(a: string, b: string): boolean {
    try {
        return fs.realpathSync(a) === fs.realpathSync(b);
    } catch {
        return a === b;
    }
}

function verified(root: string, source: string, project: string): ProgramRoot {
    if (!path.isAbsolute(root)) {
        return { problem: `the program root from ${source} is not an absolute path` };
    }
    const file = projectFile(root);
    if (!file) {
        return { problem: `the program root from ${source} holds no Pulumi.yaml` };
    }
    let manifest: { name?: unknown; main?: unknown };
    try {
        manifest = YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
    } catch (error) {
        return { problem: `cannot read ${file} (from ${source}): ${(error as Error).message}` };
    }
    if (manifest.name !== project) {
        return { problem: `refused the program root from ${source}: its Pulumi.yaml names project ${JSON.stringify(manifest.name)}, but the stack belongs to project "${project}"` };
    }
    return workingDirectory(root, manifest.main, source);
}

/** The folder the program runs in: `main` when it is a folder, the folder holding `main` when a file. */
function workingDirectory(root: string, main: unknown, source: string): ProgramRoot {
    if (main === undefined || main === null || main === "") {
        return { dir: root, source };
    }
    if (typeof main !== "string") {
        return { problem: `the Pulumi.yaml from ${source} has a main that is not a path: ${JSON.stringify(main)}` };
    }
    const target = path.resolve(root, main);
    try {
        const dir = fs.statSync(target).isDirectory() ? target : path.dirname(target);
        return { dir, source: `${source}, main: ${main}` };
    } catch {
        return { problem: `the Pulumi.yaml from ${source} names main: ${main}, which does not exist` };
    }
}

function projectFile(dir: string): string | undefined {
    return projectFiles.map((name) => path.join(dir, name)).find((candidate) => fs.existsSync(candidate));
}

/**
 * The nearest Pulumi.yaml in `start` (when `inclusive`) or above it, climbing at most `maxLevels` folders
 * and never taking one inside node_modules or .git.
 */
function nearestProjectFile(start: string, inclusive: boolean): string | undefined {
    let dir = path.resolve(start);
    if (!inclusive) dir = path.dirname(dir);
    for (let level = 0; level < maxLevels; level++) {
        const file = dir.split(path.sep).some((segment) => skippedFolders.has(segment)) ? undefined : projectFile(dir);
        if (file || path.dirname(dir) === dir) {
            return file;
        }
        dir = path.dirname(dir);
    }
    return undefined;
}
