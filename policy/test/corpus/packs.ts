import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { copyPack } from "../../../tools/analyzer/pack-copy";
import { PolicyPackProcess } from "../../../tools/analyzer/pack-process";
import { programRootVariable } from "../../inspection/program-root";

/**
 * Where a case's policy pack lives, as teams keep it:
 * - `repository`: this repository's policy/, inside a program's repository (project events-api);
 * - `beside`: a folder next to the program's (`pulumi preview --policy-pack ../org-pack`), with no
 *   Pulumi.yaml above it;
 * - `org`: where the CLI installs a pack an organization enforces, `~/.pulumi/policies/<org>/<pack>/<version>`.
 */
export type PackLocation = "repository" | "beside" | "org";

/**
 * The corpus's workspace: a temporary folder whose `work/` holds each case's program folder (beside the
 * `beside` pack) and whose `home/` is a user's home with the `org` pack installed; and one pack process
 * per location, started on first use. Each case moves the stand-in CLI to its own folder.
 */
export class CorpusPacks {
    readonly root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "events-api-corpus-")));
    readonly work = path.join(this.root, "work");
    private readonly started = new Map<PackLocation, Promise<PolicyPackProcess>>();

    constructor(private readonly repository?: () => Promise<PolicyPackProcess>) {
        fs.mkdirSync(this.work);
    }

    /** The folder a location's pack is in. */
    packDir(location: PackLocation): string | undefined {
        switch (location) {
            case "repository":
                return undefined;
            case "beside":
                return path.join(this.work, "org-pack");
            case "org":
                return path.join(this.root, "home", ".pulumi", "policies", "acme", "events-api-policies", "0.1.0");
        }
    }

    pack(location: PackLocation): Promise<PolicyPackProcess> {
        let pack = this.started.get(location);
        if (!pack) {
            const packDir = this.packDir(location);
            if (packDir) copyPack(packDir);
            // The developer's own program root would change what relative paths resolve to: nothing is set.
            pack = location === "repository" && this.repository ? this.repository() : PolicyPackProcess.start({ packDir, env: { [programRootVariable]: undefined } });
            this.started.set(location, pack);
        }
        return pack;
    }

    /** Stops the packs this started (not one `repository` handed in) and removes the workspace. */
    async close(): Promise<void> {
        for (const [location, pack] of this.started) {
            if (!(location === "repository" && this.repository)) (await pack.catch(() => undefined))?.close();
        }
        fs.rmSync(this.root, { recursive: true, force: true });
    }
}
