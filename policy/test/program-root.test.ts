import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PolicyPackProcess } from "../../tools/analyzer/pack-process";
import { programRootVariable, resolveProgramRoot } from "../inspection/program-root";
import { resourceTypes } from "../policies/resource-types";
import { compliantFunction, resource, verdictsOf } from "./harness";

/** For cases where the CLI's folder must not be read: an explicit root is used before discovery. */
const noCli = (): never => assert.fail("the CLI's working directory was read");

describe("the program root relative code paths resolve against", () => {
    let dir: string;
    /** A project folder: Pulumi.yaml with `name` (and `main`), and any folders under it. */
    const project = (name: string, manifest: string, folders: string[] = []): string => {
        const root = path.join(dir, name);
        fs.mkdirSync(root, { recursive: true });
        fs.writeFileSync(path.join(root, manifest.startsWith("name:") ? "Pulumi.yaml" : "Pulumi.yml"), manifest.replace(/^yml /, ""));
        folders.forEach((folder) => fs.mkdirSync(path.join(root, folder), { recursive: true }));
        return root;
    };
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "events-api-program-root-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("takes LAMBDA_POLICY_PROGRAM_ROOT first, then the pack config, and applies main: (a folder, or a file's folder)", () => {
        const byEnv = project("by-env", "name: team\nmain: src/\n", ["src"]);
        const byConfig = project("by-config", "name: team\nmain: src/index.ts\n", ["src"]);
        fs.writeFileSync(path.join(byConfig, "src", "index.ts"), "");
        const packDir = path.join(dir, "nowhere");
        assert.deepStrictEqual(resolveProgramRoot({ project: "team", fromEnvironment: byEnv, fromConfig: byConfig, packDir, cli: noCli }), {
            dir: path.join(byEnv, "src"),
            source: `${programRootVariable}=${byEnv}, main: src/`,
        });
        assert.deepStrictEqual(resolveProgramRoot({ project: "team", fromConfig: byConfig, packDir, cli: noCli }), {
            dir: path.join(byConfig, "src"),
            source: `pack config programRoot ${byConfig}, main: src/index.ts`,
        });
    });

    it("discovers the nearest Pulumi.yaml (or Pulumi.yml) above the pack, when it names the stack's project", () => {
        const root = project("repo", "yml name: team\n", ["infra/policy"]);
        assert.deepStrictEqual(resolveProgramRoot({ project: "team", packDir: path.join(root, "infra", "policy"), cli: () => ({ problem: "unreadable here" }) }), {
            dir: root,
            source: `${path.join(root, "Pulumi.yml")}, found above the policy pack`,
        });
    });

    it("discovers the Pulumi.yaml at or above the CLI's working directory, and names one found both ways once", () => {
        const root = project("cli-repo", "name: team\n", ["infra/src", "policy"]);
        const cli = () => ({ dir: path.join(root, "infra", "src"), pid: 4242 });
        assert.deepStrictEqual(resolveProgramRoot({ project: "team", packDir: path.join(dir, "elsewhere", "pack"), cli }), {
            dir: root,
            source: `${path.join(root, "Pulumi.yaml")}, found from the Pulumi CLI's working directory ${path.join(root, "infra", "src")} (process 4242)`,
        });
        assert.deepStrictEqual(resolveProgramRoot({ project: "team", packDir: path.join(root, "policy"), cli }), {
            dir: root,
            source: `${path.join(root, "Pulumi.yaml")}, found from the Pulumi CLI's working directory ${path.join(root, "infra", "src")} (process 4242) and above the policy pack`,
        });
    });

    it("fails closed when the CLI's folder and the pack's find two projects of that name in different folders, naming both", () => {
        const checkout = project("checkout-a", "name: team\n", ["policy"]);
        const other = project("checkout-b", "name: team\n");
        const result = resolveProgramRoot({ project: "team", packDir: path.join(checkout, "policy"), cli: () => ({ dir: other, pid: 7 }) });
        assert.deepStrictEqual(result, {
            problem:
                `the program root is ambiguous: ${path.join(other, "Pulumi.yaml")}, found from the Pulumi CLI's working directory ${other} (process 7) gives ${other}; ` +
                `${path.join(checkout, "Pulumi.yaml")}, found above the policy pack gives ${checkout}. Relative paths would resolve differently, so neither is used`,
        });
    });

    it("never takes a Pulumi.yaml inside node_modules or .git, and climbs past them", () => {
        const root = project("vendored", "name: team\n", ["node_modules/@org/policies", ".git/hooks"]);
        fs.writeFileSync(path.join(root, "node_modules", "@org", "Pulumi.yaml"), "name: team\n");
        fs.writeFileSync(path.join(root, ".git", "Pulumi.yaml"), "name: team\n");
        assert.deepStrictEqual(resolveProgramRoot({ project: "team", packDir: path.join(root, "node_modules", "@org", "policies"), cli: () => ({ dir: path.join(root, ".git", "hooks"), pid: 9 }) }), {
            dir: root,
            source: `${path.join(root, "Pulumi.yaml")}, found from the Pulumi CLI's working directory ${path.join(root, ".git", "hooks")} (process 9) and above the policy pack`,
        });
    });

    it("refuses a root whose Pulumi.yaml names another project, explicit or discovered, and lists every candidate refused", () => {
        const other = project("other", "name: billing\n", ["policy"]);
        assert.deepStrictEqual(resolveProgramRoot({ project: "team", packDir: path.join(other, "policy"), cli: () => ({ problem: "no /proc here" }) }), {
            problem:
                `no program root: ${programRootVariable} and programRoot are unset, and discovery found none (the Pulumi CLI's working directory is unknown (no /proc here); ` +
                `refused the program root from ${path.join(other, "Pulumi.yaml")}, found above the policy pack: its Pulumi.yaml names project "billing", but the stack belongs to project "team")`,
        });
        assert.match(
            (resolveProgramRoot({ project: "team", fromEnvironment: other, packDir: dir, cli: noCli }) as { problem: string }).problem,
            /^refused the program root from LAMBDA_POLICY_PROGRAM_ROOT=.*: its Pulumi\.yaml names project "billing"/,
        );
    });

    it("reports a missing root: nothing above the pack, no Pulumi.yaml where configured, a relative setting, a main that does not exist", () => {
        const empty = path.join(dir, "empty");
        fs.mkdirSync(empty);
        const problems = [
            resolveProgramRoot({ project: "team", packDir: "/", cli: () => ({ dir: empty, pid: 3 }) }),
            resolveProgramRoot({ project: "team", fromConfig: empty, packDir: dir, cli: noCli }),
            resolveProgramRoot({ project: "team", fromEnvironment: "infra", packDir: dir, cli: noCli }),
            resolveProgramRoot({ project: "team", fromConfig: project("gone", "name: team\nmain: app.ts\n"), packDir: dir, cli: noCli }),
        ];
        assert.deepStrictEqual(problems, [
            {
                problem:
                    `no program root: ${programRootVariable} and programRoot are unset, and discovery found none (no Pulumi.yaml in the Pulumi CLI's ` +
                    `working directory ${empty} (process 3) or above it; no Pulumi.yaml above the policy pack (/))`,
            },
            { problem: `the program root from pack config programRoot ${empty} holds no Pulumi.yaml` },
            { problem: `the program root from ${programRootVariable}=infra is not an absolute path` },
            { problem: `the Pulumi.yaml from pack config programRoot ${path.join(dir, "gone")} names main: app.ts, which does not exist` },
        ]);
    });

    describe(`${programRootVariable} in the pack process's environment, as CI sets it for pulumi preview`, function () {
        this.timeout(120_000);
        let pack: PolicyPackProcess;
        let root: string;
        before(async () => {
            root = project("ci-checkout", "name: team\n", ["app/node_modules/@aws-sdk/client-s3"]);
            fs.writeFileSync(path.join(root, "app", "node_modules", "@aws-sdk", "client-s3", "package.json"), '{"name":"@aws-sdk/client-s3"}');
            pack = await PolicyPackProcess.start({ env: { [programRootVariable]: root } });
        });
        after(() => pack.close());

        it("resolves ./app against it, over a pack config that points elsewhere", async () => {
            const verdicts = await verdictsOf(() => resource(resourceTypes.lambdaFunction, "fn", compliantFunction({ code: new pulumi.asset.FileArchive("./app") })), {
                pack,
                config: { "lambda-no-bundled-aws-sdk": { programRoot: path.join(dir, "empty") } },
                policy: "lambda-no-bundled-aws-sdk",
            });
            assert.deepStrictEqual(verdicts.map((row) => row.slice(0, 3)), [["mandatory", "lambda-no-bundled-aws-sdk", "fn"]]);
            assert.match(verdicts[0][3], new RegExp(`^Lambda function "fn" ships the AWS SDK: node_modules/@aws-sdk/ \\(in ${root}/app\\)\\.`));
        });
    });
});
