import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ChildNaming } from "./naming";
import { acmCertificateArnPattern, Settings } from "./settings";

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
 * The certificate must be in the stack's region: a regional custom domain takes only a certificate of its
 * own region (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-custom-domains-prerequisites.html).
 */
function certificateInRegion(naming: ChildNaming, certificateArn: pulumi.Input<string>): pulumi.Output<string> {
    const { region } = aws.getRegionOutput({}, { parent: naming.parent });
    return pulumi.all([certificateArn, region]).apply(([arn, stackRegion]) => {
        const problem = !acmCertificateArnPattern.test(arn)
            ? "must be an ACM certificate ARN"
            : arn.split(":")[3] !== stackRegion
              ? `must be a certificate in the stack's region ${stackRegion}, where the API is`
              : undefined;
        if (problem) throw new pulumi.ResourceError(`[customDomain.certificateArn] ${problem}; got ${JSON.stringify(arn)}`, naming.parent);
        return arn;
    });
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
): CustomDomain {
    const domainName = new aws.apigatewayv2.DomainName(
        naming.name("domain"),
        {
            domainName: domain.domainName,
            domainNameConfiguration: {
                certificateArn: certificateInRegion(naming, domain.certificateArn),
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
