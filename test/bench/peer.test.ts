import * as assert from "assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { routes } from "../../components/routes";
import { buildRuntimeBootstrap } from "../../local/environment";
import { BenchTable, startBenchTable } from "../../bench/lib/bench-table";
import type { ColdStartSample } from "../../bench/lib/cold-start";
import { handlerNode } from "../../bench/lib/machine";
import { formatTable } from "../../bench/lib/table";
import { buildVariant, BuiltBundle, ours, peer } from "../../bench/lib/variants";
import { cpuModels } from "../../bench/sections/cold-request";
import { measurePeerUnderQuota, peerTable, peerTuneTable, PeerQuotaSamples, quotaPlacement } from "../../bench/sections/peer";

const cells = (row: string) => row.split("|").slice(1, -1).map((cell) => cell.trim());
const bodyRows = (text: string) => text.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| function"));

/** Three fresh processes, init and first invocation each `scale` times these. */
const samples = (scale: number): ColdStartSample[] =>
    [
        [40, 10],
        [50, 12],
        [60, 20],
    ].map(([init, first]) => ({ bootMs: 0, loadMs: init * scale, initMs: init * scale, firstInvocationMs: first * scale, warmMs: [], statusCodes: [200] }));

describe("the peer comparison", () => {
    it("tabulates per function ours, aws-lite and aws-lite / ours, in bundle bytes and cold start", () => {
        const built = (variant: typeof ours, bytes: number, zippedBytes: number): BuiltBundle[] =>
            routes.map((route) => ({ variant, route, file: `/${variant.id}/${route.name}/index.mjs`, bytes, zippedBytes }));
        const bundles = new Map([
            [ours.id, built(ours, 2_000, 1_000)],
            [peer.id, built(peer, 120_000, 38_000)],
        ]);
        const cold = new Map(routes.flatMap((route) => [[`${ours.id}/${route.name}`, samples(1)] as const, [`${peer.id}/${route.name}`, samples(1.5)] as const]));
        const rows = bodyRows(formatTable(peerTable(routes, { ours, peer }, bundles, cold, 3, "v24.0.0")));
        assert.strictEqual(rows.length, routes.length * 3);
        assert.deepStrictEqual(rows.slice(0, 3).map(cells), [
            [routes[0].name, "this project", "2,000 B", "1,000 B", "50.0 ms (45.0-55.0)", "12.0 ms (11.0-16.0)", "62.0 ms (56.0-71.0)"],
            ["", peer.label, "120,000 B", "38,000 B", "75.0 ms (67.5-82.5)", "18.0 ms (16.5-24.0)", "93.0 ms (84.0-106.5)"],
            ["", "aws-lite / ours", "x60.00", "x38.00", "x1.50", "x1.50", "x1.50"],
        ]);
    });

    it("places a process in the quota group from its start when Init is throttled, after Init otherwise", () => {
        assert.deepStrictEqual(quotaPlacement("init-throttled", "/cg/cgroup.procs"), { cgroupProcs: "/cg/cgroup.procs" });
        assert.deepStrictEqual(quotaPlacement("init-burst", "/cg/cgroup.procs"), { moveAfterInit: "/cg/cgroup.procs" });
    });

    it("tabulates the tune's cold request per function: ours, aws-lite and the ratio under each CPU model", () => {
        const fixture: PeerQuotaSamples = (_route, model, variantId) => samples((variantId === peer.id ? 2 : 1) * (model === "init-throttled" ? 3 : 1));
        const rows = bodyRows(formatTable(peerTuneTable(routes, { ours, peer }, fixture, 512, 3)));
        assert.strictEqual(rows.length, routes.length);
        assert.deepStrictEqual(cells(rows[0]), [
            routes[0].name,
            "62.0 ms (init 50.0 + first 12.0)",
            "124.0 ms (init 100.0 + first 24.0)",
            "x2.00",
            "186.0 ms (init 150.0 + first 36.0)",
            "372.0 ms (init 300.0 + first 72.0)",
            "x2.00",
        ]);
    });

    describe("measured as the tune measures it, with a plain file for the cgroup's procs file (no root needed)", function () {
        // 16 fresh processes (4 functions x 2 builds x 2 models), each a cold start against dynalite.
        this.timeout(180_000);
        let workDir: string;
        let table: BenchTable;
        before(async () => {
            workDir = mkdtempSync(path.join(os.tmpdir(), "events-api-peer-test-"));
            table = await startBenchTable();
        });
        after(async () => {
            await table?.close();
            rmSync(workDir, { recursive: true, force: true });
        });

        it("samples every function, build and CPU model once per round, each answering 2xx, each process placed in the group", async () => {
            const procsFile = path.join(workDir, "cgroup.procs");
            writeFileSync(procsFile, "");
            const setup = { node: handlerNode().path, bootstrap: await buildRuntimeBootstrap(workDir), ...table };
            const progress: number[] = [];
            const measured = await measurePeerUnderQuota({
                setup,
                procsFile,
                memoryMb: 512,
                rounds: 1,
                ours: await buildVariant(ours, routes, workDir),
                workDir,
                progress: (done, total) => progress.push(done, total),
            });
            for (const route of routes) {
                for (const model of cpuModels) {
                    for (const variant of [ours, peer]) {
                        assert.strictEqual(measured(route.name, model, variant.id).length, 1, `${route.name} ${model} ${variant.id}`);
                    }
                }
            }
            assert.deepStrictEqual(progress.slice(-2), [16, 16]);
            // Each process wrote its pid (throttled: its shell, before exec; burst: the runner, after Init).
            assert.match(readFileSync(procsFile, "utf8"), /^\d+\n?$/);
        });
    });
});
