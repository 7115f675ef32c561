import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Report } from "../policy/check/report/model";
import { root, run } from "./support/policy-check-run";

/**
 * The pack's package as a team installs it: `npm pack` of policy/, installed with npm into a team's
 * program folder, and its bin run there. Offline: the package's dependencies are already in the folder's
 * node_modules (linked to this repository's install), so npm only unpacks the tarball and links the bin.
 */

const manifest = JSON.parse(fs.readFileSync(path.join(root, "policy", "package.json"), "utf8")) as { version: string; dependencies: Record<string, string> };

describe("the pack package's bin, installed from an npm pack tarball", function () {
    this.timeout(240_000);
    let tmp: string;
    let team: string;
    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "policy-check-bin-"));
        team = path.join(tmp, "team");
        fs.cpSync(path.join(root, "test", "fixtures", "programs", "ts-program"), team, { recursive: true });
        for (const name of [...Object.keys(manifest.dependencies), "@pulumi/aws"]) {
            fs.mkdirSync(path.dirname(path.join(team, "node_modules", name)), { recursive: true });
            fs.symlinkSync(path.join(root, "node_modules", name), path.join(team, "node_modules", name), "dir");
        }
        const pack = await run("npm", ["pack", "--ignore-scripts", "--pack-destination", tmp], { cwd: path.join(root, "policy") });
        assert.strictEqual(pack.code, 0, pack.stderr);
        const install = await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", path.join(tmp, `events-api-policies-${manifest.version}.tgz`)], { cwd: team });
        assert.strictEqual(install.code, 0, install.stderr);
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("is a real install: the package is unpacked from the tarball (not linked to policy/), with only the files its package.json lists", () => {
        const installed = path.join(team, "node_modules", "events-api-policies");
        assert.strictEqual(fs.lstatSync(installed).isSymbolicLink(), false);
        assert.deepStrictEqual(fs.readdirSync(installed).sort(), ["PulumiPolicy.yaml", "bin", "check", "index.ts", "inspection", "package.json", "policies", "tsconfig.json"]);
        assert.ok(fs.existsSync(path.join(team, "node_modules", ".bin", "events-api-policies")));
    });

    it("runs `events-api-policies check --program . --stack dev` in the team's folder: exit 1 on its x86_64 function, at its line", async () => {
        const check = await run(path.join(team, "node_modules", ".bin", "events-api-policies"), ["check", "--program", ".", "--stack", "dev", "--format", "json"], { cwd: team });
        assert.strictEqual(check.code, 1, check.stderr);
        const report: Report = JSON.parse(check.stdout);
        assert.deepStrictEqual([report.pack, report.project, report.program.folder, report.stack], [{ name: "events-api-policies", version: manifest.version }, "team-ts", team, "dev"]);
        assert.deepStrictEqual(
            report.findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => [f.policy, f.resource?.name, f.location]),
            [["lambda-arm64-architecture", "orders-fn", { path: "src/functions.ts", line: 9, column: 12 }]],
        );
    });

    it("prints its usage for --help and refuses an unknown command with exit 2", async () => {
        const bin = path.join(team, "node_modules", ".bin", "events-api-policies");
        const [help, checkHelp, unknown] = await Promise.all([run(bin, ["--help"], { cwd: team }), run(bin, ["check", "--help"], { cwd: team }), run(bin, ["scan"], { cwd: team })]);
        assert.deepStrictEqual([help.code, help.stdout.split("\n")[0]], [0, "Usage: events-api-policies check [options]"]);
        assert.deepStrictEqual([checkHelp.code, checkHelp.stdout.split("\n")[0].slice(0, 45)], [0, "Usage: events-api-policies check [--program <"]);
        assert.match(checkHelp.stdout, /--program <dir> {4}the folder holding the program's Pulumi\.yaml \(default: \.\)/);
        assert.deepStrictEqual([unknown.code, unknown.stdout], [2, ""]);
    });
});
