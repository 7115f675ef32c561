import { pathParameterNames, RouteDefinition, routeKey, routes } from "../components/routes";

/** A request matched against the route table, as API Gateway matches it. */
export interface RouteMatch {
    route: RouteDefinition;
    /** `GET /events/{id}` */
    routeKey: string;
    /** URL-decoded values, by parameter name; absent for a route without parameters. */
    pathParameters?: Record<string, string>;
}

interface CompiledRoute {
    route: RouteDefinition;
    pattern: RegExp;
    names: string[];
}

function compile(route: RouteDefinition): CompiledRoute {
    const source = route.path
        .split("/")
        .map((segment) => {
            if (/^\{[A-Za-z0-9_]+\+\}$/.test(segment)) return "(.+)";
            if (/^\{[A-Za-z0-9_]+\}$/.test(segment)) return "([^/]+)";
            return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        })
        .join("/");
    return { route, pattern: new RegExp(`^${source}$`), names: pathParameterNames(route.path) };
}

/** Percent-decoded, or as sent when it is not valid percent-encoding (the handler then rejects it). */
function decode(value: string): string {
    try {
        return decodeURIComponent(value);
    } catch {
        return value;
    }
}

/** Builds a matcher over a route table (the project's one by default). */
export function createRouter(table: readonly RouteDefinition[] = routes) {
    const compiled = table.map(compile);
    return {
        /** The route for a method and raw (still percent-encoded) path, or undefined: API Gateway's 404. */
        match(method: string, rawPath: string): RouteMatch | undefined {
            for (const { route, pattern, names } of compiled) {
                if (route.method !== method) continue;
                const found = pattern.exec(rawPath);
                if (!found) continue;
                const values = found.slice(1).map(decode);
                const match: RouteMatch = { route, routeKey: routeKey(route) };
                if (names.length > 0) {
                    match.pathParameters = Object.fromEntries(names.map((name, i) => [name, values[i]]));
                }
                return match;
            }
            return undefined;
        },
    };
}

export type Router = ReturnType<typeof createRouter>;
