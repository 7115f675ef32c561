import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";

/**
 * What `npm ci --omit=dev` installs is what a deployment (the program, its bundles) and the pack's users
 * get: only permissive licenses there. The copyleft packages the tests use (the IAM evaluator behind the
 * role-policy tests, AGPL-3.0-or-later) must stay dev dependencies, and a new one must be a decision.
 */
interface LockedPackage {
    license?: string;
    dev?: boolean;
    link?: boolean;
}

const lock = JSON.parse(readFileSync(path.join(__dirname, "..", "package-lock.json"), "utf8")) as { packages: Record<string, LockedPackage> };
const copyleft = /\b(A|L)?GPL|\bSSPL\b|\bEUPL\b/;
const installed = Object.entries(lock.packages).filter(([location, pkg]) => location !== "" && !pkg.link);

describe("dependency licenses (package-lock.json)", () => {
    it("every package a production install brings has a license, none of them copyleft", () => {
        const production = installed.filter(([, pkg]) => !pkg.dev);
        assert.deepStrictEqual(production.filter(([, pkg]) => pkg.license === undefined).map(([location]) => location), []);
        assert.deepStrictEqual(production.filter(([, pkg]) => copyleft.test(pkg.license!)).map(([location]) => location), []);
    });

    it("the only copyleft packages are the IAM evaluator's, and they are dev dependencies", () => {
        assert.deepStrictEqual(
            installed.filter(([, pkg]) => copyleft.test(pkg.license ?? "")).map(([location, pkg]) => [location, pkg.license, pkg.dev]),
            [
                ["node_modules/@cloud-copilot/iam-policy", "AGPL-3.0-or-later", true],
                ["node_modules/@cloud-copilot/iam-simulate", "AGPL-3.0-or-later", true],
                ["node_modules/@cloud-copilot/iam-utils", "AGPL-3.0-or-later", true],
            ],
        );
    });
});
