import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PolicyPackProcess } from "../../tools/analyzer/pack-process";
import { programRootVariable, resolveProgramRoot } from "../inspection/program-root";
import { resourceTypes } from "../policies/resource-types";
import { compliantFunction, resource, verdictsOf } from "./harness";

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
        assert.deepStrictEqual(resolveProgramRoot({ project: "team", fromEnvironment: byEnv, fromConfig: byConfig, packDir }), {
            dir: path.join(byEnv, "src"),
            source: `${programRootVariable}=${byEnv}, main: src/`,
        });
        assert.deepStrictEqual(resolveProgramRoot({ project: "team", fromConfig: byConfig, packDir }), {
            dir: path.join(byConfig, "src"),
            source: `pack config programRoot ${byConfig}, main: src/index.ts`,
        });
    });

    it("discovers the nearest Pulumi.yaml (or Pulumi.yml) above the pack, when it names the stack's project", () => {
        const root = project("repo", "yml name: team\n", ["infra/policy"]);
        assert.deepStrictEqual(resolveProgramRoot({ project: "team", packDir: path.join(root, "infra", "policy") }), {
            dir: root,
            source: `${path.join(root, "Pulumi.yml")}, found above the policy pack`,
        });
    });

    it("refuses a root whose Pulumi.yaml names another project, explicit or discovered", () => {
        const other = project("other", "name: billing\n", ["policy"]);
        assert.deepStrictEqual(resolveProgramRoot({ project: "team", packDir: path.join(other, "policy") }), {
            problem: `refused the program root from ${path.join(other, "Pulumi.yaml")}, found above the policy pack: its Pulumi.yaml names project "billing", but the stack belongs to project "team"`,
        });
        assert.match(
            (resolveProgramRoot({ project: "team", fromEnvironment: other, packDir: dir }) as { problem: string }).problem,
            /^refused the program root from LAMBDA_POLICY_PROGRAM_ROOT=.*: its Pulumi\.yaml names project "billing"/,
        );
    });

    it("reports a missing root: nothing above the pack, no Pulumi.yaml where configured, a relative setting, a main that does not exist", () => {
        const empty = path.join(dir, "empty");
        fs.mkdirSync(empty);
        const problems = [
            resolveProgramRoot({ project: "team", packDir: "/" }),
            resolveProgramRoot({ project: "team", fromConfig: empty, packDir: dir }),
            resolveProgramRoot({ project: "team", fromEnvironment: "infra", packDir: dir }),
            resolveProgramRoot({ project: "team", fromConfig: project("gone", "name: team\nmain: app.ts\n"), packDir: dir }),
        ];
        assert.deepStrictEqual(problems, [
            { problem: `no program root: ${programRootVariable} and programRoot are unset, and no folder above the policy pack (/) holds a Pulumi.yaml` },
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
