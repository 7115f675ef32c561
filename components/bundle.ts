import * as esbuild from "esbuild";
import * as path from "path";
import { defaultRuntime, esbuildTarget, NodeRuntime } from "./runtime";

/**
 * The one build function: `pulumi up`, `npm start`, the tests and the benchmarks all bundle a
 * handler through `bundleHandler`, so what runs locally is byte for byte what Lambda runs.
 */

/** The project root; entries are resolved against it so output never depends on the checkout path. */
export const projectRoot = path.resolve(__dirname, "..");

/** The file name inside the function's archive, and the Lambda handler setting that points at it. */
export const bundleFileName = "index.js";
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
}

export interface Bundle {
    /** The entry, relative to the project root. */
    entry: string;
    /** The bundled CommonJS module. */
    code: string;
    /** Size of `code` in bytes. */
    bytes: number;
    /** Source files inside the bundle, relative to the project root. */
    inputs: string[];
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

export function esbuildOptions(entry: string, options: BundleOptions = {}): esbuild.BuildOptions {
    const runtime = options.runtime ?? defaultRuntime;
    return {
        absWorkingDir: projectRoot,
        entryPoints: [entry],
        outfile: bundleFileName,
        bundle: true,
        write: false,
        metafile: true,
        platform: "node",
        format: "cjs",
        target: esbuildTarget(runtime),
        minify: options.minify ?? true,
        // The runtime ships AWS SDK v3; bundling it multiplies the code Lambda loads at every cold start.
        external: options.bundleAwsSdk ? [] : ["@aws-sdk/*"],
        legalComments: "none",
        sourcemap: false,
        logLevel: "silent",
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
        inputs: Object.keys(result.metafile.inputs).sort(),
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
