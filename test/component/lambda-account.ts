import * as http from "http";
import { AddressInfo } from "net";
import responses from "./fixtures/lambda-responses.json";

/** One recorded answer of Lambda's REST API: status, error type header for errors, JSON body. */
export interface RecordedAnswer {
    status: number;
    errorType?: string;
    body: unknown;
}

export const recorded = responses as unknown as Record<Exclude<keyof typeof responses, "//">, RecordedAnswer>;

/** What an account answers: account settings, and each function's concurrency by the end of its name. */
export interface AccountAnswers {
    accountSettings: RecordedAnswer;
    concurrency?: (functionName: string) => RecordedAnswer;
    provisioned?: (functionName: string) => RecordedAnswer;
}

/**
 * A local HTTP server answering the AWS SDK's Lambda client with recorded answers, the way Lambda's REST
 * API sends them: point the stack's `aws:endpoints` at `endpoint` and the real client, with its request
 * signing, serializer and error parsing, talks to it. `requests` lists what was asked (method and path).
 */
export async function startLambdaAccount(answers: AccountAnswers): Promise<{ endpoint: string; requests: string[]; close(): Promise<void> }> {
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
        const url = new URL(req.url ?? "/", "http://localhost");
        requests.push(`${req.method} ${url.pathname}${url.search}`);
        const functionName = decodeURIComponent(/^\/2019-09-30\/functions\/([^/]+)\//.exec(url.pathname)?.[1] ?? "");
        let answer: RecordedAnswer | undefined;
        if (req.method === "GET" && url.pathname === "/2016-08-19/account-settings") answer = answers.accountSettings;
        else if (req.method === "GET" && url.pathname.endsWith("/concurrency")) answer = answers.concurrency?.(functionName);
        else if (req.method === "GET" && url.pathname.endsWith("/provisioned-concurrency") && url.searchParams.get("List") === "ALL") answer = answers.provisioned?.(functionName);
        answer ??= { status: 404, errorType: "ResourceNotFoundException", body: { Type: "User", Message: `Function not found: ${functionName}` } };
        const headers: Record<string, string> = { "content-type": "application/json", "x-amzn-requestid": "0f8fad5b-d9cb-469f-a165-70867728950e" };
        if (answer.errorType) headers["x-amzn-errortype"] = answer.errorType;
        req.resume();
        req.on("end", () => res.writeHead(answer.status, headers).end(JSON.stringify(answer.body)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        endpoint: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}

/**
 * The stack config that points the AWS SDK at the recorded account the way a user points the AWS
 * provider at an endpoint (`aws:endpoints`), with static keys so no credential chain runs.
 */
export function recordedAccountConfig(endpoint: string): Record<string, string> {
    return {
        "aws:endpoints": JSON.stringify([{ lambda: endpoint }]),
        "aws:accessKey": "AKIAIOSFODNN7EXAMPLE",
        "aws:secretKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    };
}

/**
 * Pulumi.prod.yaml with its placeholders replaced by a user's own values (a topic, origins, a user pool,
 * a domain and its certificate): what `pulumi up --stack prod` deploys once they are set.
 */
export const ownProdValues: Record<string, string> = {
    "events-api:alarmTopicArn": "arn:aws:sns:eu-west-1:444455556666:events-api-prod-alarms",
    "events-api:corsAllowOrigins": JSON.stringify(["https://events.acme.io", "https://admin.events.acme.io"]),
    "events-api:jwtIssuer": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
    "events-api:jwtAudiences": JSON.stringify(["4bq2kbfn1h3kd7e9r5a2t8c6m"]),
    "events-api:customDomain": JSON.stringify({
        domainName: "api.events.acme.io",
        certificateArn: "arn:aws:acm:eu-west-1:444455556666:certificate/9f1c6a52-7d2e-4b8a-a5e1-3c0b9d8f7e21",
        hostedZoneId: "Z0123456789ABCDEFGHIJ",
    }),
};
