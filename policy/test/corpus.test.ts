import * as assert from "assert";
import { corpusCases } from "./corpus/cases";
import { CorpusPacks } from "./corpus/packs";
import { runCase, sortedExpected } from "./corpus/run";
import { packUnderTest } from "./harness";

/** `npm run policy:corpus` prints the same cases as a table. */
describe("the pack in real teams' previews: a corpus of programs, through the pack process as the CLI runs it", function () {
    // Cases build esbuild bundles, serialize CallbackFunction closures, and this project's stacks bundle four handlers each.
    this.timeout(120_000);
    let packs: CorpusPacks;
    before(() => {
        packs = new CorpusPacks(packUnderTest);
    });
    after(() => packs.close());

    for (const corpusCase of corpusCases) {
        it(corpusCase.name, async () => {
            const verdicts = await runCase(packs, corpusCase);
            const expected = sortedExpected(corpusCase.expected);
            assert.deepStrictEqual(verdicts.map((row) => row.slice(0, 3)), expected.map((e) => e.slice(0, 3)), JSON.stringify(verdicts, null, 2));
            verdicts.forEach(([, , , message], i) => assert.ok(message.includes(expected[i][3]), `message ${JSON.stringify(message)} lacks ${JSON.stringify(expected[i][3])}`));
        });
    }
});
