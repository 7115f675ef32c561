import * as assert from "assert";
import { mkdtempSync, readdirSync, rmSync } from "fs";
import * as net from "net";
import { tmpdir } from "os";
import * as path from "path";
import { childPids, environmentPids, isRunning, spawnCli, spawnNpmStart, stopAllClis } from "../support/local-cli";
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

    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
        it(`stops the server and every environment when npm start's own process is killed by its PID (${signal})`, async () => {
            const npm = spawnNpmStart([], { PORT: "0" });
            const url = await npm.started;
            assert.strictEqual((await send(url, { path: "/events" })).status, 200);
            // The script execs node, so the server is npm's child (no shell in between to swallow the signal).
            const [server] = childPids(npm.child.pid!, "local/cli.ts");
            assert.ok(server, "no server process under npm");
            const environments = environmentPids(server);
            assert.strictEqual(environments.length, 1, "one environment for the one function invoked");

            npm.child.kill(signal);
            await npm.exited;
            for (let waited = 0; [server, ...environments].some(isRunning) && waited < 5000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
            assert.deepStrictEqual([server, ...environments].filter(isRunning), [], "processes left running");
            assert.strictEqual(await portIsFree(Number(new URL(url).port)), true);
        });
    }

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

    it("takes --memory as a map by route name: each route's REPORT lines show its own memory, a route left out its default", async () => {
        const cli = spawnCli(["--memory", '{"get-event": 2048, "delete-event": 256}'], { PORT: "0" });
        const url = await cli.started;
        const id = ((await postJson(url, "/events", { name: "Memory" })).json() as { id: string }).id;
        assert.strictEqual((await send(url, { path: "/events" })).status, 200);
        assert.strictEqual((await send(url, { path: `/events/${id}` })).status, 200);
        assert.strictEqual((await send(url, { method: "DELETE", path: `/events/${id}` })).status, 204);
        cli.child.kill("SIGINT");
        assert.strictEqual(await cli.exited, 0);
        // Read once the process has exited: every line it wrote is in.
        const memory = cli.stdout.filter((line) => line.includes("\tREPORT RequestId: ")).map((line) => [line.split(" ", 2).join(" "), /\tMemory Size: (\d+) MB\t/.exec(line)?.[1]]);
        assert.deepStrictEqual(memory, [
            ["POST /events", "1024"],
            ["GET /events", "1024"],
            [`GET /events/${id}`, "2048"],
            [`DELETE /events/${id}`, "256"],
        ]);
    });

    it("refuses a bad --memory entry in one line naming the entry, the range and the value, and exits non-zero", async () => {
        const cli = spawnCli(["--memory", '{"get-event": 64}'], { PORT: "0" });
        cli.started.catch(() => undefined);
        assert.strictEqual(await cli.exited, 1);
        assert.strictEqual(cli.stderr[0], "error: --memory.get-event must be an integer from 128 to 10240 (MB); got 64");
        assert.strictEqual(cli.stderr[1], "usage: npm start -- [options]");
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

    it("--dev-auth starts a local issuer, requires its tokens on the writes, and prints one", async () => {
        const cli = spawnCli(["--dev-auth", "--write-scope", "events-api/write"], { PORT: "0" });
        const url = await cli.started;
        const token = /^Token \(sub dev-user, valid 1 h\): (\S+)$/.exec(cli.stdout.find((line) => line.startsWith("Token ")) ?? "")?.[1];
        const issuer = /^Dev issuer: (http:\/\/127\.0\.0\.1:\d+) /.exec(cli.stdout.find((line) => line.startsWith("Dev issuer: ")) ?? "")?.[1];
        assert.ok(token && issuer, cli.stdout.join("\n"));
        assert.ok(cli.stdout.includes(`Authorization: JWT from ${issuer} for events-api-local on POST /events, DELETE /events/{id}, writes need scope events-api/write`));

        assert.strictEqual((await postJson(url, "/events", { name: "Anonymous" })).status, 401);
        const mine = await postJson(url, "/events", { name: "Mine" }, { authorization: `Bearer ${token}` });
        assert.deepStrictEqual([mine.status, (mine.json() as { createdBy?: string }).createdBy], [201, "dev-user"]);
        const minted = await send(issuer, { method: "POST", path: "/token?sub=alice" });
        const { access_token: alice, token_type: type } = minted.json() as { access_token: string; token_type: string };
        const theirs = await postJson(url, "/events", { name: "Theirs" }, { authorization: `${type} ${alice}` });
        assert.deepStrictEqual([theirs.status, (theirs.json() as { createdBy?: string }).createdBy], [201, "alice"]);

        cli.child.kill("SIGINT");
        assert.strictEqual(await cli.exited, 0);
        assert.deepStrictEqual(cli.stderr, []);
        assert.strictEqual(await portIsFree(Number(new URL(issuer).port)), true, "the dev issuer stopped too");
    });

    it("reports an issuer it cannot reach in one line and exits non-zero", async () => {
        const port = await new Promise<number>((resolve) => {
            const probe = net.createServer().listen(0, "127.0.0.1", () => {
                const { port: free } = probe.address() as net.AddressInfo;
                probe.close(() => resolve(free));
            });
        });
        const cli = spawnCli(["--jwt-issuer", `http://127.0.0.1:${port}`, "--jwt-audience", "app"], { PORT: "0" });
        cli.started.catch(() => undefined);
        assert.strictEqual(await cli.exited, 1);
        assert.deepStrictEqual(cli.stderr, [
            `error: cannot read the OIDC discovery document of http://127.0.0.1:${port} at http://127.0.0.1:${port}/.well-known/openid-configuration: ECONNREFUSED`,
        ]);
    });
});
