import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../components/bundle";
import { exitStatus } from "./support/exit-status";

const scripts = (JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

/** An npm script's command, as npm runs it, with `args` appended; `node` is the Node.js running this test. */
function runScript(name: string, args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
    const [command, ...rest] = scripts[name].replace(/^exec /, "").split(" ");
    assert.strictEqual(command, "node", `${name} runs ${command}`);
    return new Promise((resolve) =>
        execFile(process.execPath, [...rest, ...args], { cwd: projectRoot, timeout: 60_000 }, (error, stdout, stderr) =>
            resolve({ code: exitStatus(error, 60_000), stdout, stderr }),
        ),
    );
}

describe("every command's --help", function () {
    this.timeout(60_000);
    for (const [name, shown] of [
        ["start", "usage: npm start -- [options]"],
        ["bench", "usage: npm run bench -- [options]"],
        ["tune", "usage: npm run tune -- [options]"],
        ["policy:check", "Usage: npm run policy:check -- "],
        ["policy:corpus", "usage: npm run policy:corpus"],
        ["docs", "usage: npm run docs"],
    ] as const) {
        it(`npm run ${name} -- --help prints its usage and exits 0, doing nothing else`, async () => {
            const run = await runScript(name, ["--help"]);
            assert.deepStrictEqual([run.code, run.stderr], [0, ""]);
            assert.ok(run.stdout.startsWith(shown), run.stdout);
            assert.match(run.stdout, /--help/);
        });
    }

    it("covers every npm script that runs a command of this project", () => {
        const commands = Object.keys(scripts).filter((name) => / (local|bench|scripts|tools)\//.test(scripts[name]));
        assert.deepStrictEqual(commands.sort(), ["bench", "docs", "policy:check", "policy:corpus", "start", "tune"]);
    });
});
