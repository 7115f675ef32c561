import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ChildNaming } from "./naming";
import { AuthorizationSettings, jwtIdentitySource, openWriteRoutes } from "./route-authorization";
import { routeKey } from "./routes";
import { configKey } from "./stack-config";

/**
 * The HTTP API's native JWT authorizer: API Gateway checks the token itself, so guarding a route adds no
 * function and no cold start (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html).
 * Created only when the settings name an issuer and its audiences; `undefined` otherwise.
 */
export function createJwtAuthorizer(
    naming: ChildNaming,
    settings: AuthorizationSettings,
    api: aws.apigatewayv2.Api,
): aws.apigatewayv2.Authorizer | undefined {
    if (settings.jwtIssuer === undefined || settings.jwtAudiences === undefined) return undefined;
    return new aws.apigatewayv2.Authorizer(
        naming.name("authorizer"),
        {
            apiId: api.id,
            authorizerType: "JWT",
            identitySources: [jwtIdentitySource],
            jwtConfiguration: { issuer: settings.jwtIssuer, audiences: settings.jwtAudiences },
        },
        naming.opts("authorizer"),
    );
}

/**
 * At preview (which `pulumi up` runs first too), a warning on the component for every write route that
 * anyone may call: an open API is a choice a dev stack may make, never one a stack should make silently.
 */
export function warnAboutOpenWrites(settings: AuthorizationSettings, parent: pulumi.Resource): void {
    const open = openWriteRoutes(settings);
    if (open.length === 0 || !pulumi.runtime.isDryRun()) return;
    const keys = open.map(routeKey).join(" and ");
    void pulumi.log.warn(
        `${keys} ${open.length === 1 ? "is" : "are"} open: anyone who can reach the API can call ${open.length === 1 ? "it" : "them"}. ` +
            `Set jwtIssuer and jwtAudiences (${configKey("jwtIssuer")}, ${configKey("jwtAudiences")}) to require a JWT; ` +
            `see "Authorization" in the README.`,
        parent,
    );
}
