import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { projectRoot } from "../components/bundle";
import { configValues } from "../policy/check/program/project";
import { RecordedResource, RecordingMocks } from "../policy/check/program/mocks";

/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` in this process, the way the Pulumi CLI runs it
 * but with no engine, no cloud and no credentials: the component tests, the program tests and the docs
 * generator use it. The mocks themselves (what they record and answer, and their limits) are the policy
 * check's, in policy/check/program/mocks.ts; `npm run policy:check` runs a program in a process of its
 * own instead (policy/check/program/run.ts). Here, in addition:
 * - Secret config values (`secure:` in the stack file) cannot be decrypted: they arrive JSON-encoded.
 * - TypeScript is loaded by whatever require hook the calling process registered (mocha's ts-node, for
 *   instance); the program is not type-checked here (test/program.test.ts checks that separately).
 */

export * from "../policy/check/program/mocks";

export interface MockRunOptions {
    /** Stack name; its `Pulumi.<stack>.yaml` config is loaded when the file exists. @default "dev" */
    stack?: string;
    /** The stack's config file, as `pulumi preview --config-file` takes it. @default Pulumi.<stack>.yaml in the project root */
    stackFile?: string;
    /** Config entries (`"events-api:memorySize": "1024"`), applied over the stack file's. */
    config?: Record<string, string>;
    /** Project name. @default the `name` in Pulumi.yaml */
    project?: string;
    /**
     * Run as `pulumi preview` does: outputs the provider computes (ids, ARNs) are unknown, so values
     * derived from them serialize as unknowns. @default false
     */
    preview?: boolean;
}

export { projectRoot };

function readYaml(file: string): Record<string, unknown> {
    return YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
}

function projectName(root: string): string {
    return String(readYaml(path.join(root, "Pulumi.yaml")).name);
}

/**
 * A stack file's `config:` as the Pulumi CLI passes it to a program: keys namespaced (a bare key gets
 * the project's namespace), strings as they are, every other value JSON-encoded.
 */
export function readStackConfig(stack: string, root: string = projectRoot): Record<string, string> {
    return readConfigFile(path.join(root, `Pulumi.${stack}.yaml`), projectName(root));
}

/** `readStackConfig` of a stack file anywhere, as `pulumi preview --config-file <file>` reads it. */
export function readConfigFile(file: string, project: string = projectName(projectRoot)): Record<string, string> {
    return configValues((readYaml(file).config as Record<string, unknown> | undefined) ?? {}, project);
}

/**
 * Runs `declare` (which declares resources), waits until every registration has finished, and fails
 * with the first error, whether thrown, rejected, or left unhandled by a resource registration: the
 * Pulumi CLI reports the latter as the program's failure too.
 */
export async function settle<T>(declare: () => T | Promise<T>): Promise<T> {
    const failures: unknown[] = [];
    const onFailure = (error: unknown) => failures.push(error);
    process.on("unhandledRejection", onFailure);
    try {
        let result: T | undefined;
        let thrown: unknown;
        try {
            result = await declare();
        } catch (error) {
            thrown = error;
        }
        // Registrations not reachable from the result still run: wait for the RPC queue to drain.
        await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
        await new Promise((resolve) => setImmediate(resolve));
        const failure = failures[0] ?? thrown;
        if (failure !== undefined) {
            throw failure;
        }
        return result as T;
    } finally {
        process.off("unhandledRejection", onFailure);
    }
}

/** Forgets every project module (not node_modules), so the next require runs the program afresh. */
function clearProjectModules(): void {
    for (const file of Object.keys(require.cache)) {
        if (file.startsWith(projectRoot + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`)) {
            delete require.cache[file];
        }
    }
}

export interface DeclareOptions {
    project: string;
    stack: string;
    /** Config entries (`"project:key": "value"`), as the CLI passes them to a program. */
    config?: Record<string, string>;
    /** @default false */
    preview?: boolean;
    /** The program's working directory while it runs, as the CLI sets it. @default the current one */
    cwd?: string;
}

/**
 * Runs `declare` under mocks, inside a root Stack resource as the CLI does, and waits for every
 * registration and output. An error it throws or rejects with fails the run, as it fails `pulumi up`.
 */
export async function declareUnderMocks<T>(
    declare: () => T | Promise<T>,
    options: DeclareOptions,
): Promise<{ resources: RecordedResource[]; outputs: T }> {
    const mocks = new RecordingMocks();
    mocks.install(options.project, options.stack, { preview: options.preview });
    pulumi.runtime.setAllConfig(options.config ?? {}, []);
    const cwd = process.cwd();
    try {
        if (options.cwd) {
            process.chdir(options.cwd);
        }
        const outputs = await settle(() => pulumi.runtime.runInPulumiStack(async () => declare()));
        return { resources: mocks.resources, outputs: outputs as T };
    } finally {
        process.chdir(cwd);
    }
}

/**
 * Runs the program at `programPath` (absolute, or relative to the project root) under mocks with the
 * stack's config file (see `declareUnderMocks`).
 */
export async function runProgramUnderMocks(
    programPath: string,
    options: MockRunOptions = {},
): Promise<{ resources: RecordedResource[]; outputs: Record<string, unknown> }> {
    const stack = options.stack ?? "dev";
    const project = options.project ?? projectName(projectRoot);
    const stackFile = options.stackFile ?? path.join(projectRoot, `Pulumi.${stack}.yaml`);
    const config = { ...(fs.existsSync(stackFile) ? readConfigFile(stackFile, project) : {}), ...options.config };
    clearProjectModules();

    const program = path.resolve(projectRoot, programPath);
    const { resources, outputs } = await declareUnderMocks(
        () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const exported = require(program);
            return typeof exported === "function" ? exported() : exported;
        },
        { project, stack, config, preview: options.preview },
    );
    return { resources, outputs: (outputs as Record<string, unknown> | undefined) ?? {} };
}
