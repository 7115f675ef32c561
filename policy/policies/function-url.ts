import { ResourceValidationPolicy } from "@pulumi/policy";
import { appliesTo } from "./applies-to";
import { property } from "./property";
import { resourceTypes } from "./resource-types";

/**
 * Beyond serverless-rules (checkov's CKV_AWS_258 is the same check). A URL that must be public (a webhook
 * checking its own signature) states why with an exemption, which every preview then reports.
 */
export const lambdaFunctionUrlAuth: ResourceValidationPolicy = {
    name: "lambda-function-url-auth",
    description: "Lambda function URLs should require IAM authorization unless an exemption states why one must be public.",
    enforcementLevel: "advisory",
    validateResource: appliesTo([resourceTypes.functionUrl, resourceTypes.nativeFunctionUrl], (args, reportViolation) => {
        const key = args.type === resourceTypes.functionUrl ? "authorizationType" : "authType";
        if (property(args.props, key) === "NONE") {
            reportViolation(
                `Lambda function URL "${args.name}": ${key} is "NONE", so anyone who finds the URL can invoke the function (and run up ` +
                    `its bill). Set ${key} to "AWS_IAM" (callers sign requests with SigV4; CloudFront with origin access control can sign ` +
                    `them). If it must be public, state why with an exemption: {"policy-exemptions": {"exemptions": [{"policy": ` +
                    `"lambda-function-url-auth", "resources": ["${args.name}"], "reason": "<why>"}]}} in the pack config.`,
            );
        }
    }),
};
