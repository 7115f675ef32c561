import * as assert from "assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { runColdStart } from "../../bench/lib/cold-start";
import { buildRuntimeBootstrap } from "../../local/environment";

/** A module that busy-waits `loadMs` when loaded and `invokeMs` per invocation. */
function busyModule(loadMs: number, invokeMs: number): string {
    return `
const dep = require("fixture-dep");
function spin(ms) { const end = performance.now() + ms; while (performance.now() < end) {} }
spin(${loadMs});
exports.handler = async (event) => { spin(${invokeMs}); return { statusCode: Number(process.env.FIXTURE_STATUS) + dep.offset + event.add }; };
`;
}

describe("cold-start runner", function () {
    this.timeout(15_000);
    let workDir: string;
    let bootstrap: string;
    let modules: string;

    before(async () => {
        workDir = mkdtempSync(path.join(os.tmpdir(), "bench-test-"));
        bootstrap = await buildRuntimeBootstrap(workDir);
        // A dependency the fixture finds only through NODE_PATH, as bundles find the runtime's SDK.
        modules = path.join(workDir, "modules");
        mkdirSync(path.join(modules, "fixture-dep"), { recursive: true });
        writeFileSync(path.join(modules, "fixture-dep", "index.js"), "exports.offset = 1;");
    });
    after(() => rmSync(workDir, { recursive: true, force: true }));

    function fixture(name: string, source: string): string {
        const file = path.join(workDir, name);
        writeFileSync(file, source);
        return file;
    }

    it("splits a fresh process into boot, module load and invocations, in a process of its own", async () => {
        const sample = await runColdStart({
            node: process.execPath,
            bootstrap,
            bundle: fixture("busy.js", busyModule(60, 30)),
            events: [{ add: 0 }, { add: 1 }, { add: 2 }],
            env: { FIXTURE_STATUS: "199" },
            nodePath: modules,
        });
        // Loose bounds: the busy-waits are floors; the ceilings only catch a unit error (s vs ms).
        assert.ok(sample.loadMs >= 60 && sample.loadMs < 1000, `loadMs ${sample.loadMs}`);
        assert.ok(sample.firstInvocationMs >= 30 && sample.firstInvocationMs < 1000, `first ${sample.firstInvocationMs}`);
        assert.strictEqual(sample.warmMs.length, 2);
        sample.warmMs.forEach((ms) => assert.ok(ms >= 30 && ms < 1000, `warm ${ms}`));
        assert.ok(sample.bootMs > 0 && sample.bootMs < 1000, `bootMs ${sample.bootMs}`);
        assert.strictEqual(sample.initMs, sample.bootMs + sample.loadMs);
        assert.deepStrictEqual(sample.statusCodes, [200, 201, 202]);
    });

    it("fails with the child's error when the bundle throws while loading", async () => {
        await assert.rejects(
            runColdStart({
                node: process.execPath,
                bootstrap,
                bundle: fixture("broken.js", 'throw new Error("table name missing");'),
                events: [{}],
                env: {},
            }),
            /failed in Init: Error: table name missing/,
        );
    });

    it("finds dependencies only through the NODE_PATH it is given, so samples cannot leak the project's modules", async () => {
        await assert.rejects(
            runColdStart({ node: process.execPath, bootstrap, bundle: fixture("needs-dep.js", busyModule(0, 0)), events: [{ add: 0 }], env: {} }),
            /Cannot find module 'fixture-dep'/,
        );
    });

    describe("an ES module bundle (index.mjs), as the project ships", () => {
        let esmNodePath: string;
        before(() => {
            // ES modules find packages through NODE_PATH on Lambda (nodejs18.x and later), not in plain Node.
            esmNodePath = path.join(workDir, "esm", "node_modules");
            mkdirSync(path.join(esmNodePath, "fixture-dep"), { recursive: true });
            writeFileSync(path.join(esmNodePath, "fixture-dep", "index.js"), "exports.offset = 1;");
        });

        /** Imports fixture-dep, and its top-level await takes `awaitMs` of timers before the handler exists. */
        const esmModule = (awaitMs: number) => `
import dep from "fixture-dep";
let awaited = false;
await new Promise((resolve) => setTimeout(resolve, ${awaitMs}));
awaited = true;
export const handler = async () => ({ statusCode: awaited ? 200 + dep.offset : 500 });
`;

        it("loads it by import, through NODE_PATH, and Init waits for its top-level await", async () => {
            const sample = await runColdStart({
                node: process.execPath,
                bootstrap,
                bundle: fixture("index.mjs", esmModule(80)),
                events: [{}],
                env: {},
                nodePath: esmNodePath,
            });
            assert.ok(sample.loadMs >= 80, `loadMs ${sample.loadMs}`);
            assert.deepStrictEqual(sample.statusCodes, [201]);
        });

        it("cannot find its package without NODE_PATH, as on Lambda", async () => {
            await assert.rejects(
                runColdStart({ node: process.execPath, bootstrap, bundle: fixture("alone.mjs", esmModule(0)), events: [{}], env: {}, nodePath: path.join(workDir, "empty") }),
                /failed in Init: .*Cannot find package 'fixture-dep'/,
            );
        });
    });

    it("reports the route's default memory to the function, the memory given over it, and 128 MB without either", async () => {
        const bundle = fixture("memory.js", "exports.handler = async () => ({ statusCode: Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE) });");
        const reported = async (run: { route?: { defaultMemorySizeMb: number }; memorySizeMb?: number }) =>
            (await runColdStart({ node: process.execPath, bootstrap, bundle, events: [{}], env: {}, ...run })).statusCodes[0];
        assert.deepStrictEqual(
            [await reported({ route: { defaultMemorySizeMb: 1024 } }), await reported({ route: { defaultMemorySizeMb: 1024 }, memorySizeMb: 2048 }), await reported({})],
            [1024, 2048, 128],
        );
    });

    it("refuses a sample without events", async () => {
        await assert.rejects(
            () => runColdStart({ node: process.execPath, bootstrap, bundle: "/nonexistent.js", events: [], env: {} }),
            /at least one event/,
        );
    });
});
