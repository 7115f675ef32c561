import * as esbuild from "esbuild";
import { projectRoot } from "../components/bundle";
import { defaultRuntime, esbuildTarget } from "../components/runtime";

/**
 * Compiles a TypeScript helper that runs in a process of its own (the local stack's and the
 * benchmark's Lambda-like bootstraps) to one plain CommonJS file, so that process starts with `node`
 * alone and no TypeScript loader counts towards the init it measures.
 */
export async function compileScript(entry: string, outfile: string): Promise<string> {
    await esbuild.build({
        absWorkingDir: projectRoot,
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: "node",
        format: "cjs",
        target: esbuildTarget(defaultRuntime),
        logLevel: "silent",
    });
    return outfile;
}
