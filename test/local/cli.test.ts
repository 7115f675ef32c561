import * as assert from "assert";
import { mkdtempSync, readdirSync, rmSync } from "fs";
import * as net from "net";
import { tmpdir } from "os";
import * as path from "path";
import { environmentPids, isRunning, spawnCli, stopAllClis } from "../support/local-cli";
import { postJson, send } from "../support/local-http";

async function portIsFree(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const probe = net.createServer();
        probe.once("error", () => resolve(false));
        probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
}

describe("npm start", function () {
    this.timeout(40_000);
    const persistDir = mkdtempSync(path.join(tmpdir(), "events-api-persist-"));
    afterEach(stopAllClis);
    after(() => rmSync(persistDir, { recursive: true, force: true }));

    it("prints the route table with bundle sizes and the URL, serves, and stops cleanly on Ctrl-C", async () => {
        const cli = spawnCli(["--persist", persistDir], { PORT: "0" });
        const url = await cli.started;
        for (const key of ["GET /events", "POST /events", "GET /events/{id}", "DELETE /events/{id}"]) {
            assert.ok(cli.stdout.some((line) => line.includes(key) && / [\d,]+ bytes$/.test(line)), `no route line for ${key}`);
        }
        const created = await postJson(url, "/events", { name: "Persisted" });
        assert.strictEqual(created.status, 201);
        assert.strictEqual((await send(url, { path: "/events" })).status, 200);
        assert.ok(cli.stdout.some((line) => /^POST \/events 201 [\d.]+ ms\tREPORT RequestId: .*\tInit Duration: [\d.]+ ms$/.test(line)));
        const environments = environmentPids(cli.child.pid!);
        assert.strictEqual(environments.length, 2, "one environment per invoked function");

        cli.child.kill("SIGINT");
        assert.strictEqual(await cli.exited, 0);
        assert.deepStrictEqual(cli.stderr, []);
        assert.deepStrictEqual(environments.filter(isRunning), [], "orphaned environment processes");
        assert.strictEqual(await portIsFree(Number(new URL(url).port)), true);

        const again = spawnCli(["--persist", persistDir], { PORT: "0" });
        const id = (created.json() as { id: string }).id;
        const fetched = await send(await again.started, { path: `/events/${id}` });
        again.child.kill("SIGTERM");
        assert.strictEqual(await again.exited, 0);
        assert.strictEqual(fetched.status, 200, "--persist keeps data between runs");
    });

    it("takes --list-shards: a persisted table grown from 1 to 16 shards lists every event once, newest first", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "events-api-shards-"));
        try {
            const ids: string[] = [];
            for (const shards of ["1", "16"]) {
                const cli = spawnCli(["--persist", dir, "--list-shards", shards], { PORT: "0" });
                const url = await cli.started;
                assert.ok(cli.stdout.some((line) => line.startsWith("DynamoDB: dynalite at ") && line.endsWith(`, listing index in ${shards} shards`)));
                for (let i = 0; i < 3; i++) ids.unshift((((await postJson(url, "/events", { name: `At ${shards} shards` })).json()) as { id: string }).id);
                const listed = (await send(url, { path: "/events?limit=100" })).json() as { items: { id: string }[]; nextCursor: null };
                assert.deepStrictEqual(listed.items.map((event) => event.id), ids, `at ${shards} shards`);
                assert.strictEqual(listed.nextCursor, null);
                cli.child.kill("SIGINT");
                assert.strictEqual(await cli.exited, 0);
            }
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("refuses a --persist directory another npm start uses, in one line, leaving no temporary folder behind", async () => {
        const first = spawnCli(["--persist", persistDir], { PORT: "0" });
        const url = await first.started;
        const ownTmp = mkdtempSync(path.join(tmpdir(), "events-api-tmpdir-"));
        try {
            const second = spawnCli(["--persist", persistDir], { PORT: "0", TMPDIR: ownTmp });
            second.started.catch(() => undefined);
            assert.strictEqual(await second.exited, 1);
            assert.deepStrictEqual(second.stderr, [
                `error: ${persistDir} is in use by another process (another npm start -- --persist ${persistDir}?): stop it or choose another directory`,
            ]);
            // The local stack's work folders are events-api-local-*; node's own compile cache may appear beside them.
            assert.deepStrictEqual(readdirSync(ownTmp).filter((entry) => entry.startsWith("events-api-")), [], "the refused start left its work folder behind");
            assert.strictEqual((await send(url, { path: "/events" })).status, 200, "the first server stops serving");
        } finally {
            rmSync(ownTmp, { recursive: true, force: true });
        }
    });

    it("reports a port in use in one line and exits non-zero", async () => {
        const blocker = net.createServer();
        await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
        const port = (blocker.address() as net.AddressInfo).port;
        try {
            const cli = spawnCli([], { PORT: String(port) });
            cli.started.catch(() => undefined);
            assert.strictEqual(await cli.exited, 1);
            assert.deepStrictEqual(cli.stderr, [`error: port ${port} is already in use (choose another with PORT=<n> or --port <n>)`]);
        } finally {
            blocker.close();
        }
    });

    it("reports a bad option in a line naming it, then the usage, and exits non-zero", async () => {
        const cli = spawnCli(["--timeout", "99"]);
        cli.started.catch(() => undefined);
        assert.strictEqual(await cli.exited, 1);
        assert.strictEqual(cli.stderr[0], 'error: --timeout must be an integer from 1 to 29 (seconds); got 99');
        assert.ok(!cli.stderr.some((line) => /^\s+at /.test(line)));
    });
});
