import * as fs from "fs";
import * as path from "path";
import { analyzeRegistered, Row, rows, runDeployment } from "../../../tools/analyzer/run";
import { projectRoot, runProgramUnderMocks } from "../../../tools/mock-program";
import { withTestAnalysisDay } from "../analysis-day";
import { CorpusCase, Expected } from "./cases";
import { CorpusPacks } from "./packs";

/**
 * A case's verdicts, through the pack at the case's location with the stand-in CLI moved to the case's
 * folder (`cli` under it, then `chdir` as `pulumi -C` does). Messages show the case's folder as `<dir>`,
 * the corpus workspace as `<ws>` and this repository as `<repo>`.
 */
export async function runCase(packs: CorpusPacks, corpusCase: CorpusCase): Promise<Row[]> {
    const dir = fs.mkdtempSync(path.join(packs.work, "case-"));
    try {
        const project = corpusCase.project ?? "team";
        if (corpusCase.manifest !== false) {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), corpusCase.manifest ?? `name: ${project}\nruntime: nodejs\n`);
        }
        await corpusCase.files?.(dir);
        fs.mkdirSync(path.resolve(dir, corpusCase.layout?.cli ?? "."), { recursive: true });
        const pack = await packs.pack(corpusCase.layout?.pack ?? "repository");
        await pack.moveCli(corpusCase.stack ? projectRoot : path.resolve(dir, corpusCase.layout?.cli ?? "."));
        if (corpusCase.layout?.chdir) await pack.moveCli(corpusCase.layout.chdir);
        const analysis = corpusCase.stack
            ? await analyzeRegistered(pack, (await runProgramUnderMocks("index.ts", { stack: corpusCase.stack, preview: true })).resources, {
                  project: "events-api",
                  stack: corpusCase.stack,
                  config: withTestAnalysisDay(),
              })
            : await runDeployment(pack, () => corpusCase.declare?.(dir), {
                  project,
                  // A layout case sets nothing, as a team rolling the pack out would not; the others name their root.
                  config: withTestAnalysisDay((corpusCase.config ?? (corpusCase.layout ? () => ({}) : (root: string) => ({ "lambda-no-bundled-aws-sdk": { programRoot: root } })))(dir)),
                  cwd: corpusCase.cwd ? dir : undefined,
              });
        return rows(analysis.verdicts).map(([level, policy, name, message]) => [level, policy, name, message.replaceAll(dir, "<dir>").replaceAll(packs.root, "<ws>").replaceAll(projectRoot, "<repo>")]);
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
