import * as semver from "semver";
import { engines } from "../package.json";

/**
 * Why this Node.js cannot run the project's commands, or undefined when it can: `engines.node` of
 * package.json, which `npm ci` only warns about (EBADENGINE) and which would otherwise surface as
 * errors deep inside a run (every `npm start` request answering 500).
 */
export function unsupportedNode(command: string, version: string = process.versions.node, execPath: string = process.execPath): string | undefined {
    if (semver.satisfies(version, engines.node)) return undefined;
    return `${command} needs Node.js ${engines.node} (package.json engines); this is Node.js v${version} at ${execPath}`;
}

/** Exits with one line on stderr when this Node.js is not one package.json's `engines` allows. */
export function requireSupportedNode(command: string): void {
    const problem = unsupportedNode(command);
    if (problem === undefined) return;
    process.stderr.write(`error: ${problem}\n`);
    process.exit(1);
}
