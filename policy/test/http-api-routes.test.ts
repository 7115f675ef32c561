import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { resourceTypes } from "../policies/resource-types";
import { resource, verdictsOf } from "./harness";

const policy = "apigatewayv2-write-routes-authorized";

const api = (protocolType: string, name = "api") => resource(resourceTypes.httpApi, name, { protocolType });

const route = (name: string, props: Record<string, unknown>, type: string = resourceTypes.httpApiRoute) =>
    resource(type, name, { apiId: "abc123", target: "integrations/xyz789", ...props });

const fix =
    'Require a caller: add an aws.apigatewayv2.Authorizer (authorizerType "JWT", e.g. a Cognito user pool as issuer) and set the ' +
    'route\'s authorizationType "JWT" and authorizerId, or use "AWS_IAM" or "CUSTOM".';

const open = (name: string, routeKey: string, found: string) => [
    "advisory",
    policy,
    name,
    `HTTP API route "${name}" (${routeKey}): authorizationType is ${found}, so anyone who finds the URL can call it. ${fix}`,
];

describe("apigatewayv2-write-routes-authorized, through the pack's stack analysis", function () {
    this.timeout(60_000);

    it("flags write routes with authorizationType NONE or unset (API Gateway's default), ANY and an HTTP API's $default", async () => {
        const verdicts = await verdictsOf(
            () => {
                const http = api("HTTP");
                return [
                    route("a-post", { apiId: http.id, routeKey: "POST /events", authorizationType: "NONE" }),
                    route("b-delete", { apiId: http.id, routeKey: "DELETE /events/{id}" }),
                    route("c-put", { routeKey: "PUT /events/{id}", authorizationType: "NONE" }),
                    route("d-patch", { routeKey: "PATCH /events/{id}", authorizationType: "NONE" }),
                    route("e-any", { routeKey: "ANY /{proxy+}", authorizationType: "NONE" }),
                    route("f-default", { apiId: http.id, routeKey: "$default" }),
                ];
            },
            { policy },
        );
        assert.deepStrictEqual(verdicts, [
            open("a-post", "POST /events", '"NONE"'),
            open("b-delete", "DELETE /events/{id}", "unset"),
            open("c-put", "PUT /events/{id}", '"NONE"'),
            open("d-patch", "PATCH /events/{id}", '"NONE"'),
            open("e-any", "ANY /{proxy+}", '"NONE"'),
            open("f-default", "$default", "unset"),
        ]);
    });

    it("passes write routes behind a JWT, IAM or Lambda authorizer, and read routes without one", async () => {
        const verdicts = await verdictsOf(
            () => [
                route("jwt", { routeKey: "POST /events", authorizationType: "JWT", authorizerId: "auth123", authorizationScopes: ["events/write"] }),
                route("iam", { routeKey: "DELETE /events/{id}", authorizationType: "AWS_IAM" }),
                route("custom", { routeKey: "PATCH /events/{id}", authorizationType: "CUSTOM", authorizerId: "auth456" }),
                route("read", { routeKey: "GET /events", authorizationType: "NONE" }),
                route("options", { routeKey: "OPTIONS /events" }),
            ],
            { policy },
        );
        assert.deepStrictEqual(verdicts, []);
    });

    it("leaves WebSocket routes alone, and a $default whose API the stack does not declare", async () => {
        const verdicts = await verdictsOf(
            () => {
                const ws = api("WEBSOCKET", "chat");
                return [
                    route("ws-default", { apiId: ws.id, routeKey: "$default" }),
                    route("ws-connect", { apiId: ws.id, routeKey: "$connect", authorizationType: "NONE" }),
                    route("ws-custom", { apiId: ws.id, routeKey: "sendMessage" }),
                    route("elsewhere", { apiId: "abc123", routeKey: "$default" }),
                ];
            },
            { policy },
        );
        assert.deepStrictEqual(verdicts, []);
    });

    it("checks aws-native routes the same way", async () => {
        const verdicts = await verdictsOf(() => route("native-post", { routeKey: "POST /orders" }, resourceTypes.nativeHttpApiRoute), { policy });
        assert.deepStrictEqual(verdicts, [open("native-post", "POST /orders", "unset")]);
    });

    it("passes an authorizationType unknown at preview and checks it in the update, where it is known", async () => {
        const declare = () => {
            const setting = resource("aws:ssm/parameter:Parameter", "route-auth", { type: "String", value: undefined }) as pulumi.CustomResource & {
                value: pulumi.Output<string>;
            };
            return route("computed", { routeKey: "POST /events", authorizationType: setting.value });
        };
        assert.deepStrictEqual(await verdictsOf(declare, { policy }), []);
        // Under mocks the parameter's value stays unset in an update: known, and open.
        assert.deepStrictEqual(await verdictsOf(declare, { policy, preview: false }), [open("computed", "POST /events", "unset")]);
    });
});
