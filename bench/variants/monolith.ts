/**
 * Variant (b), the monolith: one function that serves all routes. Its entry is generated from the
 * route table (one import per route's handler), so it never lists routes itself.
 */
import * as path from "path";
import { projectRoot } from "../../components/bundle";
import type { RouteDefinition } from "../../components/routes";

/** TypeScript source of the monolith's entry, importing each route's handler by absolute path. */
export function monolithEntrySource(table: readonly RouteDefinition[]): string {
    const importPath = (file: string) => JSON.stringify(path.join(projectRoot, file).replace(/\.ts$/, ""));
    return [
        `import { dispatchByRouteKey } from ${importPath("bench/variants/dispatch.ts")};`,
        // One client serves every route: it is primed once, by the first route's request.
        ...table.map((route, index) => `import { handler as route${index}${index === 0 ? ", prime" : ""} } from ${importPath(route.entry)};`),
        `export const handler = dispatchByRouteKey([${table.map((_, index) => `route${index}`).join(", ")}]);`,
        "export { prime };",
        "",
    ].join("\n");
}
