import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import MarkdownIt from "markdown-it";
import * as path from "path";
import { projectRoot } from "../components/bundle";
import { exitStatus } from "./support/exit-status";
import { spawnCli, stopAllClis } from "./support/local-cli";

/** A page's code blocks, fenced or indented, as markdown-it reads them. */
const codeBlocks = (page: string) =>
    new MarkdownIt()
        .parse(fs.readFileSync(path.join(projectRoot, page), "utf8"), {})
        .filter((token) => token.type === "fence" || token.type === "code_block")
        .map((token) => token.content);

/** Runs `script`; `code` is its exit status, or how it was stopped (a timeout's kill has no status). */
function bash(script: string, timeoutMs = 50_000): Promise<{ code: number | string; stdout: string; stderr: string }> {
    return new Promise((resolve) =>
        execFile("bash", ["-euo", "pipefail", "-c", script], { cwd: projectRoot, timeout: timeoutMs }, (error, stdout, stderr) =>
            resolve({ code: exitStatus(error, timeoutMs), stdout, stderr }),
        ),
    );
}

describe("the README's and docs' examples, pasted as they are", function () {
    this.timeout(60_000);
    afterEach(stopAllClis);

    it("the quick start's requests create, read, list and delete one event, by the id captured from the POST", async () => {
        const script = codeBlocks("README.md").find((block) => block.startsWith("ID=$(curl"));
        assert.ok(script, "the README has no quick-start requests");
        const cli = spawnCli([], { PORT: "0" });
        const port = new URL(await cli.started).port;
        // The README's lines, with only the port changed from npm start's default to this server's.
        const run = await bash(`${script.replaceAll("localhost:3000", `localhost:${port}`)}\necho "ID=$ID"`);
        assert.strictEqual(run.code, 0, run.stderr);
        const id = /ID=([0-9a-f-]{36})\n$/.exec(run.stdout)?.[1];
        assert.ok(id, run.stdout);
        const [fetched, listed] = run.stdout.split("\n");
        assert.deepStrictEqual(
            (({ id: got, name, startsAt, location }) => ({ got, name, startsAt, location }))(JSON.parse(fetched)),
            { got: id, name: "Launch party", startsAt: "2030-05-01T18:00:00+02:00", location: "Berlin" },
        );
        assert.deepStrictEqual(
            (JSON.parse(listed) as { items: { id: string }[] }).items.map((item) => item.id),
            [id],
        );
        assert.match(run.stdout, /HTTP\/1\.1 204 No Content/);
    });

    it("docs/authorization.md's --dev-auth lines get a token from the issuer's JSON: 401 without it, 201 with it as alice", async () => {
        const script = codeBlocks("docs/authorization.md").find((block) => block.startsWith("ISSUER="));
        assert.ok(script, "docs/authorization.md has no --dev-auth requests");
        const cli = spawnCli(["--dev-auth", "--write-scope", "events-api/write"], { PORT: "0" });
        const port = new URL(await cli.started).port;
        const issuer = /^Dev issuer: (http:\/\/127\.0\.0\.1:\d+) /m.exec(cli.stdout.join("\n"))?.[1];
        assert.ok(issuer, cli.stdout.join("\n"));
        // The page's lines, with only the issuer and the port changed to this server's.
        const run = await bash(script.replace(/^ISSUER=.*$/m, `ISSUER=${issuer}`).replaceAll("localhost:3000", `localhost:${port}`));
        assert.strictEqual(run.code, 0, run.stderr);
        assert.match(run.stdout, /^HTTP\/1\.1 401 Unauthorized\r\n/);
        const created = JSON.parse(run.stdout.trimEnd().split("\n").at(-1)!) as { name: string; createdBy: string };
        assert.deepStrictEqual([created.name, created.createdBy], ["Launch party", "alice"]);
    });

    it("docs/policy-pack.md's policy:check with the committed pack-config.json passes prod, under the config's floor", async () => {
        const command = codeBlocks("docs/policy-pack.md")
            .flatMap((block) => block.split("\n"))
            .find((line) => line.includes("--config pack-config.json") && line.startsWith("npm run policy:check"));
        assert.strictEqual(command, "npm run policy:check -- --stack prod --config pack-config.json");
        // A whole preview under the mocks and the pack as its own process: ~10 s alone, over 30 s on a loaded 2-core runner.
        this.timeout(150_000);
        const run = await bash(command, 140_000);
        assert.strictEqual(run.code, 0, run.stderr);
        assert.match(run.stdout, /\nevents-api-policies@\S+ on project events-api, stack prod: /);
        assert.match(run.stdout, /\n0 mandatory, 0 advisory violation\(s\), 0 remediation\(s\): passed\n$/);
    });
});
