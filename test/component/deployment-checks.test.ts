import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { checkDeployment, concurrencyProblem, placeholderWarnings, requiredAccountConcurrency } from "../../components/deployment-checks";
import { EventsApi } from "../../components/events-api";
import { parseSettings, Settings } from "../../components/settings";
import { settingsFromConfig } from "../../components/stack-config";
import { readStackConfig, RecordingMocks, runProgramUnderMocks, settle } from "../../tools/mock-program";
import { captureConsole } from "../support/console-capture";

/** A stack file's settings, resolved as the checks see them. */
function stackSettings(stack: string): Settings {
    const { settings } = parseSettings({ ...settingsFromConfig(readStackConfig(stack)) }, (path) => path);
    assert.ok(settings);
    return settings;
}

const serviceQuotaToken = "aws:servicequotas/getServiceQuota:getServiceQuota";

/** The recording mocks, answering the Lambda concurrency quota with `limit` (a real account's answer). */
class AccountWithLimit extends RecordingMocks {
    constructor(private readonly limit: number) {
        super();
    }

    call(args: pulumi.runtime.MockCallArgs) {
        if (args.token === serviceQuotaToken) {
            assert.deepStrictEqual(args.inputs, { serviceCode: "lambda", quotaCode: "L-B99A9384" });
            return { serviceCode: "lambda", quotaCode: "L-B99A9384", quotaName: "Concurrent executions", value: this.limit, defaultValue: 1000, adjustable: true };
        }
        return super.call(args);
    }
}

describe("deployment checks", () => {
    describe("placeholders", () => {
        it("warns about prod's example alarm topic and example origins", () => {
            assert.deepStrictEqual(placeholderWarnings(stackSettings("prod"), "444455556666"), [
                "events-api:alarmTopicArn arn:aws:sns:eu-west-1:123456789012:events-api-prod-alarms is in AWS's example account 123456789012, a placeholder: alarms would notify no one; set your own topic's ARN",
                "events-api:corsAllowOrigins has https://events.example.com, an example domain: browsers of your app's real origins would be refused; set your app's origins",
                "events-api:corsAllowOrigins has https://admin.events.example.com, an example domain: browsers of your app's real origins would be refused; set your app's origins",
                "events-api:jwtIssuer https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE is an example issuer, a placeholder: API Gateway could not read its keys and would refuse every write; set your user pool's issuer",
                "events-api:jwtAudiences has 1example23456789abcdefghij, an example: your app client's tokens would be refused; set your app client ids",
            ]);
        });

        it("warns about a topic in another account than the deploying one, and nothing about the user's own values", () => {
            const own = { corsAllowOrigins: ["https://app.acme.io", "http://localhost:5173"] };
            assert.deepStrictEqual(placeholderWarnings({ ...own, alarmTopicArn: "arn:aws:sns:eu-west-1:111122223333:alarms" }, "444455556666"), [
                "events-api:alarmTopicArn arn:aws:sns:eu-west-1:111122223333:alarms is in account 111122223333, not the deploying account 444455556666: CloudWatch can only notify it if its topic policy allows this account; if it is an example, set your own topic's ARN",
            ]);
            assert.deepStrictEqual(placeholderWarnings({ ...own, alarmTopicArn: "arn:aws:sns:eu-west-1:444455556666:alarms" }, "444455556666"), []);
            assert.deepStrictEqual(placeholderWarnings({ corsAllowOrigins: ["*"] }, "444455556666"), []);
            assert.deepStrictEqual(placeholderWarnings({ corsAllowOrigins: ["https://api.test", "https://notexample.com"] }, "1").length, 1);
            const issuer = { corsAllowOrigins: ["*"], jwtIssuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123", jwtAudiences: ["4bq2kbfn1h3kd7e9"] };
            assert.deepStrictEqual(placeholderWarnings(issuer, "444455556666"), []);
            assert.deepStrictEqual(placeholderWarnings({ ...issuer, jwtIssuer: "https://login.example.com/" }, "444455556666").length, 1);
        });

        it("are printed as warnings when the prod stack runs, and not for the dev stack", async () => {
            const capture = captureConsole();
            try {
                await runProgramUnderMocks("index.ts", { stack: "dev" });
                assert.deepStrictEqual(capture.lines, []);
                await runProgramUnderMocks("index.ts", { stack: "prod" });
            } finally {
                capture.restore();
            }
            // Under these mocks the deploying account is 123456789012 itself: the example account is still named.
            assert.deepStrictEqual(
                // The mocks answer no Service Quotas invoke: the check says so and what the stack needs.
                capture.lines,
                [
                    "warning: [runtime] events-api:alarmTopicArn arn:aws:sns:eu-west-1:123456789012:events-api-prod-alarms is in AWS's example account 123456789012, a placeholder: alarms would notify no one; set your own topic's ARN",
                    "warning: [runtime] events-api:corsAllowOrigins has https://events.example.com, an example domain: browsers of your app's real origins would be refused; set your app's origins",
                    "warning: [runtime] events-api:corsAllowOrigins has https://admin.events.example.com, an example domain: browsers of your app's real origins would be refused; set your app's origins",
                    "warning: [runtime] events-api:jwtIssuer https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE is an example issuer, a placeholder: API Gateway could not read its keys and would refuse every write; set your user pool's issuer",
                    "warning: [runtime] events-api:jwtAudiences has 1example23456789abcdefghij, an example: your app client's tokens would be refused; set your app client ids",
                    "warning: [runtime] could not read the account's Lambda concurrency limit; this stack needs at least 154: check with aws lambda get-account-settings",
                ],
            );
        });
    });

    describe("the account's Lambda concurrency limit", () => {
        it("needs prod's 50 reserved, 2 + 2 provisioned outside reservations and Lambda's 100 unreserved: 154", () => {
            assert.deepStrictEqual(requiredAccountConcurrency(stackSettings("prod")), { reserved: 50, provisionedOutsideReservations: 4, required: 154 });
            assert.deepStrictEqual(requiredAccountConcurrency(stackSettings("dev")), { reserved: 0, provisionedOutsideReservations: 0, required: 100 });
            // Provisioned concurrency on a route with a reservation comes out of that reservation.
            const both = { corsAllowOrigins: ["*"], reservedConcurrency: { "get-event": 10 }, provisionedConcurrency: { "get-event": 5 } };
            assert.strictEqual(requiredAccountConcurrency(both).required, 110);
        });

        it("explains a limit too low with the numbers, the command that raises it and the keys that lower the need", () => {
            assert.strictEqual(concurrencyProblem(stackSettings("prod"), 154), undefined);
            assert.strictEqual(
                concurrencyProblem(stackSettings("prod"), 50),
                "this stack needs an account Lambda concurrency limit of at least 154 (reserved 50 + provisioned 4 outside reservations + the 100 Lambda keeps unreserved), and the account's is 50: " +
                    "raise it (aws service-quotas request-service-quota-increase --service-code lambda --quota-code L-B99A9384 --desired-value 154) " +
                    "or lower events-api:reservedConcurrency / events-api:provisionedConcurrency",
            );
        });

        for (const [limit, outcome] of [
            [50, "fails before the component or any of its resources is registered"],
            [1000, "lets the stack deploy"],
        ] as const) {
            it(`with an account limit of ${limit}, ${outcome}`, async () => {
                const mocks = new AccountWithLimit(limit);
                mocks.install("events-api", "prod");
                pulumi.runtime.setAllConfig(readStackConfig("prod"), []);
                const settings = settingsFromConfig(readStackConfig("prod"));
                const capture = captureConsole();
                let deployed: Promise<unknown>;
                try {
                    deployed = settle(() => new EventsApi("events-api", settings, { dependsOn: checkDeployment(settings) }).url);
                    await deployed.catch(() => undefined);
                } finally {
                    capture.restore();
                }
                if (limit === 50) {
                    await assert.rejects(deployed, (error: Error) => error instanceof pulumi.RunError && /at least 154 .* the account's is 50/.test(error.message));
                    assert.deepStrictEqual(mocks.resources.map((r) => r.type), []);
                } else {
                    await deployed;
                    assert.ok(mocks.resources.filter((r) => r.type.startsWith("aws:")).length > 40);
                }
            });
        }
    });
});
