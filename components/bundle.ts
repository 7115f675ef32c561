import * as esbuild from "esbuild";
import { existsSync } from "fs";
import * as path from "path";
import { defaultRuntime, esbuildTarget, NodeRuntime } from "./runtime";

/**
 * The one build function: `pulumi up`, `npm start`, the tests and the benchmarks all bundle a
 * handler through `bundleHandler`, so what runs locally is byte for byte what Lambda runs.
 */

/** The project root; entries are resolved against it so output never depends on the checkout path. */
export const projectRoot = path.resolve(__dirname, "..");

/**
 * The file name inside the function's archive, and the Lambda handler setting that points at it. `.mjs`
 * makes it an ES module, the only kind whose top-level await Lambda's Init waits for.
 */
export const bundleFileName = "index.mjs";
export const lambdaHandler = "index.handler";

export interface BundleOptions {
    /** Lambda runtime; sets esbuild's target. @default "nodejs24.x" */
    runtime?: NodeRuntime;
    /** Minify the output. Only the benchmark's naive variant turns this off. @default true */
    minify?: boolean;
    /**
     * Bundle the AWS SDK instead of using the one the Lambda runtime provides. Only the benchmark's
     * naive variant turns this on; the policy pack rejects functions built this way.
     * @default false
     */
    bundleAwsSdk?: boolean;
    /**
     * Await the route's `prime()` at the module's top level, so Init makes the first DynamoDB call. Only
     * the benchmark's unprimed variant turns this off, to measure what priming saves.
     * @default true
     */
    primeDuringInit?: boolean;
    /**
     * Define `require` in the module, for inlined CommonJS packages that `require` Node's built-ins, which
     * esbuild's ES module output cannot do by itself ("Dynamic require of ... is not supported"). The
     * handlers inline none; the benchmark's variants that inline the AWS SDK or the X-Ray SDK need it.
     * @default bundleAwsSdk
     */
    requireShim?: boolean;
    /**
     * Project files replaced by others wherever the bundle imports them, both relative to the project
     * root: `{ "handlers/lib/dynamo.ts": "bench/variants/aws-lite/dynamo.ts" }` builds the handlers,
     * every other line unchanged, on another DynamoDB client. Only the benchmark's peer variant sets it;
     * a file that is missing, or a replaced file the entry never imports, fails the build.
     * @default - none
     */
    substitute?: Readonly<Record<string, string>>;
}

export interface Bundle {
    /** The entry, relative to the project root. */
    entry: string;
    /** The bundled ES module. */
    code: string;
    /** Size of `code` in bytes. */
    bytes: number;
    /** Source files inside the bundle, relative to the project root. */
    inputs: string[];
    /** What the bundle imports at run time (esbuild's metafile: the output's external imports), sorted. */
    imports: string[];
}

/** A handler that does not compile; the message names the file, line and column. */
export class BundleError extends Error {
    constructor(entry: string, messages: esbuild.Message[]) {
        const details = messages.map((m) =>
            m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ${m.text}` : m.text,
        );
        super(`cannot bundle ${entry}:\n  ${details.join("\n  ")}`);
        this.name = "BundleError";
    }
}

/**
 * The module esbuild bundles for a handler entry: the entry's `handler`, and the top-level await of its
 * `prime` that makes Lambda's Init, with its CPU burst, pay for the client's first request instead of the
 * first invocation (docs/performance.md, "Cold starts and priming").
 */
export function lambdaEntrySource(entry: string, primeDuringInit: boolean): string {
    const from = JSON.stringify(path.isAbsolute(entry) ? entry : `./${entry}`);
    return primeDuringInit
        ? `import { handler, prime } from ${from};\nawait prime();\nexport { handler };\n`
        : `export { handler } from ${from};\n`;
}

/** The metafile's name for the generated entry (`lambdaEntrySource`). */
const generatedEntry = "<stdin>";

/** What every file built to run on Lambda's Node.js, or beside it, is built with. */
export function nodeBuildOptions(options: Pick<BundleOptions, "runtime" | "minify" | "bundleAwsSdk"> = {}): esbuild.BuildOptions {
    return {
        absWorkingDir: projectRoot,
        bundle: true,
        platform: "node",
        target: esbuildTarget(options.runtime ?? defaultRuntime),
        minify: options.minify ?? true,
        // The runtime ships AWS SDK v3; bundling it multiplies the code Lambda loads at every cold start.
        external: options.bundleAwsSdk ? [] : ["@aws-sdk/*"],
        legalComments: "none",
        sourcemap: false,
        logLevel: "silent",
    };
}

/** A `substitute` entry that cannot apply; the message names the entry and the file. */
export class SubstituteError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "SubstituteError";
    }
}

/** `substitute` as absolute paths, each file checked to exist. */
function substitutions(substitute: Readonly<Record<string, string>>): Map<string, string> {
    const absolute = (file: string, role: string, key: string) => {
        const resolved = path.resolve(projectRoot, file);
        if (!existsSync(resolved)) throw new SubstituteError(`substitute ${JSON.stringify(key)}: the ${role} file ${JSON.stringify(file)} does not exist (paths are relative to the project root)`);
        return resolved;
    };
    return new Map(Object.entries(substitute).map(([from, to]) => [absolute(from, "replaced", from), absolute(to, "replacing", from)]));
}

/**
 * The esbuild plugin behind `substitute`: a relative or absolute import that resolves to a replaced file resolves to
 * its replacement instead (the metafile then lists the replacement, not the replaced file).
 */
function substitutePlugin(replacements: ReadonlyMap<string, string>): esbuild.Plugin {
    return {
        name: "substitute",
        setup(build) {
            build.onResolve({ filter: /^(\.\.?)?\// }, async (args) => {
                if (args.pluginData === substitutePlugin) return undefined;
                const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: substitutePlugin });
                const replacement = replacements.get(resolved.path);
                return replacement === undefined ? resolved : { path: replacement };
            });
        },
    };
}

export function esbuildOptions(entry: string, options: BundleOptions = {}): esbuild.BuildOptions {
    return {
        ...nodeBuildOptions(options),
        stdin: { contents: lambdaEntrySource(entry, options.primeDuringInit ?? true), resolveDir: projectRoot, loader: "ts" },
        outfile: bundleFileName,
        format: "esm",
        ...((options.requireShim ?? options.bundleAwsSdk) && { banner: { js: 'import { createRequire } from "module"; const require = createRequire(import.meta.url);' } }),
        write: false,
        metafile: true,
        ...(options.substitute && { plugins: [substitutePlugin(substitutions(options.substitute))] }),
    };
}

export async function bundleHandler(entry: string, options: BundleOptions = {}): Promise<Bundle> {
    let result: esbuild.BuildResult<{ write: false; metafile: true }>;
    try {
        result = (await esbuild.build(esbuildOptions(entry, options))) as typeof result;
    } catch (error) {
        const failure = error as esbuild.BuildFailure;
        if (Array.isArray(failure.errors) && failure.errors.length > 0) {
            throw new BundleError(entry, failure.errors);
        }
        throw error;
    }
    const code = result.outputFiles[0].text;
    const inputs = Object.keys(result.metafile.inputs)
        .filter((input) => input !== generatedEntry)
        .sort();
    for (const [from, to] of Object.entries(options.substitute ?? {})) {
        if (!inputs.includes(path.relative(projectRoot, path.resolve(projectRoot, to)))) {
            throw new SubstituteError(`substitute ${JSON.stringify(from)}: ${entry} never imports ${from}, so nothing was replaced`);
        }
    }
    return {
        entry,
        code,
        bytes: Buffer.byteLength(code),
        inputs,
        imports: [...new Set(Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path)))].sort(),
    };
}

const bundles = new Map<string, Promise<Bundle>>();

/**
 * `bundleHandler`, once per entry and build options for the life of the process: one `pulumi up` bundles
 * each handler once, and tests that build many stacks do not rebundle. A failed build is not cached.
 */
export function cachedBundle(entry: string, options: BundleOptions = {}): Promise<Bundle> {
    // The substitute plugin is a function, which JSON leaves out: its files are part of the key.
    const key = JSON.stringify([esbuildOptions(entry, options), options.substitute ?? {}]);
    let bundle = bundles.get(key);
    if (!bundle) {
        bundle = bundleHandler(entry, options);
        bundles.set(key, bundle);
        bundle.catch(() => bundles.delete(key));
    }
    return bundle;
}
