import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { advisories, checkDeployment, concurrencyProblem, placeholders, requiredAccountConcurrency } from "../../components/deployment-checks";
import { EventsApi } from "../../components/events-api";
import { parseSettings, Settings } from "../../components/settings";
import { settingsFromConfig } from "../../components/stack-config";
import { readStackConfig, RecordingMocks, runProgramUnderMocks, settle } from "../../tools/mock-program";
import { captureConsole } from "../support/console-capture";
import { AccountAnswers, ownProdValues, recorded, recordedAccountConfig, startLambdaAccount } from "./lambda-account";

/** A stack file's settings, resolved as the checks see them. */
function stackSettings(stack: string): Settings {
    const { settings } = parseSettings({ ...settingsFromConfig(readStackConfig(stack)) }, (path) => path);
    assert.ok(settings);
    return settings;
}

const taggingToken = "aws:resourcegroupstaggingapi/getResources:getResources";

/** The recording mocks, with the Resource Groups Tagging API finding `functionArns` under the prod stack's tag. */
class ProdAccount extends RecordingMocks {
    constructor(private readonly functionArns: string[]) {
        super();
    }

    call(args: pulumi.runtime.MockCallArgs) {
        if (args.token === taggingToken) {
            assert.deepStrictEqual(args.inputs, { tagFilters: [{ key: "events-api:stack", values: ["events-api-prod"] }], resourceTypeFilters: ["lambda:function"] });
            return { id: "eu-west-1", region: "eu-west-1", resourceTagMappingLists: this.functionArns.map((resourceArn) => ({ resourceArn, tags: { "events-api:stack": "events-api-prod" } })) };
        }
        return super.call(args);
    }
}

/** The prod stack's functions as an earlier `pulumi up` left them, as the tagging API lists them. */
const deployedProdFunctions = ["list-events", "create-event", "get-event", "delete-event"].map(
    (route, i) => `arn:aws:lambda:eu-west-1:123456789012:function:events-api-prod-${route}-fn-${["9f98469", "48f283a", "0f04601", "c3d1e07"][i]}`,
);

/**
 * Runs the prod stack with its placeholders replaced, as `pulumi up` (or with `preview`, `pulumi preview`)
 * would, against a recorded Lambda account: the checks, then the component that waits for them.
 */
async function deployProd(account: AccountAnswers, options: { preview?: boolean; stackFunctions?: string[] } = {}) {
    const lambda = await startLambdaAccount(account);
    const mocks = new ProdAccount(options.stackFunctions ?? []);
    mocks.install("events-api", "prod", { preview: options.preview });
    const config = { ...readStackConfig("prod"), ...ownProdValues, ...recordedAccountConfig(lambda.endpoint) };
    pulumi.runtime.setAllConfig(config, []);
    const settings = settingsFromConfig(config);
    const capture = captureConsole();
    let error: Error | undefined;
    try {
        await settle(() => new EventsApi("events-api", settings, { dependsOn: checkDeployment("events-api", settings) }).url);
    } catch (thrown) {
        error = thrown as Error;
    } finally {
        capture.restore();
        await lambda.close();
    }
    const awsResources = mocks.resources.filter((r) => r.type.startsWith("aws:"));
    // The topic of the user's own values is in another account than the mocks' 123456789012: an advisory, not a failure.
    const warnings = capture.lines.filter((line) => !line.includes("events-api:alarmTopicArn arn:aws:sns:eu-west-1:444455556666"));
    return { error, warnings, requests: lambda.requests, awsResources };
}

/** The end of a RunError's message (the SDK prefixes each resource's serialization failure it caused). */
function assertRunError(error: Error | undefined, ending: string): void {
    assert.ok(error instanceof pulumi.RunError, `not a RunError: ${error}`);
    assert.ok(error.message.endsWith(ending), `${error.message}\ndoes not end with\n${ending}`);
}

const prodPlaceholders = [
    "events-api:alarmTopicArn arn:aws:sns:eu-west-1:123456789012:events-api-prod-alarms is in AWS's example account 123456789012, a placeholder: alarms would notify no one; set your own topic's ARN",
    "events-api:corsAllowOrigins has https://events.example.com, an example domain: browsers of your app's real origins would be refused; set your app's origins",
    "events-api:corsAllowOrigins has https://admin.events.example.com, an example domain: browsers of your app's real origins would be refused; set your app's origins",
    "events-api:jwtIssuer https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE is an example issuer, a placeholder: API Gateway could not read its keys and would refuse every write; set your user pool's issuer",
    "events-api:jwtAudiences has 1example23456789abcdefghij, an example: your app client's tokens would be refused; set your app client ids",
    "events-api:customDomain.domainName api.events.example.com is an example domain: no client could resolve it; set your API's domain",
    "events-api:customDomain.certificateArn arn:aws:acm:eu-west-1:123456789012:certificate/0f8fad5b-d9cb-469f-a165-70867728950e is in AWS's example account 123456789012, a placeholder: set your certificate's ARN",
    "events-api:customDomain.hostedZoneId Z0123456789EXAMPLE is an example, a placeholder: set your hosted zone's id",
];

describe("deployment checks", function () {
    this.timeout(60_000);

    describe("placeholders", () => {
        it("finds prod's example alarm topic, origins, issuer, audience, domain, certificate and zone", () => {
            assert.deepStrictEqual(placeholders(stackSettings("prod")), prodPlaceholders);
            assert.deepStrictEqual(placeholders(stackSettings("dev")), []);
        });

        it("finds nothing in the user's own values, and advises about a topic in another account than the deploying one", () => {
            const own = { ...stackSettings("prod"), ...parseSettings(settingsFromConfig(ownProdValues), (path) => path).settings };
            assert.deepStrictEqual(placeholders(own), []);
            assert.deepStrictEqual(advisories(own, "444455556666"), []);
            assert.deepStrictEqual(advisories(own, "111122223333"), [
                "events-api:alarmTopicArn arn:aws:sns:eu-west-1:444455556666:events-api-prod-alarms is in account 444455556666, not the deploying account 111122223333: CloudWatch can only notify it if its topic policy allows this account; if it is an example, set your own topic's ARN",
            ]);
            assert.deepStrictEqual(placeholders({ corsAllowOrigins: ["https://api.test", "https://notexample.com"] }).length, 1);
            const issuer = { corsAllowOrigins: ["*"], jwtIssuer: "https://login.example.com/", jwtAudiences: ["4bq2kbfn1h3kd7e9"] };
            assert.deepStrictEqual(placeholders(issuer).length, 1);
        });

        it("warn in a preview of the committed prod stack, so a pull request still previews, and nothing for dev", async () => {
            const capture = captureConsole();
            try {
                await runProgramUnderMocks("index.ts", { stack: "dev" });
                assert.deepStrictEqual(capture.lines, []);
                await runProgramUnderMocks("index.ts", { stack: "prod", preview: true });
            } finally {
                capture.restore();
            }
            assert.deepStrictEqual(capture.lines.slice(0, prodPlaceholders.length), prodPlaceholders.map((line) => `warning: [runtime] ${line}`));
        });

        it("fail pulumi up of the committed prod stack, naming each one, before any resource is registered", async () => {
            const mocks = new RecordingMocks();
            mocks.install("events-api", "prod");
            pulumi.runtime.setAllConfig(readStackConfig("prod"), []);
            const settings = settingsFromConfig(readStackConfig("prod"));
            let error: Error | undefined;
            await settle(() => new EventsApi("events-api", settings, { dependsOn: checkDeployment("events-api", settings) }).url).catch((thrown: Error) => (error = thrown));
            assertRunError(
                error,
                `Pulumi.prod.yaml still has example values, which pulumi up would deploy as they are (pulumi preview only warns):\n  ${prodPlaceholders.join("\n  ")}`,
            );
            assert.deepStrictEqual(mocks.resources.map((r) => r.type), []);
        });
    });

    describe("the account's Lambda concurrency", () => {
        it("needs prod's 50 reserved, 2 + 2 provisioned outside reservations and Lambda's 100 unreserved: 154", () => {
            assert.deepStrictEqual(requiredAccountConcurrency(stackSettings("prod")), { reserved: 50, provisionedOutsideReservations: 4, required: 154 });
            assert.deepStrictEqual(requiredAccountConcurrency(stackSettings("dev")), { reserved: 0, provisionedOutsideReservations: 0, required: 100 });
            // Provisioned concurrency on a route with a reservation comes out of that reservation.
            const both = { corsAllowOrigins: ["*"], reservedConcurrency: { "get-event": 10 }, provisionedConcurrency: { "get-event": 5 } };
            assert.strictEqual(requiredAccountConcurrency(both).required, 110);
        });

        it("counts what other functions reserve, and gives back what this stack's own functions hold", () => {
            const prod = stackSettings("prod");
            assert.strictEqual(concurrencyProblem(prod, { limit: 154, unreserved: 154 }), undefined);
            // 46 reserved elsewhere: 154 + 46 = 200 fits a limit of 200, not one of 199.
            assert.strictEqual(concurrencyProblem(prod, { limit: 200, unreserved: 154 }), undefined);
            assert.match(concurrencyProblem(prod, { limit: 199, unreserved: 153 }) ?? "", /at least 200 .* \+ 46 that other functions in the account reserve\), and the account's limit is 199, 153 of it unreserved:/);
            // The same account after this stack's last deploy took 54 of it: nothing is reserved elsewhere.
            assert.strictEqual(concurrencyProblem(prod, { limit: 200, unreserved: 146 }, { reserved: 50, provisionedOutsideReservations: 4 }), undefined);
        });

        it("fails pulumi up on a new account at 10 with the limit needed, the account's limit and unreserved, and the increase command", async () => {
            const { error, requests, awsResources } = await deployProd({ accountSettings: recorded.accountAt10 });
            assertRunError(
                error,
                "this stack needs an account Lambda concurrency limit of at least 154 (reserved 50 + provisioned 4 outside reservations + the 100 Lambda keeps unreserved + 0 that other functions in the account reserve), " +
                    "and the account's limit is 10, 10 of it unreserved: " +
                    "raise it (aws service-quotas request-service-quota-increase --service-code lambda --quota-code L-B99A9384 --desired-value 154) " +
                    "or lower events-api:reservedConcurrency / events-api:provisionedConcurrency",
            );
            assert.deepStrictEqual(requests, ["GET /2016-08-19/account-settings"]);
            assert.deepStrictEqual(awsResources, [], "no resource may be registered before the check passes");
        });

        it("lets pulumi up deploy on an account at 1,000", async () => {
            const { error, warnings, requests, awsResources } = await deployProd({ accountSettings: recorded.accountAt1000 });
            assert.strictEqual(error, undefined);
            assert.deepStrictEqual(warnings, []);
            assert.deepStrictEqual(requests, ["GET /2016-08-19/account-settings"]);
            assert.ok(awsResources.length > 40);
        });

        it("fails pulumi up when Lambda denies GetAccountSettings, and only warns in a preview", async () => {
            const denied = await deployProd({ accountSettings: recorded.accessDenied });
            const reason =
                "could not read the account's Lambda concurrency (User: arn:aws:sts::123456789012:assumed-role/github-deploy-events-api-prod/GitHubActions is not authorized to perform: lambda:GetAccountSettings on resource: * because no identity-based policy allows the lambda:GetAccountSettings action); " +
                "this stack needs an account limit of at least 154, plus what other functions in the account reserve: check with aws lambda get-account-settings";
            assertRunError(denied.error, `${reason}, and give the deploy role lambda:GetAccountSettings`);
            assert.deepStrictEqual(denied.awsResources, []);

            const preview = await deployProd({ accountSettings: recorded.accessDenied }, { preview: true });
            assert.strictEqual(preview.error, undefined);
            assert.deepStrictEqual(preview.warnings, [`warning: [runtime] ${reason}`]);
            assert.ok(preview.awsResources.length > 40);
        });

        it("does not count an update twice: what the stack's own functions hold now comes back to the pool", async () => {
            // Limit 200, 146 unreserved: this stack holds 50 + 2 + 2 of it from its last deploy, nothing else reserves.
            const account: AccountAnswers = {
                accountSettings: recorded.accountAt200HoldingProd,
                concurrency: (fn) => (fn.includes("-create-event-") ? recorded.reserved50 : recorded.notReserved),
                provisioned: (fn) => (/-(list|get)-events?-/.test(fn) ? recorded.provisioned2 : recorded.notProvisioned),
            };
            const update = await deployProd(account, { stackFunctions: deployedProdFunctions });
            assert.strictEqual(update.error, undefined);
            const path = (arn: string) => `/2019-09-30/functions/${encodeURIComponent(arn)}`;
            assert.deepStrictEqual(update.requests, [
                "GET /2016-08-19/account-settings",
                `GET ${path(deployedProdFunctions[0])}/concurrency`,
                `GET ${path(deployedProdFunctions[0])}/provisioned-concurrency?List=ALL`,
                `GET ${path(deployedProdFunctions[1])}/concurrency`,
                `GET ${path(deployedProdFunctions[2])}/concurrency`,
                `GET ${path(deployedProdFunctions[2])}/provisioned-concurrency?List=ALL`,
                `GET ${path(deployedProdFunctions[3])}/concurrency`,
                `GET ${path(deployedProdFunctions[3])}/provisioned-concurrency?List=ALL`,
            ]);
            // Without its own functions found, the same account looks 54 short.
            const countedTwice = await deployProd(account);
            assert.match(countedTwice.error?.message ?? "", /at least 208 \(.* \+ 54 that other functions in the account reserve\), and the account's limit is 200, 146 of it unreserved:/);
        });
    });
});
