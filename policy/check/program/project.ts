import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { CheckError } from "../errors";

/**
 * A Pulumi program's folder read as the Pulumi CLI reads it before it runs the program: Pulumi.yaml
 * (name, runtime and its options, `main`, `stackConfigDir`, project-level `config`) and the stack's
 * Pulumi.<stack>.yaml, merged as pkg/workspace/config.go `mergeConfig` merges them. Whatever the check
 * cannot take into account (secrets it cannot decrypt, ESC environments) is returned as a warning, never
 * dropped without a word.
 */

export interface ProjectConfigType {
    type?: string;
    default?: unknown;
    value?: unknown;
    secret?: boolean;
    items?: { type?: string };
}

export interface PulumiProject {
    /** The folder holding Pulumi.yaml, absolute. */
    root: string;
    projectFile: string;
    name: string;
    /** The runtime options the Node.js language host reads (sdk/nodejs/cmd/pulumi-language-nodejs `parseOptions`). */
    typescript: boolean;
    tsconfig?: string;
    nodeargs?: string;
    /** `main` as Pulumi.yaml writes it, if it does. */
    main?: string;
    /** The program's working directory and entry point, as pkg/engine/project.go `getPwdMain` gives them. */
    pwd: string;
    entryPoint: string;
    stackConfigDir: string;
    config: Record<string, ProjectConfigType>;
}

const projectFiles = ["Pulumi.yaml", "Pulumi.yml"];

function parseYaml(file: string): unknown {
    try {
        return YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new CheckError(`cannot read ${file}: ${(error as Error).message}`);
    }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

function nearestProjectAbove(dir: string): string | undefined {
    for (let current = path.dirname(dir); ; current = path.dirname(current)) {
        const found = projectFiles.map((name) => path.join(current, name)).find((file) => fs.existsSync(file));
        if (found || path.dirname(current) === current) return found;
    }
}

export function readProject(folder: string): PulumiProject {
    const root = path.resolve(folder);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
        throw new CheckError(`--program ${folder}: no such folder`);
    }
    const projectFile = projectFiles.map((name) => path.join(root, name)).find((file) => fs.existsSync(file));
    if (!projectFile) {
        const above = nearestProjectAbove(root);
        throw new CheckError(`${root} holds no Pulumi.yaml: --program names the folder of a Pulumi project${above ? ` (the nearest above is ${above})` : ""}`);
    }
    const manifest = parseYaml(projectFile);
    if (!isObject(manifest) || typeof manifest.name !== "string" || manifest.name === "") {
        throw new CheckError(`${projectFile} names no project (name:)`);
    }
    const runtime = typeof manifest.runtime === "string" ? { name: manifest.runtime } : isObject(manifest.runtime) ? manifest.runtime : {};
    if (runtime.name !== "nodejs") {
        throw new CheckError(`${projectFile}: runtime ${JSON.stringify(runtime.name ?? null)}: the check runs Node.js programs (TypeScript or JavaScript), runtime: nodejs`);
    }
    const options = isObject(runtime.options) ? runtime.options : {};
    const option = (key: string, type: "boolean" | "string") => {
        if (options[key] !== undefined && typeof options[key] !== type) throw new CheckError(`${projectFile}: runtime.options.${key} must be a ${type}`);
        return options[key] as never;
    };
    const { pwd, entryPoint } = pwdMain(root, manifest.main, projectFile);
    // `config: <folder>` is the old spelling of stackConfigDir (workspace/project.go RewriteConfigPathIntoStackConfigDir).
    const stackConfigDir = typeof manifest.stackConfigDir === "string" ? manifest.stackConfigDir : typeof manifest.config === "string" ? manifest.config : ".";
    return {
        root,
        projectFile,
        name: manifest.name,
        typescript: option("typescript", "boolean") ?? true,
        tsconfig: option("tsconfig", "string"),
        nodeargs: option("nodeargs", "string"),
        main: typeof manifest.main === "string" ? manifest.main : undefined,
        pwd,
        entryPoint,
        stackConfigDir: path.resolve(root, stackConfigDir),
        config: projectConfig(manifest.name, isObject(manifest.config) ? manifest.config : {}),
    };
}

function pwdMain(root: string, main: unknown, projectFile: string): { pwd: string; entryPoint: string } {
    if (main === undefined || main === null || main === "") return { pwd: root, entryPoint: "." };
    if (typeof main !== "string") throw new CheckError(`${projectFile}: main must be a path, got ${JSON.stringify(main)}`);
    const target = path.resolve(root, main);
    if (!fs.existsSync(target)) throw new CheckError(`${projectFile}: project 'main' could not be read: ${target} does not exist`);
    return fs.statSync(target).isDirectory() ? { pwd: target, entryPoint: "." } : { pwd: path.dirname(target), entryPoint: path.basename(target) };
}

/** Project-level config, shorthand values rewritten as the CLI does: `key: v` is a default, `ns:key: v` a value. */
function projectConfig(project: string, config: Record<string, unknown>): Record<string, ProjectConfigType> {
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => {
            const ownKey = !key.includes(":") || key.startsWith(`${project}:`);
            return [key, isObject(value) ? (value as ProjectConfigType) : ownKey ? { default: value } : { value }];
        }),
    );
}

export function stackNames(project: PulumiProject): string[] {
    if (!fs.existsSync(project.stackConfigDir)) return [];
    return fs
        .readdirSync(project.stackConfigDir)
        .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
        .filter((name): name is string => name !== undefined)
        .sort();
}

export interface StackConfig {
    /** The stack file read, or undefined when the stack has none and `--config-file` named none. */
    file: string;
    /** Config as the language host passes it to the program in PULUMI_CONFIG: `namespace:key` to string. */
    values: Record<string, string>;
    secretKeys: string[];
    warnings: string[];
}

/** A stack file's `config:` values as the CLI passes them to a program: strings as they are, every other value JSON. */
export function configValues(config: Record<string, unknown>, project: string): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([key, value]) => [namespaced(key, project), typeof value === "string" ? value : JSON.stringify(value)]));
}

const namespaced = (key: string, project: string) => (key.includes(":") ? key : `${project}:${key}`);

/** The stack's config: its stack file (or `configFile`, as `pulumi preview --config-file`), then Pulumi.yaml's config. */
export function readStackConfig(project: PulumiProject, stack: string, configFile?: string): StackConfig {
    const file = configFile ?? ["yaml", "yml"].map((ext) => path.join(project.stackConfigDir, `Pulumi.${stack}.${ext}`)).find((f) => fs.existsSync(f));
    if (!file) {
        const stacks = stackNames(project);
        throw new CheckError(
            `unknown stack "${stack}": no Pulumi.${stack}.yaml in ${project.stackConfigDir} (stacks: ${stacks.length > 0 ? stacks.join(", ") : "none"}). ` +
                `Pass --stack <name>, or --config-file <file> for a stack whose config is kept elsewhere`,
        );
    }
    const parsed = parseYaml(file);
    const document = isObject(parsed) ? parsed : {};
    const raw = isObject(document.config) ? document.config : {};
    const warnings: string[] = [];
    const secretKeys: string[] = [];
    const plain: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
        if (isObject(value) && typeof value.secure === "string" && Object.keys(value).length === 1) {
            secretKeys.push(namespaced(key, project.name));
            plain[key] = value.secure;
        } else {
            plain[key] = value;
        }
    }
    if (secretKeys.length > 0) {
        warnings.push(
            `secret config ${secretKeys.join(", ")} cannot be decrypted without the stack's secrets provider: the program got the ciphertext instead (as a secret)`,
        );
    }
    if (document.environment !== undefined) {
        warnings.push(`${path.basename(file)} imports ESC environments (environment: ${JSON.stringify(document.environment)}): their config is not available to the check`);
    }
    const values = configValues(plain, project.name);
    applyProjectConfig(project, stack, values, secretKeys);
    return { file, values, secretKeys, warnings };
}

function applyProjectConfig(project: PulumiProject, stack: string, values: Record<string, string>, secretKeys: string[]): void {
    const missing: string[] = [];
    const problems: string[] = [];
    for (const key of Object.keys(project.config).sort()) {
        const type = project.config[key];
        const full = namespaced(key, project.name);
        if (values[full] === undefined) {
            const given = type.default ?? type.value;
            if (given === undefined) {
                if (full.startsWith(`${project.name}:`)) missing.push(key);
                continue;
            }
            values[full] = typeof given === "string" ? given : JSON.stringify(given);
            continue;
        }
        if (type.secret && !secretKeys.includes(full)) problems.push(`Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret`);
        if (type.type && !matchesType(type, values[full])) problems.push(`Stack '${stack}' with configuration key '${key}' must be of type '${type.type}${type.items?.type ? `<${type.items.type}>` : ""}'`);
    }
    if (missing.length > 0) problems.unshift(`Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${missing.map((k) => `'${k}'`).join(", ")}`);
    if (problems.length > 0) throw new CheckError(`invalid stack config (the Pulumi CLI refuses it too):\n  ${problems.join("\n  ")}`);
}

/** pkg/workspace ValidateConfigValue, for the types Pulumi.yaml may declare. */
function matchesType(type: ProjectConfigType, value: string): boolean {
    const scalar = (name: string | undefined, v: unknown) =>
        name === "string" ? typeof v === "string" : name === "integer" ? /^-?\d+$/.test(String(v)) : name === "boolean" ? /^(true|false)$/.test(String(v)) : true;
    if (type.type !== "array") return scalar(type.type, value);
    try {
        const list: unknown = JSON.parse(value);
        return Array.isArray(list) && list.every((item) => scalar(type.items?.type, typeof item === "string" || type.items?.type !== "string" ? item : undefined));
    } catch {
        return false;
    }
}
