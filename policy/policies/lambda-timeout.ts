import { appliesTo } from "./applies-to";
import { PackPolicy } from "./exemptions";
import { property, unknown } from "./property";
import { lambdaFunctionTypes } from "./resource-types";

// Lambda's default timeout: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
export const lambdaDefaultTimeoutSeconds = 3;

/**
 * serverless-rules ES1006 flags a function with no `Timeout`. In a Pulumi preview the aws provider's Check
 * has already filled in its schema default of 3, so an explicit 3 and an unset timeout arrive alike: both
 * are flagged. A value unknown at preview passes; the update checks it.
 */
export const lambdaTimeoutSet: PackPolicy = {
    name: "lambda-timeout-set",
    description: "Lambda functions should set a timeout of their own rather than Lambda's 3 s default.",
    enforcementLevel: "advisory",
    validateResource: appliesTo(lambdaFunctionTypes, (args, reportViolation) => {
        const timeout = property(args.props, "timeout");
        if (timeout !== unknown && (timeout === undefined || timeout === null || timeout === lambdaDefaultTimeoutSeconds)) {
            const found = timeout === lambdaDefaultTimeoutSeconds ? `timeout is ${lambdaDefaultTimeoutSeconds} s, Lambda's default` : `timeout is unset, so Lambda's default of ${lambdaDefaultTimeoutSeconds} s applies`;
            reportViolation(
                `Lambda function "${args.name}": ${found} (the provider fills in 3 when it is unset, so the two look alike). Set timeout to what ` +
                    `the function needs, a little above its longest expected run (up to 900 s; under 29 s behind API Gateway): too short cuts off ` +
                    `slow requests, too long lets a stuck invocation run on and bill.`,
            );
        }
    }),
};
