import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { routes } from "../components/routes";

const root = path.resolve(__dirname, "..");

interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Runs `npm run policy:check`'s command with `args`, as CI does. */
function policyCheck(args: string[]): Promise<Run> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            ["-r", "ts-node/register/transpile-only", "scripts/policy-check.ts", ...args],
            { cwd: root, timeout: 120_000 },
            (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
        );
    });
}

describe("npm run policy:check", function () {
    // Each run starts ts-node and bundles the four handlers in a fresh process.
    this.timeout(120_000);

    it("passes the dev stack, exits 0, fails with exit 1 when a raised memory floor makes the mandatory policy fail, and rejects an unknown stack in one line", async () => {
        const configDir = fs.mkdtempSync(path.join(os.tmpdir(), "events-api-policy-config-"));
        const config = path.join(configDir, "pack-config.json");
        fs.writeFileSync(config, JSON.stringify({ "lambda-memory-above-128mb": { minimumMemorySize: 1024 } }));
        try {
            const [pass, fail, unknown] = await Promise.all([
                policyCheck([]),
                policyCheck(["--stack", "dev", "--config", config]),
                policyCheck(["--stack", "nope"]),
            ]);

            assert.strictEqual(pass.code, 0, pass.stderr);
            assert.match(pass.stdout, /^Policies \(stack dev, \d+ resources, \d+ policies\):\n {4}✅ events-api-policies@v\d+\.\d+\.\d+\n/);
            assert.match(pass.stdout, /0 mandatory, 0 advisory violation\(s\): passed/);

            assert.strictEqual(fail.code, 1, fail.stderr);
            const reported = fail.stdout.match(/- \[mandatory\] {2}lambda-memory-above-128mb {2}\(aws:lambda\/function:Function: [\w-]+\)/g) ?? [];
            assert.strictEqual(reported.length, routes.length, fail.stdout);
            assert.match(fail.stdout, /Lambda function "[\w-]+": memorySize is 512 MB\. Set memorySize to 1024 MB or more/);
            assert.match(fail.stdout, new RegExp(`${routes.length} mandatory, 0 advisory violation\\(s\\): FAILED`));

            assert.strictEqual(unknown.code, 2);
            assert.strictEqual(unknown.stdout, "");
            assert.match(unknown.stderr, /^policy:check: unknown stack "nope": no Pulumi\.nope\.yaml \(stacks: dev[^)]*\)\n$/);
        } finally {
            fs.rmSync(configDir, { recursive: true, force: true });
        }
    });
});
