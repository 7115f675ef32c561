import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import MarkdownIt from "markdown-it";
import type { Report } from "../policy/check/report/model";
import { policyCheck, root, Run } from "./support/policy-check-run";

/**
 * The check on other teams' programs, laid out as teams lay them out: a JavaScript program with no
 * node_modules of its own, and a TypeScript program with `main: src/`, project-level config and its own
 * node_modules, in a subfolder of a git repository. Both are run as `npm run policy:check -- --program`.
 */

const fixtures = path.join(root, "test", "fixtures", "programs");

/** A folder's files copied to `target`, which is created. */
function copy(from: string, target: string): string {
    fs.cpSync(from, target, { recursive: true });
    return target;
}

/** `packages` installed in `dir`'s own node_modules, linked to this repository's install (as pnpm or a workspace links them). */
function ownNodeModules(dir: string, packages: string[]): void {
    for (const name of packages) {
        fs.mkdirSync(path.dirname(path.join(dir, "node_modules", name)), { recursive: true });
        fs.symlinkSync(path.join(root, "node_modules", name), path.join(dir, "node_modules", name), "dir");
    }
}

const read = (file: string) => fs.readFileSync(file, "utf8");
const lineOf = (file: string, line: number) => read(file).split("\n")[line - 1];

describe("npm run policy:check --program on teams' programs", function () {
    this.timeout(240_000);
    let tmp: string;
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "policy-check-programs-"));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    describe("a TypeScript program (main: src/) with its own node_modules, in infra/ of a git repository, type-checked", () => {
        let repo: string;
        let infra: string;
        let text: Run;
        let report: Report;
        const out = (name: string) => path.join(tmp, `ts.${name}`);
        before(async () => {
            repo = path.join(tmp, "team-repo");
            infra = copy(path.join(fixtures, "ts-program"), path.join(repo, "infra"));
            execFileSync("git", ["init", "-q", repo]);
            ownNodeModules(infra, ["@pulumi/aws", "@pulumi/pulumi", "typescript", "@types/node"]);
            // Text to stdout, and every other format to a file, from one run; run from another folder.
            text = await policyCheck(
                ["--program", infra, "--format", "json", "--output", out("json"), "--format", "sarif", "--output", out("sarif"), "--format", "markdown", "--output", out("md")],
                { cwd: tmp },
            );
            report = JSON.parse(read(out("json")));
        });

        it("fails with exit 1 on its x86_64 function, at the line of its new aws.lambda.Function in src/functions.ts, relative to the repository", () => {
            assert.strictEqual(text.code, 1, text.stderr);
            assert.match(lineOf(path.join(infra, "src", "functions.ts"), 9), /^ {4}return new aws\.lambda\.Function\(/);
            const at = { path: "infra/src/functions.ts", line: 9, column: 12 };
            assert.deepStrictEqual(
                report.findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => [f.policy, f.resource?.name, f.location]),
                [["lambda-arm64-architecture", "orders-fn", at]],
            );
            // Every finding is about the function (the role passes), so every one points at its line.
            assert.ok(report.findings.length > 1);
            for (const f of report.findings) assert.deepStrictEqual([f.resource?.name, f.location], ["orders-fn", at]);
            assert.match(text.stdout, /\n {4}- \[mandatory\] {2}lambda-arm64-architecture {2}\(aws:lambda\/function:Function: orders-fn\) {2}infra\/src\/functions\.ts:9:12\n/);
            assert.match(text.stdout, new RegExp(`\\n1 mandatory, ${report.findings.length - 1} advisory violation\\(s\\), 0 remediation\\(s\\): FAILED\\n$`));
        });

        it("reports what it checked: project, folder, stack, config file, packages from the program's node_modules, resources, every policy's tally", () => {
            assert.deepStrictEqual(
                [report.project, report.program.folder, report.program.folderInRepository, report.program.main, report.program.language, report.repositoryRoot, report.stack, report.stackConfig],
                ["team-ts", infra, "infra", "src/", "typescript", repo, "dev", "infra/Pulumi.dev.yaml"],
            );
            assert.deepStrictEqual(
                report.program.packages.map((p) => [p.name, p.path, p.fromProgram]),
                [
                    ["@pulumi/pulumi", path.join(infra, "node_modules", "@pulumi", "pulumi"), true],
                    ["@pulumi/aws", path.join(infra, "node_modules", "@pulumi", "aws"), true],
                ],
            );
            assert.deepStrictEqual(report.resources, { total: 3, custom: 2 });
            const policy = (name: string) => report.policies.find((p) => p.name === name);
            // 1024 MB from Pulumi.yaml's project config default: the memory floor passes.
            assert.deepStrictEqual(policy("lambda-memory-above-128mb"), {
                name: "lambda-memory-above-128mb",
                description: policy("lambda-memory-above-128mb")?.description,
                enforcementLevel: "mandatory",
                type: "resource",
                outcome: "passed",
                resources: { passed: 1, failed: 0, unknown: 0, notApplicable: 2, remediated: 0 },
            });
            assert.deepStrictEqual(policy("lambda-arm64-architecture")?.resources, { passed: 0, failed: 1, unknown: 0, notApplicable: 2, remediated: 0 });
            assert.deepStrictEqual([policy("apigatewayv2-write-routes-authorized")?.outcome, policy("dynamodb-point-in-time-recovery")?.outcome], ["not-applicable", "not-applicable"]);
            assert.deepStrictEqual(report.summary, { mandatory: 1, advisory: report.findings.length - 1, remediations: 0, result: "failed" });
            assert.deepStrictEqual(report.warnings, []);
            assert.ok(text.stdout.startsWith(`events-api-policies@0.1.0 on project team-ts, stack dev: a preview under Pulumi's mocks, no cloud, no credentials\n  program:    ${infra} (typescript, main: src/)\n  config:     infra/Pulumi.dev.yaml\n`), text.stdout);
        });

        it("writes json that its documented schema (policy/check/report/report.schema.json) accepts", () => {
            const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(read(path.join(root, "policy", "check", "report", "report.schema.json"))));
            assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
            assert.strictEqual(report.reportVersion, 1);
        });

        it("writes SARIF 2.1.0 that the official schema accepts, with what code scanning needs: a rule per policy, each result's level, file and line", () => {
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const sarif: any = JSON.parse(read(out("sarif")));
            const ajv = new AjvDraft04({ allErrors: true, strict: false });
            addFormats(ajv);
            const validate = ajv.compile(JSON.parse(read(path.join(root, "test", "fixtures", "sarif", "sarif-schema-2.1.0.json"))));
            assert.strictEqual(validate(structuredClone(sarif)), true, JSON.stringify(validate.errors, null, 2));
            const [run] = sarif.runs;
            assert.strictEqual(sarif.runs.length, 1);
            assert.deepStrictEqual([run.tool.driver.name, run.tool.driver.version, run.automationDetails.id], ["events-api-policies", "0.1.0", "policy-check/team-ts/dev/"]);
            assert.deepStrictEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), report.policies.map((p) => p.name));
            assert.deepStrictEqual(
                run.results.map((r: { ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => [
                    r.ruleId,
                    run.tool.driver.rules[r.ruleIndex].id,
                    r.level,
                    r.locations[0].physicalLocation.artifactLocation.uri,
                    r.locations[0].physicalLocation.region.startLine,
                ]),
                report.findings.map((f) => [f.policy, f.policy, f.enforcementLevel === "mandatory" ? "error" : "warning", "infra/src/functions.ts", 9]),
            );
            assert.deepStrictEqual(run.results[0].level, "error");
        });

        it("writes markdown whose tables a markdown parser reads: the policies with their tallies, the findings with their file and line", () => {
            const markdown = read(out("md"));
            const tokens = new MarkdownIt({ html: true }).parse(markdown, {});
            const tables: string[][][] = [];
            let row: string[] | undefined;
            for (const [i, token] of tokens.entries()) {
                if (token.type === "table_open") tables.push([]);
                if (token.type === "tr_open") row = [];
                if (token.type === "tr_close" && row) tables[tables.length - 1].push(row);
                if ((token.type === "th_open" || token.type === "td_open") && row) row.push(tokens[i + 1].children?.map((c) => c.content).join("") ?? "");
            }
            assert.match(markdown, /^### ❌ Policy check: team-ts, stack dev\n/);
            assert.strictEqual(tables.length, 3, markdown);
            assert.deepStrictEqual(tables[1][0], ["level", "policy", "result"]);
            assert.deepStrictEqual(tables[1].find((r) => r[1] === "lambda-arm64-architecture"), ["mandatory", "lambda-arm64-architecture", "1 failed (2 not applicable)"]);
            assert.strictEqual(tables[1].length, report.policies.length + 1);
            assert.deepStrictEqual(tables[2][0], ["level", "policy", "resource", "location", "message"]);
            assert.deepStrictEqual(tables[2][1].slice(0, 4), ["mandatory", "lambda-arm64-architecture", "orders-fn<br>aws:lambda/function:Function", "infra/src/functions.ts:9:12"]);
            assert.strictEqual(tables[2].length, report.findings.length + 1);
        });
    });

    it("checks a JavaScript program in place (index.js, this repository's node_modules above it): exit 1 at the line of its new aws.lambda.Function", async () => {
        const run = await policyCheck(["--program", path.join(fixtures, "js-program"), "--format", "json"]);
        assert.strictEqual(run.code, 1, run.stderr);
        const report: Report = JSON.parse(run.stdout);
        assert.match(lineOf(path.join(fixtures, "js-program", "index.js"), 10), /^const worker = new aws\.lambda\.Function\(/);
        assert.deepStrictEqual(report.findings[0].location, { path: "test/fixtures/programs/js-program/index.js", line: 10, column: 16 });
        assert.deepStrictEqual([report.findings[0].policy, report.findings[0].enforcementLevel, report.program.language, report.stackConfig], ["lambda-memory-above-128mb", "mandatory", "javascript", "test/fixtures/programs/js-program/Pulumi.dev.yaml"]);
        assert.strictEqual(report.findings[0].message.split(". ")[0], 'Lambda function "worker": memorySize is 128 MB; it must have more than 128 MB');
        assert.deepStrictEqual(report.program.packages.map((p) => [p.name, p.path, p.fromProgram]), [
            ["@pulumi/pulumi", path.join(root, "node_modules", "@pulumi", "pulumi"), true],
            ["@pulumi/aws", path.join(root, "node_modules", "@pulumi", "aws"), true],
        ]);
    });

    it("takes the packages a program's folder lacks from the check's own install, and says so for each, outside any repository", async () => {
        const program = copy(path.join(fixtures, "js-program"), path.join(tmp, "no-modules"));
        const run = await policyCheck(["--program", program, "--format", "json"], { cwd: program });
        assert.strictEqual(run.code, 1, run.stderr);
        const report: Report = JSON.parse(run.stdout);
        assert.strictEqual(report.repositoryRoot, program);
        assert.deepStrictEqual(report.findings[0].location, { path: "index.js", line: 10, column: 16 });
        assert.deepStrictEqual(report.program.packages.map((p) => [p.name, p.fromProgram]), [
            ["@pulumi/pulumi", false],
            ["@pulumi/aws", false],
        ]);
        assert.deepStrictEqual(report.warnings, [
            `@pulumi/pulumi is not installed in the program's folder: the check used @pulumi/pulumi 3.270.0 from ${path.join(root, "node_modules", "@pulumi", "pulumi")}; pulumi preview needs npm install there`,
            `@pulumi/aws is not installed in the program's folder: the check used @pulumi/aws 7.48.0 from ${path.join(root, "node_modules", "@pulumi", "aws")}; pulumi preview needs npm install there`,
        ]);
    });

    it('says "nothing checked" instead of "passed" when no policy applies to any resource, and exits 0', async () => {
        const program = copy(path.join(fixtures, "js-program"), path.join(tmp, "bucket-only"));
        fs.writeFileSync(path.join(program, "index.js"), 'const aws = require("@pulumi/aws");\nexports.bucket = new aws.s3.BucketV2("assets").id;\n');
        const run = await policyCheck(["--program", program]);
        assert.strictEqual(run.code, 0, run.stderr);
        assert.match(run.stdout, /\n0 mandatory, 0 advisory violation\(s\), 0 remediation\(s\): nothing checked: no policy of events-api-policies applied to any of the 2 resources\n$/);
        assert.doesNotMatch(run.stdout, /: passed\n/);
    });
});
