import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const root = path.resolve(__dirname, "..");
const workflowDir = path.join(root, ".github", "workflows");
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts;

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; if?: string }
interface Job { "runs-on"?: string; needs?: string | string[]; environment?: string; steps?: Step[] }
interface Workflow { on?: unknown; env?: Record<string, string>; jobs?: Record<string, Job> }

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
        assert.ok(pulumiSteps.length >= 3);
        for (const step of pulumiSteps) {
            const stack = String(step.with?.["stack-name"]);
            assert.ok(["preview", "up"].includes(String(step.with?.command)), `unexpected command ${step.with?.command}`);
            assert.ok(fs.existsSync(path.join(root, `Pulumi.${stack}.yaml`)), `no Pulumi.${stack}.yaml for stack ${stack}`);
            assert.ok(fs.existsSync(path.join(root, String(step.with?.policyPacks), "PulumiPolicy.yaml")), "policyPacks must name the pack folder");
        }
    });

    it("previews with a PR comment on pull requests and deploys prod only after dev, behind an approval environment", () => {
        const pr = workflows.find((w) => w.file === "pull-request.yml")!.workflow;
        const preview = steps(pr).find((s) => s.with?.command === "preview");
        assert.strictEqual(preview?.with?.["comment-on-pr"], true);

        const deploy = workflows.find((w) => w.file === "deploy.yml")!.workflow;
        const jobs = deploy.jobs ?? {};
        const stackOf = (job: Job) => job.steps?.find((s) => s.with?.command === "up")?.with?.["stack-name"];
        const prod = Object.values(jobs).find((job) => stackOf(job) === "prod");
        const devName = Object.keys(jobs).find((name) => stackOf(jobs[name]) === "dev");
        assert.ok(prod && devName);
        assert.strictEqual(prod.environment, "production");
        assert.deepStrictEqual([prod.needs].flat(), [devName]);
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

    it("uses only the variables, secrets and environments the CI/CD section of docs/deploying.md documents", () => {
        const page = fs.readFileSync(path.join(root, "docs", "deploying.md"), "utf8");
        const start = page.indexOf("\n## CI/CD\n");
        assert.ok(start >= 0, "docs/deploying.md has no CI/CD section");
        const end = page.indexOf("\n## ", start + 1);
        const section = page.slice(start, end < 0 ? undefined : end);
        const texts = workflows.map(({ file }) => fs.readFileSync(path.join(workflowDir, file), "utf8")).join("\n");
        const used = new Set([...texts.matchAll(/\$\{\{\s*(?:vars|secrets)\.(\w+)/g)].map((match) => match[1]));
        for (const { workflow } of workflows) for (const job of Object.values(workflow.jobs ?? {})) if (job.environment) used.add(job.environment);
        assert.deepStrictEqual([...used].sort(), ["AWS_DEPLOY_ROLE_ARN", "AWS_PREVIEW_ROLE_ARN", "PULUMI_ACCESS_TOKEN", "dev", "production"]);
        for (const name of used) assert.ok(section.includes(`\`${name}\``), `the CI/CD section of docs/deploying.md does not explain \`${name}\``);
    });

    it("finds the npm scripts in a command line", () => {
        assert.deepStrictEqual(npmScriptsIn("npm ci && npm test && npm run policy:check -- --stack dev"), ["test", "policy:check"]);
        assert.deepStrictEqual(npmScriptsIn("echo npm"), []);
    });
});
