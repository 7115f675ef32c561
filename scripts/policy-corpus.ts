import { corpusCases } from "../policy/test/corpus/cases";
import { CorpusPacks } from "../policy/test/corpus/packs";
import { corpusTable, matches, runCase } from "../policy/test/corpus/run";

/**
 * `npm run policy:corpus`: runs the pack over the corpus of realistic programs (policy/test/corpus), as
 * the Pulumi CLI runs it in a `pulumi preview`, and prints the table: case, expected verdicts, verdicts
 * given. Exits 1 when any case gets other verdicts than expected.
 */
async function main(): Promise<number> {
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
