import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { projectRoot } from "../components/bundle";

const mocha = path.join(projectRoot, "node_modules", "mocha", "bin", "mocha.js");

/** The files a mocha command line would run, from its own `--dry-run` report. */
async function filesMochaRuns(args: string[]): Promise<string[]> {
    const { stdout } = await promisify(execFile)(process.execPath, [mocha, "--dry-run", "--reporter", "json", ...args], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 });
    const report = JSON.parse(stdout) as { tests: { file: string }[] };
    return [...new Set(report.tests.map((test) => path.relative(projectRoot, test.file)))].sort();
}

describe("the test commands", function () {
    this.timeout(60_000);

    it("npx mocha <file> runs that file alone, with the project's .mocharc.json", async () => {
        assert.deepStrictEqual(await filesMochaRuns(["test/local/cli-args.test.ts"]), ["test/local/cli-args.test.ts"]);
    });

    it("npm test's spec globs cover every *.test.ts file in the repository", () => {
        const script = (JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.test;
        const globs = [...script.matchAll(/'([^']+\.test\.ts)'/g)].map((match) => match[1]);
        assert.deepStrictEqual(globs, ["test/**/*.test.ts", "policy/test/**/*.test.ts"]);
        const specs = new Set(globs.flatMap((glob) => fs.globSync(glob, { cwd: projectRoot })));
        const everyTestFile = fs.globSync("**/*.test.ts", { cwd: projectRoot, exclude: (name) => name === "node_modules" });
        assert.deepStrictEqual(everyTestFile.filter((file) => !specs.has(file)), []);
        assert.ok(specs.has("test/test-command.test.ts") && specs.has("policy/test/pack.test.ts"));
    });
});
