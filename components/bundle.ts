import * as esbuild from "esbuild";
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

export function esbuildOptions(entry: string, options: BundleOptions = {}): esbuild.BuildOptions {
    return {
        ...nodeBuildOptions(options),
        stdin: { contents: lambdaEntrySource(entry, options.primeDuringInit ?? true), resolveDir: projectRoot, loader: "ts" },
        outfile: bundleFileName,
        format: "esm",
        ...((options.requireShim ?? options.bundleAwsSdk) && { banner: { js: 'import { createRequire } from "module"; const require = createRequire(import.meta.url);' } }),
        write: false,
        metafile: true,
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
    return {
        entry,
        code,
        bytes: Buffer.byteLength(code),
        inputs: Object.keys(result.metafile.inputs)
            .filter((input) => input !== generatedEntry)
            .sort(),
        imports: [...new Set(Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path)))].sort(),
    };
}

const bundles = new Map<string, Promise<Bundle>>();

/**
 * `bundleHandler`, once per entry and build options for the life of the process: one `pulumi up` bundles
 * each handler once, and tests that build many stacks do not rebundle. A failed build is not cached.
 */
export function cachedBundle(entry: string, options: BundleOptions = {}): Promise<Bundle> {
    const key = JSON.stringify(esbuildOptions(entry, options));
    let bundle = bundles.get(key);
    if (!bundle) {
        bundle = bundleHandler(entry, options);
        bundles.set(key, bundle);
        bundle.catch(() => bundles.delete(key));
    }
    return bundle;
}
