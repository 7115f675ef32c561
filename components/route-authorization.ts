import { RouteDefinition, routes } from "./routes";
import type { Settings } from "./settings";

/**
 * Who may call each route: the one rule that the component (the routes' `authorizationType`,
 * `authorizerId`, `authorizationScopes`) and the local stack (which requests it verifies) both apply.
 * Pure, so it is tested without mocks and loaded by `npm start` without the Pulumi SDK.
 */

/** Where API Gateway's JWT authorizer reads the token: the `Authorization` header, `Bearer ` optional. */
export const jwtIdentitySource = "$request.header.Authorization";

export type AuthorizationSettings = Pick<Settings, "jwtIssuer" | "jwtAudiences" | "writeScopes" | "authorizeReads" | "adminScopes">;

export type RouteAuthorization =
    /** Anyone may call the route. */
    | { type: "NONE" }
    /** Only a request with a valid token; with `scopes`, one that carries at least one of them. */
    | { type: "JWT"; scopes?: string[] };

/** Whether the settings give the API a JWT authorizer (the schema allows both keys or neither). */
export function hasJwtAuthorizer(settings: AuthorizationSettings): boolean {
    return settings.jwtIssuer !== undefined && settings.jwtAudiences !== undefined;
}

/**
 * The write routes need a token once an authorizer exists, and the write scopes when there are any (an
 * owner-only route also the admin scopes: an admin token needs no write scope to delete); the read routes
 * need a token (and no scope) only with `authorizeReads`.
 */
export function routeAuthorization(route: RouteDefinition, settings: AuthorizationSettings): RouteAuthorization {
    if (!hasJwtAuthorizer(settings) || (!route.writes && !settings.authorizeReads)) return { type: "NONE" };
    if (!route.writes || settings.writeScopes.length === 0) return { type: "JWT" };
    const admin = route.ownerOnly ? settings.adminScopes.filter((scope) => !settings.writeScopes.includes(scope)) : [];
    return { type: "JWT", scopes: [...settings.writeScopes, ...admin] };
}

/** The write routes anyone may call with these settings (all of them when there is no authorizer). */
export function openWriteRoutes(settings: AuthorizationSettings, table: readonly RouteDefinition[] = routes): RouteDefinition[] {
    return table.filter((route) => route.writes && routeAuthorization(route, settings).type === "NONE");
}
