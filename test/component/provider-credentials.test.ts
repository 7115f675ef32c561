import * as assert from "assert";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as path from "path";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { readAccountConcurrency } from "../../components/deployment-checks";
import { durationSeconds, providerClientConfig } from "../../components/provider-credentials";
import { recorded, startLambdaAccount } from "./lambda-account";

/**
 * STS's AssumeRole answer: the example response of the AWS STS API Reference (AssumeRole), its Expiration
 * moved into the future so the SDK uses the credentials instead of asking again.
 */
const assumeRoleXml = fs.readFileSync(path.join(__dirname, "fixtures", "sts-assume-role.xml"), "utf8");

/** A local STS (query protocol, XML answers) that records each request's form parameters. */
async function startSts(): Promise<{ endpoint: string; calls: URLSearchParams[]; close(): Promise<void> }> {
    const calls: URLSearchParams[] = [];
    const server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (chunk) => (body += chunk));
        req.on("end", () => {
            calls.push(new URLSearchParams(body));
            res.writeHead(200, { "content-type": "text/xml" }).end(assumeRoleXml);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        calls,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}

describe("the AWS provider's config, as the concurrency check's Lambda client reads it", () => {
    it("takes the region, the Lambda endpoint, the retries and the FIPS and dual-stack flags from aws: config", () => {
        const config = providerClientConfig({
            "aws:region": "eu-central-1",
            "aws:endpoints": JSON.stringify([{ dynamodb: "http://localhost:8000" }, { lambda: "http://localhost:9001" }]),
            "aws:maxRetries": "5",
            "aws:useFipsEndpoint": "true",
            "aws:useDualstackEndpoint": "false",
            "aws:accessKey": "AKIAIOSFODNN7EXAMPLE",
            "aws:secretKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws:token": "session",
        });
        assert.deepStrictEqual(config, {
            region: "eu-central-1",
            endpoint: "http://localhost:9001",
            // The provider counts retries, the SDK attempts.
            maxAttempts: 6,
            useFipsEndpoint: true,
            useDualstackEndpoint: false,
            credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", sessionToken: "session" },
        });
    });

    it("assumes each of aws:assumeRoles in turn through STS, and signs Lambda's requests with the last role's credentials", async () => {
        const sts = await startSts();
        const lambdaAccount = await startLambdaAccount({ accountSettings: recorded.accountAt1000 });
        const signatures: string[] = [];
        const lambda = new LambdaClient(
            providerClientConfig({
                "aws:region": "eu-west-1",
                "aws:accessKey": "AKIAIOSFODNN7EXAMPLE",
                "aws:secretKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "aws:endpoints": JSON.stringify([{ lambda: lambdaAccount.endpoint, sts: sts.endpoint }]),
                "aws:assumeRoles": JSON.stringify([
                    { roleArn: "arn:aws:iam::111122223333:role/org-access", sessionName: "pulumi", externalId: "acme" },
                    { roleArn: "arn:aws:iam::444455556666:role/deploy", duration: "15m" },
                ]),
            }),
        );
        lambda.middlewareStack.add((next) => async (args) => {
            signatures.push(String((args.request as { headers: Record<string, string> }).headers.authorization));
            return next(args);
        }, { step: "finalizeRequest", priority: "low" });
        try {
            assert.deepStrictEqual(await readAccountConcurrency(lambda), { limit: 1000, unreserved: 1000 });
        } finally {
            lambda.destroy();
            await sts.close();
            await lambdaAccount.close();
        }
        const calls = sts.calls.map((call) => ({ action: call.get("Action"), role: call.get("RoleArn"), session: call.get("RoleSessionName"), externalId: call.get("ExternalId"), duration: call.get("DurationSeconds") }));
        assert.deepStrictEqual(
            calls.map(({ action, role, externalId, duration }) => ({ action, role, externalId, duration })),
            [
                { action: "AssumeRole", role: "arn:aws:iam::111122223333:role/org-access", externalId: "acme", duration: null },
                { action: "AssumeRole", role: "arn:aws:iam::444455556666:role/deploy", externalId: null, duration: "900" },
            ],
        );
        assert.strictEqual(calls[0].session, "pulumi");
        assert.match(signatures[0], /Credential=ASIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/lambda\/aws4_request/);
    });

    it("refuses provider settings that would reach AWS another way, rather than ask another account", () => {
        assert.throws(() => providerClientConfig({ "aws:assumeRoleWithWebIdentity": JSON.stringify({ roleArn: "arn:aws:iam::1:role/x" }) }), {
            message: "aws:assumeRoleWithWebIdentity is set, and the concurrency check cannot reach AWS the way the provider then does: run it without aws:assumeRoleWithWebIdentity, or check by hand",
        });
        assert.throws(() => providerClientConfig({ "aws:httpsProxy": "http://proxy:3128" }), /aws:httpsProxy is set/);
        assert.throws(() => providerClientConfig({ "aws:accessKey": "AKIAIOSFODNN7EXAMPLE" }), { message: "aws:accessKey and aws:secretKey must be set together" });
        assert.throws(() => providerClientConfig({ "aws:sharedCredentialsFiles": JSON.stringify(["/a", "/b"]) }), {
            message: "aws:sharedCredentialsFiles lists 2 files; the concurrency check reads one: list the one that has the profile",
        });
        assert.throws(() => providerClientConfig({ "aws:assumeRoles": JSON.stringify([{ sessionName: "x" }]) }), /aws:assumeRoles has an entry without roleArn/);
    });

    it("reads the provider's durations: 1h, 15m, 900s, 1h30m", () => {
        assert.deepStrictEqual(["1h", "15m", "900s", "1h30m"].map(durationSeconds), [3600, 900, 900, 5400]);
        assert.throws(() => durationSeconds("15 minutes"), { message: 'aws:assumeRoles duration must be like 1h, 15m or 900s; got "15 minutes"' });
    });
});
