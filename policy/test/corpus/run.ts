import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyPackProcess } from "../../../tools/analyzer/pack-process";
import { analyzeRegistered, Row, rows, runDeployment } from "../../../tools/analyzer/run";
import { projectRoot, runProgramUnderMocks } from "../../../tools/mock-program";
import { CorpusCase, Expected } from "./cases";

/** A case's verdicts, with its folder as `<dir>` and this repository as `<repo>` in messages. */
export async function runCase(pack: PolicyPackProcess, corpusCase: CorpusCase): Promise<Row[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "events-api-corpus-"));
    try {
        const project = corpusCase.project ?? "team";
        if (corpusCase.manifest !== false) {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), corpusCase.manifest ?? `name: ${project}\nruntime: nodejs\n`);
        }
        await corpusCase.files?.(dir);
        const analysis = corpusCase.stack
            ? await analyzeRegistered(pack, (await runProgramUnderMocks("index.ts", { stack: corpusCase.stack, preview: true })).resources, {
                  project: "events-api",
                  stack: corpusCase.stack,
              })
            : await runDeployment(pack, () => corpusCase.declare?.(dir), {
                  project,
                  config: (corpusCase.config ?? ((root: string) => ({ "lambda-no-bundled-aws-sdk": { programRoot: root } })))(dir),
                  cwd: corpusCase.cwd ? dir : undefined,
              });
        return rows(analysis.verdicts).map(([level, policy, name, message]) => [level, policy, name, message.replaceAll(dir, "<dir>").replaceAll(projectRoot, "<repo>")]);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Expected verdicts in `rows`' order: resource, then policy. */
export function sortedExpected(expected: Expected[]): Expected[] {
    const key = (e: Expected) => [e[2], e[1], e[0]].join("\u0000");
    return [...expected].sort((a, b) => key(a).localeCompare(key(b)));
}

/** Whether the verdicts are exactly the expected ones (level, policy, resource) with the expected text in each message. */
export function matches(verdicts: Row[], expected: Expected[]): boolean {
    const wanted = sortedExpected(expected);
    return verdicts.length === wanted.length && verdicts.every(([level, policy, name, message], i) => {
        const [wantedLevel, wantedPolicy, wantedName, says] = wanted[i];
        return level === wantedLevel && policy === wantedPolicy && name === wantedName && message.includes(says);
    });
}

function cell(verdicts: readonly (readonly string[])[]): string {
    return verdicts.length === 0 ? "pass" : verdicts.map(([level, policy, name]) => `${level} ${policy} (${name})`).join("<br>");
}

/** The corpus as a Markdown table: case, expected verdicts, verdicts given. */
export function corpusTable(results: { corpusCase: CorpusCase; verdicts: Row[] }[]): string {
    const lines = ["| case | expected | verdict |", "|---|---|---|"];
    for (const { corpusCase, verdicts } of results) {
        const mark = matches(verdicts, corpusCase.expected) ? "" : " **MISMATCH**";
        lines.push(`| ${corpusCase.name.replace(/\|/g, "\\|")} | ${cell(sortedExpected(corpusCase.expected))} | ${cell(verdicts)}${mark} |`);
    }
    return lines.join("\n");
}
