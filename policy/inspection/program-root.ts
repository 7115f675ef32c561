import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

/**
 * Where a Pulumi program's relative paths point. A program resolves `new FileArchive("./app")` against
 * its working directory, which the CLI sets to the project folder, or to the folder `main:` names (or
 * holds) in Pulumi.yaml (pkg/engine/project.go, `getPwdMain`). No Pulumi interface tells an analyzer
 * that folder (https://github.com/pulumi/pulumi-policy/issues/333): the CLI starts a Node.js pack with
 * its working directory at the pack's own folder (sdk/go/common/resource/plugin/analyzer_plugin.go),
 * and an organization's pack runs from `~/.pulumi/policies/...`. So the pack never uses its own
 * working directory: it takes the project folder from, in order,
 * 1. the `LAMBDA_POLICY_PROGRAM_ROOT` environment variable (the CLI passes its environment on),
 * 2. the `programRoot` setting of the pack config,
 * 3. the nearest folder above the pack holding a Pulumi.yaml (a pack kept in the program's repository),
 * and accepts it only when its Pulumi.yaml names the stack's project.
 */

export const programRootVariable = "LAMBDA_POLICY_PROGRAM_ROOT";

export interface ProgramRootInputs {
    /** The stack's project, from a resource URN. */
    project: string;
    /** `process.env[programRootVariable]`. */
    fromEnvironment?: string;
    /** The pack config's `programRoot`. */
    fromConfig?: string;
    /** The pack's folder, where discovery starts. */
    packDir: string;
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

export function resolveProgramRoot(inputs: ProgramRootInputs): ProgramRoot {
    if (inputs.fromEnvironment) {
        return verified(inputs.fromEnvironment, `${programRootVariable}=${inputs.fromEnvironment}`, inputs.project);
    }
    if (inputs.fromConfig) {
        return verified(inputs.fromConfig, `pack config programRoot ${inputs.fromConfig}`, inputs.project);
    }
    const found = nearestProjectFile(inputs.packDir);
    if (!found) {
        return { problem: `no program root: ${programRootVariable} and programRoot are unset, and no folder above the policy pack (${inputs.packDir}) holds a Pulumi.yaml` };
    }
    return verified(path.dirname(found), `${found}, found above the policy pack`, inputs.project);
}

function verified(root: string, source: string, project: string): ProgramRoot {
    if (!path.isAbsolute(root)) {
        return { problem: `the program root from ${source} is not an absolute path` };
    }
    const file = projectFiles.map((name) => path.join(root, name)).find((candidate) => fs.existsSync(candidate));
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

function nearestProjectFile(start: string): string | undefined {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
        const file = projectFiles.map((name) => path.join(dir, name)).find((candidate) => fs.existsSync(candidate));
        if (file || path.dirname(dir) === dir) {
            return file;
        }
    }
}
