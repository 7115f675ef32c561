import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { inStackRegion } from "./known-settings";
import { ChildNaming } from "./naming";
import { Settings } from "./settings";

export type CustomDomainSettings = NonNullable<Settings["customDomain"]>;

/** What `customDomain` adds to the API. */
export interface CustomDomain {
    domainName: aws.apigatewayv2.DomainName;
    apiMapping: aws.apigatewayv2.ApiMapping;
    /** Only with a `hostedZoneId`: the alias record that points the name at API Gateway. */
    record?: aws.route53.Record;
    /** `https://<domainName>/`: where clients call the API. */
    url: pulumi.Output<string>;
}

/**
 * The API's custom domain: a regional API Gateway domain name with the certificate, TLS 1.2 or newer, mapped
 * to the stage at the domain's root; with a hosted zone, the alias A record for it. (The API itself turns
 * its default endpoint off, so that the domain is the only way in.)
 */
export function createCustomDomain(
    naming: ChildNaming,
    domain: CustomDomainSettings,
    api: aws.apigatewayv2.Api,
    stage: aws.apigatewayv2.Stage,
    region: pulumi.Input<string>,
): CustomDomain {
    const domainName = new aws.apigatewayv2.DomainName(
        naming.name("domain"),
        {
            domainName: domain.domainName,
            domainNameConfiguration: {
                // A regional custom domain takes only a certificate of its own region
                // (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-custom-domains-prerequisites.html).
                certificateArn: inStackRegion(region, "customDomain.certificateArn", domain.certificateArn, "a certificate", "the API is", naming.parent),
                endpointType: "REGIONAL",
                securityPolicy: "TLS_1_2",
            },
        },
        naming.newOpts(),
    );
    const apiMapping = new aws.apigatewayv2.ApiMapping(
        naming.name("domain-mapping"),
        { apiId: api.id, domainName: domainName.domainName, stage: stage.id },
        naming.newOpts(),
    );
    const record =
        domain.hostedZoneId === undefined
            ? undefined
            : new aws.route53.Record(
                  naming.name("domain-record"),
                  {
                      zoneId: domain.hostedZoneId,
                      name: domainName.domainName,
                      type: "A",
                      aliases: [
                          {
                              name: domainName.domainNameConfiguration.targetDomainName,
                              zoneId: domainName.domainNameConfiguration.hostedZoneId,
                              evaluateTargetHealth: false,
                          },
                      ],
                  },
                  naming.newOpts(),
              );
    // The URL once the mapping exists: before it, the domain answers nothing.
    const url = pulumi.all([domainName.domainName, apiMapping.id]).apply(([name]) => `https://${name}/`);
    return { domainName, apiMapping, record, url };
}
