import { parseArgs } from "util";
import { corpusCases } from "../policy/test/corpus/cases";
import { CorpusPacks } from "../policy/test/corpus/packs";
import { corpusTable, matches, runCase } from "../policy/test/corpus/run";
import { requireSupportedNode } from "../tools/node-version";

const usage = `usage: npm run policy:corpus [-- --help]

Runs the policy pack over the corpus of realistic programs (policy/test/corpus), as the Pulumi CLI runs
it in a \`pulumi preview\`, and prints the table: case, expected verdicts, verdicts given. Exits 0 when
every case gets the verdicts expected, 1 when one does not, 2 when the corpus cannot run.`;

async function main(): Promise<number> {
    requireSupportedNode("npm run policy:corpus");
    const { values } = parseArgs({ args: process.argv.slice(2), options: { help: { type: "boolean", short: "h" } }, strict: true });
    if (values.help) {
        console.log(usage);
        return 0;
    }
    const packs = new CorpusPacks();
    try {
        const results = [];
        for (const corpusCase of corpusCases) {
            results.push({ corpusCase, verdicts: await runCase(packs, corpusCase) });
        }
        console.log(corpusTable(results));
        const mismatches = results.filter((r) => !matches(r.verdicts, r.corpusCase.expected)).length;
        console.log(`\n${results.length} cases, ${mismatches} mismatch(es)`);
        return mismatches === 0 ? 0 : 1;
    } finally {
        await packs.close();
    }
}

main().then(
    (code) => process.exit(code),
    (error: Error) => {
        console.error(`policy:corpus: ${error.message}`);
        process.exit(2);
    },
);
