import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { DeploymentAnalysis, Verdict, violationMessage } from "../tools/analyzer/deployment";
import { reconcilePackConfig } from "../tools/analyzer/pack-config";
import { PolicyPackProcess } from "../tools/analyzer/pack-process";
import { analyzeRegistered } from "../tools/analyzer/run";
import { projectRoot, runProgramUnderMocks } from "../tools/mock-program";
import { requireSupportedNode } from "../tools/node-version";

/**
 * `npm run policy:check`: the policy pack over this project's stack, as `pulumi preview --policy-pack
 * policy` runs it, with no Pulumi CLI, cloud or credentials. The program runs under Pulumi's mocks as
 * a preview; the pack runs as its own process, started as the CLI starts it, and gets the CLI's calls.
 */

const usage = `Usage: npm run policy:check -- [--stack <name>] [--config-file <stack.yaml>] [--config <pack-config.json>]

Runs index.ts as \`pulumi preview\` would (Pulumi's mocks, the stack's Pulumi.<stack>.yaml), hands every
resource to the policy pack in policy/ as the Pulumi CLI does, and prints the policy report.

Options:
  --stack <name>     the stack whose Pulumi.<name>.yaml configures the program (default: dev)
  --config-file <f>  read the stack's config from this file instead, as \`pulumi preview --config-file\`
  --config <file>    pack config, as \`pulumi preview --policy-pack-config\` takes it: JSON mapping policy
                     names to an enforcement level or to settings, e.g.
                     {"lambda-memory-above-128mb": {"minimumMemorySize": 1024}}
  --help             print this help

Exit status: 0 when no mandatory policy fails, 1 when one does, 2 when the check cannot run (unknown
stack, bad arguments, an invalid pack config, or a program error).`;

class UsageError extends Error {}

export interface CheckOptions {
    stack: string;
    /** `--config-file`: the stack config to use instead of Pulumi.<stack>.yaml. */
    stackFile?: string;
    /** The parsed JSON of `--config`. */
    config: unknown;
}

/** The options, or undefined for `--help`. */
export function parseArguments(argv: string[]): CheckOptions | undefined {
    let values: { stack?: string; "config-file"?: string; config?: string; help?: boolean };
    try {
        ({ values } = parseArgs({
            args: argv,
            options: { stack: { type: "string" }, "config-file": { type: "string" }, config: { type: "string" }, help: { type: "boolean" } },
            strict: true,
            allowPositionals: false,
        }));
    } catch (error) {
        throw new UsageError(`${(error as Error).message}\n${usage.split("\n")[0]}`);
    }
    if (values.help) {
        return undefined;
    }
    const stackFile = values["config-file"] === undefined ? undefined : path.resolve(values["config-file"]);
    if (stackFile !== undefined && !fs.existsSync(stackFile)) throw new UsageError(`cannot read stack config ${values["config-file"]}: no such file`);
    return { stack: values.stack ?? "dev", stackFile, config: values.config === undefined ? {} : readPackConfig(values.config) };
}

function readPackConfig(file: string): unknown {
    try {
        return JSON.parse(fs.readFileSync(path.resolve(file), "utf8"));
    } catch (error) {
        throw new UsageError(`cannot read pack config ${file}: ${(error as Error).message}`);
    }
}

export function stackNames(root: string = projectRoot): string[] {
    return fs
        .readdirSync(root)
        .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
        .filter((name): name is string => name !== undefined)
        .sort();
}

export interface CheckResult {
    analysis: DeploymentAnalysis;
    /** Pack config entries that name no policy of the pack (the CLI ignores them too). */
    unknownPolicies: string[];
    pack: { name: string; version: string; policies: number };
    resources: number;
}

export async function checkStack(options: CheckOptions): Promise<CheckResult> {
    if (options.stackFile === undefined && !stackNames().includes(options.stack)) {
        throw new UsageError(`unknown stack "${options.stack}": no Pulumi.${options.stack}.yaml (stacks: ${stackNames().join(", ")})`);
    }
    // The pack takes a few seconds to start (ts-node type-checks it): start it while the program runs.
    const starting = PolicyPackProcess.start();
    try {
        const program = await runProgramUnderMocks("index.ts", { stack: options.stack, stackFile: options.stackFile, preview: true }).catch((error: Error) => {
            throw new UsageError(`the program failed: ${error.message}`);
        });
        const pack = await starting;
        const info = await pack.info();
        const reconciled = reconcilePackConfig(info, options.config);
        if ("errors" in reconciled) {
            throw new UsageError(`invalid pack config (the Pulumi CLI refuses it too):\n  ${reconciled.errors.join("\n  ")}`);
        }
        const analysis = await analyzeRegistered(pack, program.resources, { project: "events-api", stack: options.stack, config: options.config });
        return {
            analysis,
            unknownPolicies: reconciled.unknownPolicies,
            pack: { name: info.name, version: info.version, policies: info.policies.length },
            resources: program.resources.filter((r) => r.wire).length,
        };
    } finally {
        (await starting.catch(() => undefined))?.close();
    }
}

const levelOrder = ["mandatory", "advisory"];

/** The report, laid out like `pulumi preview`'s "Policies:" section, with remediations and a summary line. */
export function formatReport(stack: string, result: CheckResult): string {
    const { verdicts, remediations } = result.analysis;
    const failed = verdicts.some((v) => v.enforcementLevel === "mandatory");
    const lines = [`Policies (stack ${stack}, preview, ${result.resources} resources, ${result.pack.policies} policies):`];
    lines.push(`    ${failed ? "❌" : "✅"} ${result.pack.name}@v${result.pack.version}`);
    const ordered = [...verdicts].sort((a, b) => levelOrder.indexOf(a.enforcementLevel) - levelOrder.indexOf(b.enforcementLevel));
    for (const verdict of ordered) {
        lines.push(`        - [${verdict.enforcementLevel}]  ${verdict.policyName}${where(verdict)}`);
        if (verdict.description) {
            lines.push(`          ${verdict.description}`);
        }
        lines.push(`          ${violationMessage(verdict)}`);
    }
    for (const remediation of remediations) {
        lines.push(`        - [remediated]  ${remediation.policyName}  (${remediation.resource.type}: ${remediation.resource.name})`);
    }
    for (const name of result.unknownPolicies) {
        lines.push(`    note: the pack config names "${name}", which is not a policy of ${result.pack.name}; it is ignored`);
    }
    const count = (level: string) => verdicts.filter((v) => v.enforcementLevel === level).length;
    lines.push("");
    lines.push(`${count("mandatory")} mandatory, ${count("advisory")} advisory violation(s), ${remediations.length} remediation(s): ${failed ? "FAILED" : "passed"}`);
    return lines.join("\n");
}

function where(verdict: Verdict): string {
    return verdict.resource ? `  (${verdict.resource.type}: ${verdict.resource.name})` : "";
}

async function main(): Promise<number> {
    requireSupportedNode("npm run policy:check");
    try {
        const options = parseArguments(process.argv.slice(2));
        if (!options) {
            console.log(usage);
            return 0;
        }
        const result = await checkStack(options);
        console.log(formatReport(options.stack, result));
        return result.analysis.verdicts.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0;
    } catch (error) {
        // Every line: a config error lists one problem per line.
        const message = error instanceof Error ? error.message : String(error);
        console.error(`policy:check: ${message}`);
        return 2;
    }
}

if (require.main === module) {
    main().then(
        (code) => process.exit(code),
        () => process.exit(2),
    );
}
