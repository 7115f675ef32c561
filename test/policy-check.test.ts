import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { policyCheck, transpileOnly } from "./support/policy-check-run";

const jsProgram = path.join("test", "fixtures", "programs", "js-program");

describe("npm run policy:check on this repository's stacks", function () {
    // Each run bundles the four handlers, runs the program in its own process and starts the pack's.
    this.timeout(240_000);
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

    it("passes dev with exit 0 saying what it checked, fails with exit 1 under a 1536 MB floor, and remediates with exit 0", async () => {
        const floor = file("floor.json", JSON.stringify({ "lambda-memory-above-128mb": { minimumMemorySize: 1536 } }));
        const remediate = file("remediate.json", JSON.stringify({ "lambda-memory-above-128mb": { minimumMemorySize: 1536, enforcementLevel: "remediate" } }));
        const env = transpileOnly;
        const [pass, fail, remediated] = await Promise.all([policyCheck([], { env }), policyCheck(["--stack", "dev", "--config", floor], { env }), policyCheck(["--config", remediate], { env })]);

        assert.strictEqual(pass.code, 0, pass.stderr);
        const root = path.resolve(__dirname, "..");
        assert.match(pass.stdout, /^events-api-policies@0\.1\.0 on project events-api, stack dev: a preview under Pulumi's mocks, no cloud, no credentials\n/);
        assert.ok(pass.stdout.includes(`\n  program:    ${root} (typescript, main: index.ts)\n  config:     Pulumi.dev.yaml\n`), pass.stdout);
        assert.match(pass.stdout, /\n {2}resources: {2}\d+ \(\d+ custom\)\n/);
        assert.match(pass.stdout, /\n {2}mandatory {2}lambda-memory-above-128mb +4 passed \(\d+ not applicable\)\n/);
        assert.match(pass.stdout, /\n {2}advisory {3}policy-exemptions +not applicable to any of the \d+ resources\n/);
        // Dev leaves its write routes open on purpose (no issuer configured): advisory, so the check passes.
        const findings = [...pass.stdout.matchAll(/- \[(\w+)\] {2}(\S+) {2}\((\S+): (\S+)\) {2}(\S+):(\d+):\d+/g)];
        assert.deepStrictEqual(
            findings.map((m) => m.slice(1, 6)),
            ["create-event", "delete-event"].map((route) => ["advisory", "apigatewayv2-write-routes-authorized", "aws:apigatewayv2/route:Route", `events-api-dev-${route}-route`, "components/route-resources.ts"]),
        );
        // Each points at the line that constructs the route.
        for (const m of findings) assert.match(fs.readFileSync(path.join(root, m[5]), "utf8").split("\n")[Number(m[6]) - 1], /new aws\.apigatewayv2\.Route\(/);
        assert.match(pass.stdout, /\n0 mandatory, 2 advisory violation\(s\), 0 remediation\(s\): passed\n$/);

        assert.strictEqual(fail.code, 1, fail.stderr);
        // Under a 1536 MB floor, every route at its 1024 MB default fails.
        const reported = [...fail.stdout.matchAll(/- \[mandatory\] {2}lambda-memory-above-128mb {2}\(aws:lambda\/function:Function: events-api-dev-([\w-]+)-fn\) {2}components\/route-resources\.ts:(\d+):\d+/g)];
        assert.deepStrictEqual(reported.map((m) => m[1]), ["create-event", "delete-event", "get-event", "list-events"], fail.stdout);
        for (const m of reported) assert.match(fs.readFileSync(path.join(root, "components", "route-resources.ts"), "utf8").split("\n")[Number(m[2]) - 1], /new aws\.lambda\.Function\(/);
        assert.match(fail.stdout, /\n {2}mandatory {2}lambda-memory-above-128mb +4 failed \(\d+ not applicable\)\n/);
        assert.match(fail.stdout, /Lambda function "events-api-dev-get-event-fn": memorySize is 1024 MB; it must have at least 1536 MB\. Set memorySize to 1536 MB or more/);
        assert.match(fail.stdout, /\n4 mandatory, 2 advisory violation\(s\), 0 remediation\(s\): FAILED\n$/);

        assert.strictEqual(remediated.code, 0, remediated.stderr);
        const remediations = [...remediated.stdout.matchAll(/- \[remediated\] {2}lambda-memory-above-128mb {2}\(aws:lambda\/function:Function: events-api-dev-([\w-]+)-fn\)/g)].map((m) => m[1]);
        assert.deepStrictEqual(remediations, ["list-events", "create-event", "get-event", "delete-event"], remediated.stdout);
        assert.match(remediated.stdout, /\n0 mandatory, 2 advisory violation\(s\), 4 remediation\(s\): passed\n$/);
    });

    it("refuses a pack config with exit 2, listing every mistake at once: unknown policy or setting, a level a policy cannot take, schema errors", async () => {
        const config = file(
            "mistakes.json",
            JSON.stringify({
                "lambda-memroy-above-128mb": "advisory",
                "lambda-memory-above-128mb": { minimumMemorySize: 12, minimumMemory: 1024 },
                "lambda-tracing-active": "remediate",
                "lambda-no-bundled-aws-sdk": "remediate",
                "lambda-arm64-architecture": "remediate",
                "lambda-timeout-within-http-api-limit": { maximumTimeout: 31 },
                all: { enforcementLevel: "advisory", strict: true },
            }),
        );
        const run = await policyCheck(["--program", jsProgram, "--config", config]);
        assert.deepStrictEqual([run.code, run.stdout], [2, ""], run.stderr);
        const lines = run.stderr.split("\n");
        // The unknown name's line goes on to list every policy of the pack.
        assert.match(lines[3], /^ {2}lambda-memroy-above-128mb: no policy of events-api-policies has this name \(did you mean lambda-memory-above-128mb\?\); its policies: policy-exemptions, lambda-memory-above-128mb, /);
        assert.deepStrictEqual([...lines.slice(0, 3), ...lines.slice(4)], [
            "policy:check: invalid pack config:",
            "  lambda-memory-above-128mb.minimumMemorySize is 12: must be >= 129",
            "  lambda-timeout-within-http-api-limit.maximumTimeout is 31: must be <= 30",
            "  lambda-memory-above-128mb.minimumMemory: not a setting of lambda-memory-above-128mb (did you mean minimumMemorySize?); its settings: minimumMemorySize",
            '  lambda-tracing-active: "remediate" is not a level it can take: it has no remediation (the pack would run it as mandatory). Use mandatory or advisory',
            '  lambda-no-bundled-aws-sdk: "remediate" is not a level it can take: it judges the whole stack, and only resource policies remediate (the pack would run it as mandatory)',
            '  all: takes only an enforcement level ("all": "advisory"), not settings (strict)',
            "",
        ]);
    });

    it("exits 2 with the problem and nothing on stdout: bad stack config, unknown stack, option, format, or a folder that is no program", async () => {
        const stackFile = file("Pulumi.policy-check-test.yaml", "config:\n  aws:region: eu-west-1\n  events-api:memorySize: 64\n  events-api:timeout: 99\n");
        fs.mkdirSync(path.join(dir, "empty"));
        const runs = await Promise.all([
            policyCheck(["--stack", "policy-check-test", "--config-file", stackFile], { env: transpileOnly }),
            policyCheck(["--stack", "nope"]),
            policyCheck(["--stak", "dev"]),
            policyCheck(["--format", "xml"]),
            policyCheck(["--program", path.join(dir, "empty")]),
            policyCheck(["--program", path.join(dir, "missing")]),
        ]);
        const [stack, unknown, option, format, empty, missing] = runs;
        for (const run of runs) {
            assert.deepStrictEqual([run.code, run.stdout], [2, ""], run.stderr);
        }
        // The program's own error, as `pulumi preview` prints it, then the check's line.
        assert.match(stack.stderr, /\npolicy:check: the program failed: invalid stack config:\n {2}events-api:memorySize must be an integer from 128 to 10240 \(MB\); got 64\n {2}events-api:timeout must be an integer from 1 to 29 \(seconds\); got 99\n$/);
        assert.match(unknown.stderr, /^policy:check: unknown stack "nope": no Pulumi\.nope\.yaml in \S+ \(stacks: dev, prod\)\. Pass --stack <name>, or --config-file <file> for a stack whose config is kept elsewhere\n$/);
        assert.strictEqual(option.stderr, "policy:check: Unknown option '--stak'\nUsage: npm run policy:check -- [--program <dir>] [--stack <name>] [--config-file <stack.yaml>] [--config <pack-config.json>] [--format <format> [--output <file>]]...\n");
        assert.strictEqual(format.stderr, 'policy:check: unknown format "xml": the formats are text, json, markdown, sarif\n');
        assert.strictEqual(empty.stderr, `policy:check: ${path.join(dir, "empty")} holds no Pulumi.yaml: --program names the folder of a Pulumi project\n`);
        assert.strictEqual(missing.stderr, `policy:check: --program ${path.join(dir, "missing")}: no such folder\n`);
    });

    it("prints its usage with --help and exits 0", async () => {
        const help = await policyCheck(["--help"]);
        assert.strictEqual(help.code, 0, help.stderr);
        assert.match(help.stdout, /^Usage: npm run policy:check -- \[--program <dir>\] \[--stack <name>\]/);
        assert.match(help.stdout, /--program <dir> {4}the folder holding the program's Pulumi\.yaml \(default: \S+\)/);
        assert.match(help.stdout, /--format <format> {2}text, json, markdown, sarif \(default: text\)/);
        assert.match(help.stdout, /Exit status: 0 when no mandatory policy fails, 1 when one does \(in every format\), 2 when the check cannot\nrun/);
    });
});
