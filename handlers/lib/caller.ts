import type { APIGatewayProxyEventV2 } from "aws-lambda";

/**
 * What API Gateway's JWT authorizer adds to the event on a guarded route: the verified token's claims, as
 * strings, and on a route with authorization scopes the token's scopes (null on a route without). The
 * authorizer checked the token before the function ran, so a handler trusts it and verifies nothing
 * itself; on an open route there is no authorizer, and the caller is unknown.
 */
export interface JwtContext {
    claims: Record<string, string | undefined>;
    scopes: string[] | null;
}

export function jwtOf(event: APIGatewayProxyEventV2): JwtContext | undefined {
    return (event.requestContext as { authorizer?: { jwt?: JwtContext } }).authorizer?.jwt;
}
