import type { APIGatewayProxyEventV2 } from "aws-lambda";

/** What API Gateway's JWT authorizer adds to a payload 2.0 event: the verified token's claims, as strings. */
type WithJwtClaims = { authorizer?: { jwt: { claims: Record<string, string | undefined> } } };

/**
 * The verified token's subject (`sub`) when the route has a JWT authorizer: API Gateway has checked the
 * token before the function runs and passes its claims as strings, so the handler verifies nothing
 * itself. A route without an authorizer has no claims: the caller is unknown.
 */
export const callerSubject = (event: APIGatewayProxyEventV2): string | undefined =>
    (event.requestContext as WithJwtClaims).authorizer?.jwt.claims.sub;
