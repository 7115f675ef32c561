import * as fs from "fs";
import * as path from "path";
import { defaultPackDir } from "./pack-process";

/**
 * A copy of the pack at `target`, as `pulumi policy publish` ships it (the files its package.json lists)
 * and as the CLI installs it elsewhere (`~/.pulumi/policies/<org>/<pack>/<version>/`, or a folder beside
 * the program): its dependencies are this repository's node_modules, linked. Returns `target`.
 */
export function copyPack(target: string): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(defaultPackDir, "package.json"), "utf8")) as { files: string[] };
    fs.mkdirSync(target, { recursive: true });
    for (const entry of [...manifest.files, "package.json"]) {
        fs.cpSync(path.join(defaultPackDir, entry), path.join(target, entry), { recursive: true });
    }
    fs.symlinkSync(path.resolve(defaultPackDir, "..", "node_modules"), path.join(target, "node_modules"), "dir");
    return target;
}
