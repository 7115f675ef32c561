import * as assert from "assert";
import * as path from "path";
import { inspectCode } from "../inspection/inspect-code";
import { sdkCorpus } from "./sdk-corpus";

describe("lambda-no-bundled-aws-sdk's detector, over a corpus built from real packages", function () {
    // Building the corpus bundles about 70 entries with esbuild: a few seconds on two cores.
    this.timeout(120_000);

    it("finds the SDK in every sample that carries it and in none of the others, reading each completely", async () => {
        const samples = await sdkCorpus();
        const misses: string[] = [];
        const falseAlarms: string[] = [];
        const unread: string[] = [];
        for (const sample of samples) {
            const inspection = await inspectCode([{ kind: "archive", archive: sample.code }], { resolve: (file) => (path.isAbsolute(file) ? { file } : { problem: "relative" }) });
            if (sample.carriesSdk && inspection.sdk.length === 0) {
                misses.push(sample.label);
            }
            if (!sample.carriesSdk && inspection.sdk.length > 0) {
                falseAlarms.push(`${sample.label}: ${inspection.sdk.join("; ")}`);
            }
            unread.push(...[...inspection.missing, ...inspection.unreadable, ...inspection.unreachable].map((reason) => `${sample.label}: ${reason}`));
        }
        const withSdk = samples.filter((s) => s.carriesSdk).length;
        console.log(
            `      corpus: ${samples.length} samples (${withSdk} with the SDK, ${samples.length - withSdk} without); ` +
                `${misses.length} misses, ${falseAlarms.length} false alarms`,
        );
        assert.deepStrictEqual({ misses, falseAlarms, unread }, { misses: [], falseAlarms: [], unread: [] });
        assert.ok(withSdk >= 40 && samples.length - withSdk >= 40, `corpus too small: ${withSdk} with, ${samples.length - withSdk} without`);
    });
});
