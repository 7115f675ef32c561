import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { resourceTypes } from "../policies/resource-types";
import { resource, verdictsOf } from "./harness";
import { declared, findings, fn, nativeFn } from "./stack-fixtures";

const secretsPolicy = "lambda-no-plaintext-secrets";
const secretsFix =
    "Lambda shows environment variables in plain text to anyone who may read the function's configuration (a Pulumi secret too: it is encrypted in the " +
    "state only). Keep the credential in AWS Secrets Manager or SSM Parameter Store (SecureString), pass its ARN or parameter name instead (e.g. " +
    "DB_PASSWORD_SECRET_ARN), grant the role secretsmanager:GetSecretValue or ssm:GetParameter on it, and read it at run time (the AWS Parameters and " +
    "Secrets Lambda Extension caches it).";
const env = (variables: Record<string, unknown>) => ({ environment: { variables } });

// Credentials in formats their issuers use, made up for the test (AWS's documented example key ID among them).
const awsKeyId = "AKIAIOSFODNN7EXAMPLE";
const githubToken = `ghp_${"a1B2c3D4e5".repeat(3)}123456`;
const stripeKey = `sk_live_${"4eC39HqLyjWDarjtT1zdp7dc".slice(0, 24)}`;
const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7example\n-----END RSA PRIVATE KEY-----";

describe("lambda-no-plaintext-secrets, through the pack's stack analysis", function () {
    this.timeout(60_000);

    it("passes references and settings: outputs of other resources, ARNs, and names such as *_ARN, *_NAME, *_TTL_*", async () => {
        const declare = () => {
            const table = declared(resourceTypes.dynamodbTable, "events", { pointInTimeRecovery: { enabled: true } });
            const password = declared("random:index/randomPassword:RandomPassword", "db-password", { length: 32, result: "Zq8-generated-by-random-Xw2" }, ["result"]);
            return fn("api", env({
                TABLE_NAME: table.name,
                DB_PASSWORD: password.result,
                LIST_INDEX_NAME: "by-created",
                DB_PASSWORD_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf",
                API_KEY_NAME: "orders-api-key",
                TOKEN_TTL_SECONDS: "3600",
                SESSION_TOKEN_ENABLED: "true",
            }));
        };
        for (const preview of [true, false]) {
            assert.deepStrictEqual(await verdictsOf(declare, { policy: secretsPolicy, preview }), []);
        }
    });

    it("flags a literal under a name that says password, secret, token or api key, a Pulumi secret included, without printing the value", async () => {
        const values = { DB_PASSWORD: "hunter2-hunter2", jwtSecret: "correct horse battery staple", SLACK_BOT_TOKEN: "not-a-real-token-1234", PAYMENTS_API_KEY: "pk-test-123456" };
        const verdicts = await verdictsOf(() => fn("api", env({ ...values, jwtSecret: pulumi.secret(values.jwtSecret) })), { policy: secretsPolicy });
        assert.deepStrictEqual(findings(verdicts), [
            ["advisory", "api", `Lambda function "api": environment variable DB_PASSWORD has a name that says password and holds a literal value (15 characters). ${secretsFix}`],
            ["advisory", "api", `Lambda function "api": environment variable jwtSecret has a name that says secret and holds a literal value (28 characters). ${secretsFix}`],
            ["advisory", "api", `Lambda function "api": environment variable PAYMENTS_API_KEY has a name that says api key and holds a literal value (14 characters). ${secretsFix}`],
            ["advisory", "api", `Lambda function "api": environment variable SLACK_BOT_TOKEN has a name that says token and holds a literal value (21 characters). ${secretsFix}`],
        ]);
        for (const value of Object.values(values)) {
            assert.ok(!verdicts.some(([, , , message]) => message.includes(value)), value);
        }
    });

    it("flags a value in a credential format whatever its name (an AWS access key ID, a GitHub token, a Stripe key, a PEM key, a URL with a password), aws-native too", async () => {
        const verdicts = await verdictsOf(
            () => [
                fn("api", env({ AWS_ACCESS_KEY_ID: awsKeyId, GH: githubToken, PAYMENTS: stripeKey, SIGNING_KEY_PEM: pem, DATABASE_URL: "postgres://app:s3cretpw@db.internal:5432/app" })),
                nativeFn("native", env({ UPSTREAM: awsKeyId })),
            ],
            { policy: secretsPolicy },
        );
        const holds = (fnName: string, name: string, what: string) => `Lambda function "${fnName}": environment variable ${name} holds ${what}. ${secretsFix}`;
        assert.deepStrictEqual(findings(verdicts), [
            ["advisory", "api", holds("api", "AWS_ACCESS_KEY_ID", "an AWS access key ID (AKIA…)")],
            ["advisory", "api", holds("api", "DATABASE_URL", "a URL with a password in it (postgres://app:…@db.internal:5432)")],
            ["advisory", "api", holds("api", "GH", "a GitHub token (ghp_…)")],
            ["advisory", "api", holds("api", "PAYMENTS", "a Stripe key (sk_live_…)")],
            ["advisory", "api", holds("api", "SIGNING_KEY_PEM", "a PEM private key (-----BEGIN RSA PRIVATE KEY-----)")],
            ["advisory", "native", holds("native", "UPSTREAM", "an AWS access key ID (AKIA…)")],
        ]);
        for (const secret of [awsKeyId, githubToken, stripeKey, "s3cretpw", "MIIEowIBAAKCAQEA7example"]) {
            assert.ok(!verdicts.some(([, , , message]) => message.includes(secret)), secret);
        }
    });
});

const urlPolicy = "lambda-function-url-auth";
const urlMessage = (name: string, key: string) =>
    `Lambda function URL "${name}": ${key} is "NONE", so anyone who finds the URL can invoke the function (and run up its bill). Set ${key} to "AWS_IAM" ` +
    "(callers sign requests with SigV4; CloudFront with origin access control can sign them). If it must be public, state why with an exemption: " +
    `{"policy-exemptions": {"exemptions": [{"policy": "lambda-function-url-auth", "resources": ["${name}"], "reason": "<why>"}]}} in the pack config.`;

describe("lambda-function-url-auth, through the pack's analyzer", function () {
    this.timeout(60_000);

    const urls = () => {
        const handler = fn("handler");
        return [
            resource(resourceTypes.functionUrl, "signed", { functionName: handler.name, authorizationType: "AWS_IAM" }),
            resource(resourceTypes.functionUrl, "public", { functionName: handler.name, authorizationType: "NONE" }),
            resource(resourceTypes.nativeFunctionUrl, "native-public", { targetFunctionArn: handler.arn, authType: "NONE" }),
        ];
    };

    it("passes AWS_IAM and flags NONE on both providers", async () => {
        assert.deepStrictEqual(findings(await verdictsOf(urls, { policy: urlPolicy })), [
            ["advisory", "native-public", urlMessage("native-public", "authType")],
            ["advisory", "public", urlMessage("public", "authorizationType")],
        ]);
    });

    it("takes a stated reason as an exemption, reported on every preview", async () => {
        const config = { "policy-exemptions": { exemptions: [{ policy: urlPolicy, resources: ["public"], reason: "Stripe webhook: the handler verifies Stripe's signature" }] } };
        const verdicts = await verdictsOf(urls, { config });
        assert.deepStrictEqual(
            verdicts.filter(([, policy]) => policy === urlPolicy || policy === "policy-exemptions").map((row) => row.slice(0, 3)),
            [
                ["advisory", urlPolicy, "native-public"],
                ["advisory", "policy-exemptions", "public"],
            ],
        );
    });
});
