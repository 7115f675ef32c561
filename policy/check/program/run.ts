import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CheckError } from "../errors";
import type { RecordedResource } from "./mocks";
import { PulumiProject, StackConfig } from "./project";

/**
 * Runs a team's program as `pulumi preview` runs it, with Pulumi's mocks instead of an engine: in a
 * process of its own, started as the Node.js language host starts it (under-mocks.ts), with the
 * program's own node_modules. A package the program's folder does not provide is taken from
 * `fallbackModules` (NODE_PATH, which Node.js reads after every node_modules folder), and the report
 * says so for each Pulumi package.
 */

export type ProgramSdkVariable = "EVENTS_API_POLICY_CHECK_SDK";

export type RegisteredResource = Required<Pick<RecordedResource, "type" | "name" | "urn" | "wire">> & Pick<RecordedResource, "parent">;

/** What under-mocks.ts sends back once the program has finished. */
export interface ProgramMessage {
    resources: RegisteredResource[];
    errors: string[];
    packages: Array<{ name: string; version: string; dir: string }>;
}

export interface LoadedPackage {
    name: string;
    version: string;
    /** The folder Node.js loaded it from. */
    dir: string;
    /** Whether the program's folder provides it (its node_modules, or one above it), rather than the fallback. */
    fromProgram: boolean;
}

export interface ProgramRun {
    resources: RegisteredResource[];
    packages: LoadedPackage[];
    warnings: string[];
}

export interface RunProgramOptions {
    project: PulumiProject;
    stack: string;
    config: StackConfig;
    /** The node_modules folder the check itself was installed with. */
    fallbackModules: string;
    /** @default 10 minutes */
    timeoutMs?: number;
}

/** Where Node.js finds `name` from `dir`: the nearest node_modules/<name> at or above it, by path (links not followed). */
export function findPackage(dir: string, name: string): string | undefined {
    for (let current = path.resolve(dir); ; current = path.dirname(current)) {
        const candidate = path.join(current, "node_modules", name);
        if (path.basename(current) !== "node_modules" && fs.existsSync(path.join(candidate, "package.json"))) return candidate;
        if (path.dirname(current) === current) return undefined;
    }
}

const realpath = (dir: string) => {
    try {
        return fs.realpathSync(dir);
    } catch {
        return dir;
    }
};

function isInside(file: string, dir: string): boolean {
    const relative = path.relative(dir, file);
    return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** `runtime.options.nodeargs`, split as a shell would split it (quotes kept together). */
function splitArgs(args: string | undefined): string[] {
    return [...(args ?? "").matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

export async function runProgram(options: RunProgramOptions): Promise<ProgramRun> {
    const { project, stack, config } = options;
    const sdkDir = findPackage(project.pwd, "@pulumi/pulumi") ?? findPackage(options.fallbackModules, "@pulumi/pulumi");
    if (!sdkDir) {
        throw new CheckError(`the program in ${project.root} has no @pulumi/pulumi: run npm install in its folder`);
    }
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PULUMI_CONFIG: JSON.stringify(config.values),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(config.secretKeys),
        PULUMI_NODEJS_ORGANIZATION: "organization",
        PULUMI_NODEJS_PROJECT: project.name,
        PULUMI_NODEJS_ROOT_DIRECTORY: project.root,
        PULUMI_NODEJS_STACK: stack,
        PULUMI_NODEJS_DRY_RUN: "true",
        PULUMI_NODEJS_MONITOR: "mock",
        NODE_PATH: [process.env.NODE_PATH, options.fallbackModules].filter(Boolean).join(path.delimiter),
        ["EVENTS_API_POLICY_CHECK_SDK" satisfies ProgramSdkVariable]: sdkDir,
    };
    delete env.PULUMI_NODEJS_TYPESCRIPT;
    delete env.PULUMI_NODEJS_TSCONFIG_PATH;
    if (project.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (project.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = project.tsconfig;
    const args = [
        ...splitArgs(project.nodeargs),
        "-r",
        path.join(__dirname, "preload.js"),
        path.join(sdkDir, "cmd", "run"),
        ...["--monitor", "mock", "--organization", "organization", "--project", project.name, "--root-directory", project.root],
        ...["--stack", stack, "--pwd", project.pwd, "--dry-run", project.entryPoint],
    ];
    const message = await new Promise<ProgramMessage>((resolve, reject) => {
        const child = spawn(process.execPath, args, { cwd: project.root, env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
        // The report owns stdout: the program's output goes to stderr, as the CLI shows it beside the preview.
        child.stdout?.pipe(process.stderr, { end: false });
        child.stderr?.pipe(process.stderr, { end: false });
        let received: ProgramMessage | undefined;
        const timeoutMs = options.timeoutMs ?? 600_000;
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new CheckError(`the program did not finish within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        child.on("message", (answer: ProgramMessage) => (received = answer));
        child.on("error", (error) => reject(new CheckError(`cannot start the program: ${error.message}`)));
        child.on("exit", (code, signal) => {
            clearTimeout(timer);
            if (received && received.errors.length === 0 && code === 0) resolve(received);
            else if (received && received.errors.length > 0) reject(new CheckError(`the program failed: ${received.errors.join("\n")}`));
            else reject(new CheckError(`the program failed: it exited (${signal ?? code}) before it finished`));
        });
    });
    // Only a package Node.js found through NODE_PATH is not the program's: one its folder does not provide, loaded from the fallback.
    const fallbackIsTheProgramsOwn = realpath(path.dirname(options.fallbackModules)) === realpath(project.pwd) || isInside(project.pwd, path.dirname(options.fallbackModules));
    const packages = message.packages
        .map((loaded) => {
            const found = findPackage(project.pwd, loaded.name);
            const viaFallback = found === undefined && isInside(realpath(loaded.dir), realpath(options.fallbackModules)) && !fallbackIsTheProgramsOwn;
            return { ...loaded, dir: found ?? loaded.dir, fromProgram: !viaFallback };
        })
        .sort((a, b) => (a.name === "@pulumi/pulumi" ? -1 : b.name === "@pulumi/pulumi" ? 1 : a.name.localeCompare(b.name)));
    const warnings = packages
        .filter((p) => !p.fromProgram)
        .map((p) => `${p.name} is not installed in the program's folder: the check used ${p.name} ${p.version} from ${p.dir}; pulumi preview needs npm install there`);
    return { resources: message.resources, packages: uniqueBy(packages), warnings };
}

function uniqueBy(packages: LoadedPackage[]): LoadedPackage[] {
    const seen = new Set<string>();
    return packages.filter((p) => {
        const key = `${p.name}@${p.version}:${p.dir}`;
        return seen.has(key) ? false : (seen.add(key), true);
    });
}
