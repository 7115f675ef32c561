/**
 * The priming experiment: each route's handler wrapped so that Init starts `primeClient()` and the
 * handler awaits it. The entry exports the promise as `ready`, so a bootstrap can also make Init
 * wait for it, as Lambda waits for an ES module's top-level await.
 */
import * as path from "path";
import { projectRoot } from "../../components/bundle";
import type { RouteDefinition } from "../../components/routes";

export const readyExport = "ready";

/** TypeScript source of the primed entry for one route. */
export function primedEntrySource(route: RouteDefinition): string {
    const importPath = (file: string) => JSON.stringify(path.join(projectRoot, file).replace(/\.ts$/, ""));
    return [
        `import { primeClient } from ${importPath("bench/variants/prime.ts")};`,
        `import { handler as unprimed } from ${importPath(route.entry)};`,
        `export const ${readyExport} = primeClient();`,
        "export const handler = async (event: never, context: never) => {",
        `    await ${readyExport};`,
        "    return unprimed(event, context);",
        "};",
        "",
    ].join("\n");
}
