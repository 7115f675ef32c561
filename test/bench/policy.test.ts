import * as assert from "assert";
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicySample, policyTable, writeNodeModules, writeZips } from "../../bench/sections/policy";

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
    return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
        .sort();
}

describe("bench: policy pack section", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "events-api-policy-bench-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("writes a node_modules of the asked number of files in packages of 100, nested copies in every tenth, no AWS SDK", () => {
        const code = writeNodeModules(dir, 1000);
        const files = filesUnder(path.join(dir, "node_modules"));
        assert.deepStrictEqual([code.files, code.sources, files.length], [1000, 10, 1000]);
        assert.deepStrictEqual(fs.readdirSync(path.join(dir, "node_modules")).sort(), Array.from({ length: 10 }, (_, i) => `bench-pkg-000${i}`));
        assert.strictEqual(files.filter((file) => file.startsWith("bench-pkg-0003/")).length, 100);
        assert.deepStrictEqual(files.filter((file) => file.includes("/node_modules/")).length, 10);
        assert.ok(files.includes("bench-pkg-0000/node_modules/nested-dep/package.json"));
        assert.ok(files.every((file) => !/aws-sdk|boto/.test(file)));
        assert.strictEqual(code.bytes, files.reduce((sum, file) => sum + fs.statSync(path.join(dir, "node_modules", file)).size, 0));
        assert.deepStrictEqual(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).dependencies).length, 10);
        assert.strictEqual(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"), "name: bench\nruntime: nodejs\n");
    });

    it("writes distinct zips of about the asked size with Python's zipfile: a handler, deflated chunks and stored assets", () => {
        const zips = writeZips(dir, 2, 2);
        assert.deepStrictEqual(zips.paths.map((file) => path.basename(file)), ["fn-0.zip", "fn-1.zip"]);
        const names = execFileSync("python3", ["-c", "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", zips.paths[0]], { encoding: "utf8" }).trim().split("\n");
        assert.deepStrictEqual([names.length, names[0], names[1], names[names.length - 1]], [57, "index.js", "lib/chunk-0.js", "assets/blob-1.dat"]);
        assert.strictEqual(zips.files, 2 * 57);
        for (const file of zips.paths) {
            const size = fs.statSync(file).size;
            assert.ok(size > 1.8e6 && size < 2.2e6, `${file}: ${size} bytes`);
        }
        const digest = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
        assert.notStrictEqual(digest(zips.paths[0]), digest(zips.paths[1]));
        assert.strictEqual(zips.bytes, fs.statSync(zips.paths[0]).size + fs.statSync(zips.paths[1]).size);
    });

    it("tabulates each stack's median analysis, per function, per MB and the ratio to its fewest functions", () => {
        const nodeModules = { files: 30_000, bytes: 5_000_000, sources: 300 };
        const sample = (stack: string, functions: number, analysisMs: number[], code = nodeModules, reads = 300): PolicySample => ({ stack, functions, code, reads, analysisMs, encodingMs: analysisMs.map((t) => t / 10) });
        const table = policyTable(
            [
                sample("CallbackFunctions over one node_modules", 1, [100, 120, 110]),
                sample("CallbackFunctions over one node_modules", 100, [400, 440, 420]),
                sample("functions with distinct 50 MB zips", 20, [2000, 3000], { files: 28_000, bytes: 1_000_000_000, sources: 20 }, 20),
            ],
            "v24.0.0",
        );
        assert.deepStrictEqual(table.headers, ["stack", "functions", "files in the code", "code size", "folders/archives read", "AnalyzeStack", "of which request encoding", "per function", "per MB of code", "vs the fewest functions"]);
        assert.deepStrictEqual(table.rows, [
            ["CallbackFunctions over one node_modules", 1, "30,000", "5.0 MB", 300, "110.0 ms (105.0-115.0)", "11.0 ms", "110.0 ms", "22.0 ms", "x1.00"],
            ["CallbackFunctions over one node_modules", 100, "30,000", "5.0 MB", 300, "420.0 ms (410.0-430.0)", "42.0 ms", "4.2 ms", "84.0 ms", "x3.82"],
            ["functions with distinct 50 MB zips", 20, "28,000", "1000.0 MB", 20, "2500.0 ms (2250.0-2750.0)", "250.0 ms", "125.0 ms", "2.5 ms", "-"],
        ]);
        assert.match(table.notes?.[3] ?? "", /Node v24\.0\.0/);
    });
});
