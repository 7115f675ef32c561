import { resourceTypes } from "./resource-types";
import { PackPolicy } from "./exemptions";
import { PolicyResource } from "@pulumi/policy";
import { plain, property, rawProperty, unknown } from "./property";
import { dependenciesOf, knownStrings } from "./references";
import { lambdaFunctionTypes } from "./resource-types";
import { credentialFormat, credentialName } from "./secret-formats";

/** Values that configure rather than authenticate, whatever the name says. */
const trivial = (value: string) => value.trim() === "" || /^(true|false|yes|no|on|off|none|null|-)$/i.test(value.trim()) || value.startsWith("arn:");

/** A function's environment variables as `[name, value]`, values read raw (a Pulumi secret's plain value; unknown ones left out). */
function variables(fn: PolicyResource): [string, string][] {
    const map = property(fn.props, "environment", "variables");
    if (map === unknown || map === null || typeof map !== "object") {
        return [];
    }
    return Object.keys(map).flatMap((name) => {
        const value = plain(rawProperty(map, name));
        return typeof value === "string" ? [[name, value] as [string, string]] : [];
    });
}

/**
 * Strings the function's environment took from other resources' outputs (a table's name, a queue's URL):
 * the engine's property dependencies of `environment` name those resources, and their known values are
 * matched (equal, or inside an interpolation). At preview such values are unknown and skipped anyway.
 */
function fromOutputs(fn: PolicyResource): (value: string) => boolean {
    const outputs = new Set(dependenciesOf(fn, "environment").flatMap((d) => knownStrings(d.props)));
    return (value) => outputs.has(value) || [...outputs].some((output) => output.length >= 8 && value.includes(output));
}

const fix =
    "Keep the credential in AWS Secrets Manager or SSM Parameter Store (SecureString), pass its ARN or parameter name instead " +
    "(e.g. DB_PASSWORD_SECRET_ARN), grant the role secretsmanager:GetSecretValue or ssm:GetParameter on it, and read it at run " +
    "time (the AWS Parameters and Secrets Lambda Extension caches it).";

/**
 * Beyond serverless-rules (checkov CKV_AWS_45 looks for credentials in Lambda environment variables).
 * A stack policy: only the stack's property dependencies tell a value taken from another resource's
 * output from a literal. A value in a credential format is flagged wherever it comes from.
 */
export const lambdaNoPlaintextSecrets: PackPolicy = {
    appliesToStackOf: [resourceTypes.lambdaFunction, resourceTypes.nativeLambdaFunction],
    name: "lambda-no-plaintext-secrets",
    description: "Lambda environment variables should not hold credentials, which anyone who may read the function's configuration sees in plain text.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        for (const fn of args.resources.filter((r) => lambdaFunctionTypes.includes(r.type))) {
            const derived = fromOutputs(fn);
            for (const [name, value] of variables(fn)) {
                const format = credentialFormat(value);
                const says = format === undefined && !trivial(value) && !derived(value) ? credentialName(name) : undefined;
                if (format === undefined && says === undefined) {
                    continue;
                }
                const found = format
                    ? `holds ${format.what} (${format.shown})`
                    : `has a name that says ${says} and holds a literal value (${value.length} characters)`;
                reportViolation(
                    `Lambda function "${fn.name}": environment variable ${name} ${found}. Lambda shows environment variables in plain ` +
                        `text to anyone who may read the function's configuration (a Pulumi secret too: it is encrypted in the state only). ${fix}`,
                    fn.urn,
                );
            }
        }
    },
};
