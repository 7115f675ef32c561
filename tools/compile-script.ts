import * as esbuild from "esbuild";
import { nodeBuildOptions } from "../components/bundle";

/**
 * Compiles a TypeScript helper that runs in a process of its own (the Lambda-like runtime bootstrap) to
 * one plain CommonJS file with the handlers' own build options, so that process starts with `node` alone
 * and no TypeScript loader counts towards the init it measures. Left unminified: its stack traces stay
 * readable.
 */
export async function compileScript(entry: string, outfile: string): Promise<string> {
    await esbuild.build({ ...nodeBuildOptions({ minify: false }), entryPoints: [entry], outfile, format: "cjs" });
    return outfile;
}
