import * as fs from "fs";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
import { RecordingMocks } from "./mocks";
import type { ProgramMessage, ProgramSdkVariable } from "./run";

/**
 * Preloaded into `node <program's @pulumi/pulumi>/cmd/run --monitor mock ... <entry point>`, the command
 * the Node.js language host runs (sdk/nodejs/cmd/pulumi-language-nodejs `constructArguments`), with the
 * environment it sets (PULUMI_CONFIG, PULUMI_NODEJS_*). So the program is loaded by its own SDK's loader:
 * its working directory, package.json `main`, its TypeScript and tsconfig through ts-node, ESM. Before
 * it starts, the recording mocks replace the engine in that SDK; when the program has finished (the event
 * loop is empty, as when the CLI's program process exits), the registrations go to the parent over IPC.
 */

const sdkDir = process.env["EVENTS_API_POLICY_CHECK_SDK" satisfies ProgramSdkVariable] as string;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require(sdkDir) as typeof pulumi;
const mocks = new RecordingMocks();
mocks.install(process.env.PULUMI_NODEJS_PROJECT as string, process.env.PULUMI_NODEJS_STACK as string, {
    preview: process.env.PULUMI_NODEJS_DRY_RUN === "true",
    organization: process.env.PULUMI_NODEJS_ORGANIZATION,
    runtime: sdk.runtime,
});
// cmd/run signals the engine when the program ends; the mock monitor has no such call.
Object.assign(sdk.runtime.getMonitor() as object, { signalAndWaitForShutdown: (_request: unknown, callback: (error: null, response: object) => void) => callback(null, {}) });

const errors: string[] = [];
// One failure often surfaces several times (the rejected registration, then each output awaiting it).
const onError = (error: unknown) => {
    const described = describe(error);
    if (!errors.includes(described)) errors.push(described);
};
process.on("uncaughtException", onError);
process.on("unhandledRejection", onError);

/** An error as the CLI shows a program's: the message, and where a plain Error came from when that is the program's code. */
function describe(error: unknown): string {
    if (!(error instanceof Error)) return String(error);
    const internal = (error as { __pulumiRunError?: boolean; hideStack?: boolean }).__pulumiRunError || (error as { hideStack?: boolean }).hideStack;
    const frame = internal ? undefined : error.stack?.split("\n").find((line) => /^\s+at /.test(line) && !line.includes("node_modules") && !line.includes("node:"));
    return frame ? `${error.message}\n${frame.trim()}` : error.message;
}

/** The Pulumi packages the program loaded (the SDK and providers), by the folder Node.js loaded them from. */
function loadedPackages(): ProgramMessage["packages"] {
    const dirs = new Set<string>();
    for (const file of Object.keys(require.cache)) {
        const match = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/@][^\\/]*)[\\/]/.exec(file);
        if (match) dirs.add(match[1]);
    }
    return [...dirs].flatMap((dir) => {
        try {
            const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name: string; version: string; pulumi?: { resource?: boolean } };
            return manifest.name === "@pulumi/pulumi" || manifest.pulumi?.resource ? [{ name: manifest.name, version: manifest.version, dir }] : [];
        } catch {
            return [];
        }
    });
}

let sent = false;
process.on("beforeExit", () => {
    if (sent) return;
    sent = true;
    const message: ProgramMessage = {
        resources: mocks.resources.flatMap(({ type, name, urn, parent, wire }) => (wire ? [{ type, name, urn, parent, wire }] : [])),
        errors,
        packages: loadedPackages(),
    };
    process.send?.(message, () => process.disconnect());
});
