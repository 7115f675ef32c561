import { openApiPath } from "../components/openapi";
import { routeKey, RouteDefinition } from "../components/routes";

/** A function as `npm start` lists it. */
export interface BannerFunction {
    route: RouteDefinition;
    functionName: string;
    bytes: number;
}

/** The route table `npm start` prints first: each route's function and the size of its bundle. */
export function functionLines(functions: readonly BannerFunction[]): string[] {
    const width = Math.max(...functions.map((fn) => routeKey(fn.route).length));
    return [
        "Functions (bundle built as pulumi up builds it):",
        ...functions.map((fn) => `  ${routeKey(fn.route).padEnd(width)}  ${fn.functionName.padEnd(26)} ${fn.bytes.toLocaleString("en-US")} bytes`),
    ];
}

/** The lines `npm start` ends with: where the OpenAPI document and the API are served. */
export function servingLines(url: string): string[] {
    return [`OpenAPI document: ${url}${openApiPath}`, `Events API: ${url}  (Ctrl-C to stop)`];
}
