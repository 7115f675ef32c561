import * as path from "path";
import { programRootVariable } from "../inspection/program-root";
import { analyzeDeployment } from "./analyzer/deployment";
import { configurePack } from "./analyzer/pack-config";
import { defaultPackDir, PolicyPackProcess } from "./analyzer/pack-process";
import { CheckError } from "./errors";
import { repositoryRoot } from "./location";
import { packConfigProblems } from "./pack-config-problems";
import { readProject, readStackConfig } from "./program/project";
import { runProgram } from "./program/run";
import { buildReport, Report } from "./report/model";

/**
 * The credential-free check of one stack of a Pulumi program: the program previewed under Pulumi's mocks
 * (program/run.ts), the pack started as the Pulumi CLI starts it and given the CLI's calls (analyzer/),
 * with the pack's program root set to the program's folder, and the report of what it checked.
 */

export interface CheckOptions {
    /** The folder holding the program's Pulumi.yaml. */
    program: string;
    stack: string;
    /** `--config-file`: the stack's config from this file instead of Pulumi.<stack>.yaml. */
    configFile?: string;
    /** The pack config (parsed JSON), as `pulumi preview --policy-pack-config` takes it. */
    packConfig: unknown;
    /** @default the pack package this check ships in */
    packDir?: string;
}

/** The node_modules folder the pack's own dependencies were installed in: where a program's missing packages are taken from. */
function installedModules(packDir: string): string {
    return path.dirname(path.dirname(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] }))));
}

export async function runCheck(options: CheckOptions): Promise<Report> {
    const project = readProject(options.program);
    const stackConfig = readStackConfig(project, options.stack, options.configFile);
    const packDir = options.packDir ?? defaultPackDir;
    // The pack takes seconds to start (ts-node type-checks it): start it while the program runs.
    const starting = PolicyPackProcess.start({ packDir, env: { [programRootVariable]: project.root }, cli: { cwd: project.root } });
    try {
        const [program, pack] = await Promise.all([
            runProgram({ project, stack: options.stack, config: stackConfig, fallbackModules: installedModules(packDir) }),
            starting,
        ]);
        const info = await pack.info();
        const problems = await packConfigProblems(pack, info, options.packConfig);
        if (problems.length > 0) {
            throw new CheckError(`invalid pack config:\n  ${problems.join("\n  ")}`);
        }
        const config = await configurePack(pack, { config: options.packConfig, project: project.name, stack: options.stack, preview: true });
        const analysis = await analyzeDeployment(pack, program.resources);
        return buildReport({ project, stack: options.stack, stackConfig, program, repositoryRoot: repositoryRoot(project.root), info, config, analysis });
    } finally {
        (await starting.catch(() => undefined))?.close();
    }
}
