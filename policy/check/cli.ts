import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { runCheck } from "./check";
import { CheckError } from "./errors";
import { FormatName, formatNames, formats } from "./report/formats";

/**
 * The check's command line, shared by `npm run policy:check` (this repository) and the pack package's
 * bin (`npx events-api-policies check`, anywhere the package is installed).
 */

export interface CommandLine {
    /** How the user runs it, for the usage text: `npm run policy:check --`, `events-api-policies check`. */
    command: string;
    /** The program folder when `--program` is not given. */
    defaultProgram: string;
    /** Prefix of error lines. */
    name: string;
}

export function usage(cli: CommandLine): string {
    return `Usage: ${cli.command} [--program <dir>] [--stack <name>] [--config-file <stack.yaml>] [--config <pack-config.json>] [--format <format> [--output <file>]]...

Previews the Pulumi program in <dir> as \`pulumi preview\` would (Pulumi's mocks, no cloud, no credentials:
its Pulumi.yaml, main, Pulumi.<stack>.yaml and its own node_modules), hands every resource to the policy
pack as the Pulumi CLI does, and reports what it checked and what it found, with each finding's file and line.

Options:
  --program <dir>    the folder holding the program's Pulumi.yaml (default: ${cli.defaultProgram})
  --stack <name>     the stack whose Pulumi.<name>.yaml configures the program (default: dev)
  --config-file <f>  read the stack's config from this file instead, as \`pulumi preview --config-file\`
  --config <file>    pack config, as \`pulumi preview --policy-pack-config\` takes it: JSON mapping policy
                     names to an enforcement level or to settings, e.g.
                     {"lambda-memory-above-128mb": {"minimumMemorySize": 1024}}
  --format <format>  ${formatNames.join(", ")} (default: text)
  --output <file>    write the report in the --format before it to <file>; repeat both to write several
                     reports from one run. The text report goes to stdout unless a --format without
                     --output names another format.
  --help             print this help

Exit status: 0 when no mandatory policy fails, 1 when one does (in every format), 2 when the check cannot
run (bad arguments, a folder without a program, an unknown stack, an invalid pack config, or a program error).`;
}

export interface Options {
    program: string;
    stack: string;
    configFile?: string;
    packConfig: unknown;
    /** Where each report goes: a file, or stdout (`undefined`). */
    outputs: Array<{ format: FormatName; file?: string }>;
}

/** The options, or undefined for `--help`. */
export function parseArguments(argv: string[], cli: CommandLine): Options | undefined {
    let parsed: ReturnType<typeof parse>;
    const parse = (args: string[]) =>
        parseArgs({
            args,
            options: {
                program: { type: "string" },
                stack: { type: "string" },
                "config-file": { type: "string" },
                config: { type: "string" },
                format: { type: "string", multiple: true },
                output: { type: "string", multiple: true },
                help: { type: "boolean" },
            },
            strict: true,
            allowPositionals: false,
            tokens: true,
        });
    try {
        parsed = parse(argv);
    } catch (error) {
        throw new CheckError(`${(error as Error).message}\n${usage(cli).split("\n")[0]}`);
    }
    const { values, tokens } = parsed;
    if (values.help) return undefined;
    const outputs: Options["outputs"] = [];
    let pending: FormatName | undefined;
    for (const token of tokens) {
        if (token.kind !== "option") continue;
        if (token.name === "format") {
            if (!formatNames.includes(token.value as FormatName)) {
                throw new CheckError(`unknown format ${JSON.stringify(token.value)}: the formats are ${formatNames.join(", ")}`);
            }
            if (pending) outputs.push({ format: pending });
            pending = token.value as FormatName;
        } else if (token.name === "output") {
            outputs.push({ format: pending ?? "text", file: path.resolve(token.value as string) });
            pending = undefined;
        }
    }
    if (pending) outputs.push({ format: pending });
    const toStdout = outputs.filter((o) => o.file === undefined);
    if (toStdout.length > 1) throw new CheckError(`only one report can go to stdout: give --output <file> to each --format but one`);
    if (toStdout.length === 0) outputs.push({ format: "text" });
    const configFile = values["config-file"] === undefined ? undefined : path.resolve(values["config-file"]);
    if (configFile !== undefined && !fs.existsSync(configFile)) throw new CheckError(`cannot read stack config ${values["config-file"]}: no such file`);
    return {
        program: path.resolve(values.program ?? cli.defaultProgram),
        stack: values.stack ?? "dev",
        configFile,
        packConfig: values.config === undefined ? {} : readPackConfig(values.config),
        outputs,
    };
}

function readPackConfig(file: string): unknown {
    try {
        return JSON.parse(fs.readFileSync(path.resolve(file), "utf8"));
    } catch (error) {
        throw new CheckError(`cannot read pack config ${file}: ${(error as Error).message}`);
    }
}

/** Runs the check; resolves to the exit status. */
export async function main(argv: string[], cli: CommandLine): Promise<number> {
    try {
        const options = parseArguments(argv, cli);
        if (!options) {
            console.log(usage(cli));
            return 0;
        }
        const report = await runCheck({ program: options.program, stack: options.stack, configFile: options.configFile, packConfig: options.packConfig });
        for (const output of options.outputs) {
            const text = `${formats[output.format](report)}\n`;
            if (output.file) {
                try {
                    fs.writeFileSync(output.file, text);
                } catch (error) {
                    throw new CheckError(`cannot write ${output.file}: ${(error as Error).message}`);
                }
            } else {
                process.stdout.write(text);
            }
        }
        return report.summary.result === "failed" ? 1 : 0;
    } catch (error) {
        console.error(`${cli.name}: ${error instanceof Error ? error.message : String(error)}`);
        return 2;
    }
}
