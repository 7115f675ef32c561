import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EventsApi } from "../../components/events-api";

// A Cognito user pool whose tokens may write: a resource server gives its access tokens the
// `events-api/write` scope, and a machine client (client credentials grant) may ask for it.
const pool = new aws.cognito.UserPool("events-users", {});
const resourceServer = new aws.cognito.ResourceServer("events-api-scopes", {
    userPoolId: pool.id,
    identifier: "events-api",
    scopes: [{ scopeName: "write", scopeDescription: "create and delete events" }],
});
const client = new aws.cognito.UserPoolClient("events-writer", {
    userPoolId: pool.id,
    generateSecret: true,
    allowedOauthFlows: ["client_credentials"],
    allowedOauthFlowsUserPoolClient: true,
    allowedOauthScopes: [pulumi.interpolate`${resourceServer.identifier}/write`],
});
const alarms = new aws.sns.Topic("events-api-alarms", {});

// #region wiring
// Each resource goes in as it is made: the pool's `endpoint` is `cognito-idp.<region>.amazonaws.com/<pool id>`,
// its issuer that with https://; Cognito access tokens carry the app client id as `client_id`.
const api = new EventsApi("events-api", {
    jwtIssuer: pulumi.interpolate`https://${pool.endpoint}`,
    jwtAudiences: [client.id],
    writeScopes: ["events-api/write"],
    alarmTopicArn: alarms.arn,
});
// #endregion

export const url = api.url;
