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
    // Each run starts ts-node, bundles the four handlers, and starts the pack's own process.
    this.timeout(180_000);
    let dir: string;
    const file = (name: string, content: string): string => {
        const target = path.join(dir, name);
        fs.writeFileSync(target, content);
        return target;
    };
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "events-api-policy-check-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("passes the dev stack with exit 0, and fails with exit 1 when a raised memory floor makes the mandatory policy fail", async () => {
        const config = file("floor.json", JSON.stringify({ "lambda-memory-above-128mb": { minimumMemorySize: 1024 }, "lambda-memroy": "advisory" }));
        const remediate = file("remediate.json", JSON.stringify({ "lambda-memory-above-128mb": { minimumMemorySize: 1024, enforcementLevel: "remediate" } }));
        const [pass, fail, remediated] = await Promise.all([policyCheck([]), policyCheck(["--stack", "dev", "--config", config]), policyCheck(["--config", remediate])]);

        assert.strictEqual(pass.code, 0, pass.stderr);
        // Dev leaves its write routes open on purpose (no issuer configured): advisory, so the check passes.
        assert.match(pass.stdout, /^Policies \(stack dev, preview, \d+ resources, 27 policies\):\n {4}✅ events-api-policies@v0\.1\.0\n/);
        assert.deepStrictEqual(pass.stdout.match(/- \[\w+\] .*/g), [
            "- [advisory]  apigatewayv2-write-routes-authorized  (aws:apigatewayv2/route:Route: events-api-dev-create-event-route)",
            "- [advisory]  apigatewayv2-write-routes-authorized  (aws:apigatewayv2/route:Route: events-api-dev-delete-event-route)",
        ]);
        assert.match(pass.stdout, /\n0 mandatory, 2 advisory violation\(s\), 0 remediation\(s\): passed\n$/);

        assert.strictEqual(fail.code, 1, fail.stderr);
        const reported = fail.stdout.match(/- \[mandatory\] {2}lambda-memory-above-128mb {2}\(aws:lambda\/function:Function: events-api-[\w-]+-fn\)/g) ?? [];
        assert.strictEqual(reported.length, routes.length, fail.stdout);
        assert.match(fail.stdout, /Lambda function "events-api-[\w-]+-fn": memorySize is 512 MB\. Set memorySize to 1024 MB or more/);
        assert.match(fail.stdout, /note: the pack config names "lambda-memroy", which is not a policy of events-api-policies; it is ignored/);
        assert.match(fail.stdout, new RegExp(`\n${routes.length} mandatory, 2 advisory violation\\(s\\), 0 remediation\\(s\\): FAILED\n$`));

        assert.strictEqual(remediated.code, 0, remediated.stderr);
        const remediations = remediated.stdout.match(/- \[remediated\] {2}lambda-memory-above-128mb {2}\(aws:lambda\/function:Function: events-api-[\w-]+-fn\)/g) ?? [];
        assert.strictEqual(remediations.length, routes.length, remediated.stdout);
        assert.match(remediated.stdout, new RegExp(`\n0 mandatory, 2 advisory violation\\(s\\), ${routes.length} remediation\\(s\\): passed\n$`));
    });

    it("exits 2 with every line of the problem: a bad pack config, a bad stack config, an unknown stack or option", async () => {
        const badPack = file("bad.json", JSON.stringify({ "lambda-memory-above-128mb": { minimumMemorySize: 12 }, "lambda-timeout-within-http-api-limit": { maximumTimeout: 31 } }));
        const stackFile = file("Pulumi.policy-check-test.yaml", "config:\n  aws:region: eu-west-1\n  events-api:memorySize: 64\n  events-api:timeout: 99\n");
        const runs = await Promise.all([
            policyCheck(["--config", badPack]),
            policyCheck(["--stack", "policy-check-test", "--config-file", stackFile]),
            policyCheck(["--stack", "nope"]),
            policyCheck(["--stak", "dev"]),
        ]);
        const [pack, stack, unknown, option] = runs;
        for (const run of runs) {
            assert.deepStrictEqual([run.code, run.stdout], [2, ""], run.stderr);
        }
        assert.strictEqual(
            pack.stderr,
            // The dev stack's preview warns that its write routes are open, as `pulumi preview` would show.
            'warning: [runtime] POST /events and DELETE /events/{id} are open: anyone who can reach the API can call them. Set jwtIssuer and jwtAudiences (events-api:jwtIssuer, events-api:jwtAudiences) to require a JWT; see "Authorization" in the README.\n' +
                "policy:check: invalid pack config (the Pulumi CLI refuses it too):\n" +
                "  lambda-memory-above-128mb.minimumMemorySize is 12: must be >= 129\n" +
                "  lambda-timeout-within-http-api-limit.maximumTimeout is 31: must be <= 30\n",
        );
        assert.strictEqual(
            stack.stderr,
            "policy:check: the program failed: invalid stack config:\n" +
                "  events-api:memorySize must be an integer from 128 to 10240 (MB); got 64\n" +
                "  events-api:timeout must be an integer from 1 to 29 (seconds); got 99\n",
        );
        assert.match(unknown.stderr, /^policy:check: unknown stack "nope": no Pulumi\.nope\.yaml \(stacks: dev[^)]*\)\n$/);
        assert.strictEqual(option.stderr, "policy:check: Unknown option '--stak'\nUsage: npm run policy:check -- [--stack <name>] [--config-file <stack.yaml>] [--config <pack-config.json>]\n");
    });

    it("prints its usage with --help and exits 0", async () => {
        const help = await policyCheck(["--help"]);
        assert.strictEqual(help.code, 0, help.stderr);
        assert.match(help.stdout, /^Usage: npm run policy:check -- \[--stack <name>\] \[--config-file <stack\.yaml>\] \[--config <pack-config\.json>\]\n/);
        assert.match(help.stdout, /--stack <name> {5}the stack whose Pulumi\.<name>\.yaml configures the program \(default: dev\)/);
        assert.match(help.stdout, /Exit status: 0 when no mandatory policy fails, 1 when one does, 2 when the check cannot run/);
    });
});
