import * as path from "path";
import { main } from "../policy/check/cli";
import { requireSupportedNode } from "../tools/node-version";

/**
 * `npm run policy:check`: the policy pack over a stack of a Pulumi program (this repository's by
 * default, any team's with `--program`), as `pulumi preview --policy-pack policy` runs it, with no Pulumi
 * CLI, cloud or credentials. The check itself is the pack package's (policy/check/), which teams run
 * from the published package as `npx events-api-policies check`.
 */

if (require.main === module) {
    requireSupportedNode("npm run policy:check");
    main(process.argv.slice(2), { command: "npm run policy:check --", defaultProgram: path.resolve(__dirname, ".."), name: "policy:check" }).then(
        (code) => process.exit(code),
        () => process.exit(2),
    );
}
