import { GetAccountSettingsCommand, GetFunctionConcurrencyCommand, LambdaClient, ListProvisionedConcurrencyConfigsCommand } from "@aws-sdk/client-lambda";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { namePrefix, stackTagKey } from "./naming";
import { providerClientConfig } from "./provider-credentials";
import { routes } from "./routes";
import { parseSettings, Settings, SettingsInput } from "./settings";
import { configKey } from "./stack-config";

/**
 * Checks a stack's settings against the account it deploys to, before any resource is created: what the
 * schema cannot know (who deploys, and the account's Lambda concurrency).
 */

/** The account ID AWS's documentation uses in examples, and so the one example ARNs carry. */
export const exampleAccountId = "123456789012";

/** Lambda keeps this much of an account's concurrency unreserved, whatever functions reserve or provision. */
export const minimumUnreservedConcurrency = 100;

/** Service Quotas' code for Lambda's "Concurrent executions" quota. */
export const concurrencyQuotaCode = "L-B99A9384";

/** Hosts reserved for documentation and tests (RFC 2606, RFC 6761): no real web app is served from them. */
const exampleHost = /(^|\.)(example\.(com|net|org)|example|test|invalid)$/i;

/** The settings a check reads, resolved. */
export type CheckedSettings = Pick<
    Settings,
    "alarmTopicArn" | "corsAllowOrigins" | "reservedConcurrency" | "provisionedConcurrency" | "jwtIssuer" | "jwtAudiences" | "customDomain"
>;

const accountOf = (arn: unknown) => (typeof arn === "string" ? arn.split(":")[4] : undefined);

/** The entries of a list setting known now: those other resources make are theirs, never placeholders. */
const knownEntries = (list: unknown): string[] => (Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === "string") : []);

/**
 * Values that are the examples this repository ships rather than the user's own: an alarm topic or a
 * certificate in AWS's example account, origins and domains on example domains, and identifiers AWS's
 * documentation marks with EXAMPLE. `pulumi up` refuses to deploy them; a preview warns. Each is one
 * sentence naming the stack config key.
 */
export function placeholders(settings: CheckedSettings): string[] {
    const found: string[] = [];
    if (accountOf(settings.alarmTopicArn) === exampleAccountId) {
        found.push(
            `${configKey("alarmTopicArn")} ${settings.alarmTopicArn} is in AWS's example account ${exampleAccountId}, a placeholder: alarms would notify no one; set your own topic's ARN`,
        );
    }
    for (const origin of knownEntries(settings.corsAllowOrigins)) {
        if (origin !== "*" && exampleHost.test(new URL(origin).hostname)) {
            found.push(`${configKey("corsAllowOrigins")} has ${origin}, an example domain: browsers of your app's real origins would be refused; set your app's origins`);
        }
    }
    // AWS's documentation marks example identifiers with EXAMPLE (eu-west-1_EXAMPLE, 1example23456789...).
    const issuer = settings.jwtIssuer;
    if (typeof issuer === "string" && (/EXAMPLE/.test(issuer) || exampleHost.test(new URL(issuer).hostname))) {
        found.push(
            `${configKey("jwtIssuer")} ${issuer} is an example issuer, a placeholder: API Gateway could not read its keys and would refuse every write; set your user pool's issuer`,
        );
    }
    for (const audience of knownEntries(settings.jwtAudiences)) {
        if (/example/i.test(audience)) {
            found.push(`${configKey("jwtAudiences")} has ${audience}, an example: your app client's tokens would be refused; set your app client ids`);
        }
    }
    const domain = settings.customDomain;
    if (domain && exampleHost.test(domain.domainName)) {
        found.push(`${configKey("customDomain.domainName")} ${domain.domainName} is an example domain: no client could resolve it; set your API's domain`);
    }
    if (domain && accountOf(domain.certificateArn) === exampleAccountId) {
        found.push(
            `${configKey("customDomain.certificateArn")} ${domain.certificateArn} is in AWS's example account ${exampleAccountId}, a placeholder: set your certificate's ARN`,
        );
    }
    if (typeof domain?.hostedZoneId === "string" && /EXAMPLE/.test(domain.hostedZoneId)) {
        found.push(`${configKey("customDomain.hostedZoneId")} ${domain.hostedZoneId} is an example, a placeholder: set your hosted zone's id`);
    }
    return found;
}

/** Values that may be right but deserve a look: an alarm topic in an account other than the deploying one. */
export function advisories(settings: CheckedSettings, deployingAccountId: string): string[] {
    const topicAccount = accountOf(settings.alarmTopicArn);
    if (topicAccount === undefined || topicAccount === exampleAccountId || topicAccount === deployingAccountId) return [];
    return [
        `${configKey("alarmTopicArn")} ${settings.alarmTopicArn} is in account ${topicAccount}, not the deploying account ${deployingAccountId}: CloudWatch can only notify it if its topic policy allows this account; if it is an example, set your own topic's ARN`,
    ];
}

/** Why `pulumi up` stops when the settings still hold placeholders. */
export function placeholderFailure(stack: string, found: string[]): string {
    return `Pulumi.${stack}.yaml still has example values, which pulumi up would deploy as they are (pulumi preview only warns):\n  ${found.join("\n  ")}`;
}

/** What the settings take from the account's unreserved concurrency. */
export interface ConcurrencyNeed {
    reserved: number;
    provisionedOutsideReservations: number;
}

/**
 * Every route's reserved concurrency, plus the provisioned concurrency of routes without a reservation
 * (it comes out of the unreserved pool), and the account limit that needs when nothing else in the account
 * reserves any: that, plus the 100 Lambda keeps unreserved.
 */
export function requiredAccountConcurrency(settings: CheckedSettings): ConcurrencyNeed & { required: number } {
    let reserved = 0;
    let provisionedOutsideReservations = 0;
    for (const route of routes) {
        const routeReserved = settings.reservedConcurrency?.[route.name];
        if (routeReserved !== undefined) reserved += routeReserved;
        else provisionedOutsideReservations += settings.provisionedConcurrency?.[route.name] ?? 0;
    }
    return { reserved, provisionedOutsideReservations, required: reserved + provisionedOutsideReservations + minimumUnreservedConcurrency };
}

/** What Lambda's `GetAccountSettings` says of the account's concurrency in the region. */
export interface AccountConcurrency {
    /** `AccountLimit.ConcurrentExecutions`: the limit Lambda enforces, not the quota's default. */
    limit: number;
    /** `AccountLimit.UnreservedConcurrentExecutions`: what no function reserves or provisions outside a reservation. */
    unreserved: number;
}

/**
 * Why the settings cannot fit the account, or undefined when they can. What the stack's own functions hold
 * now (`held`) comes back to the pool when they take their new values, so an update is not counted twice.
 */
export function concurrencyProblem(settings: CheckedSettings, account: AccountConcurrency, held: ConcurrencyNeed = { reserved: 0, provisionedOutsideReservations: 0 }): string | undefined {
    const { reserved, provisionedOutsideReservations } = requiredAccountConcurrency(settings);
    const heldTotal = held.reserved + held.provisionedOutsideReservations;
    const others = Math.max(0, account.limit - account.unreserved - heldTotal);
    const required = reserved + provisionedOutsideReservations + minimumUnreservedConcurrency + others;
    if (required <= account.limit) return undefined;
    const ownNow = heldTotal > 0 ? ` (${heldTotal} of the rest held by this stack's functions now)` : "";
    return (
        `this stack needs an account Lambda concurrency limit of at least ${required} (reserved ${reserved} + provisioned ${provisionedOutsideReservations} ` +
        `outside reservations + the ${minimumUnreservedConcurrency} Lambda keeps unreserved + ${others} that other functions in the account reserve), ` +
        `and the account's limit is ${account.limit}, ${account.unreserved} of it unreserved${ownNow}: ` +
        `raise it (aws service-quotas request-service-quota-increase --service-code lambda --quota-code ${concurrencyQuotaCode} --desired-value ${required}) ` +
        `or lower ${configKey("reservedConcurrency")} / ${configKey("provisionedConcurrency")}`
    );
}

/** The account's limit and unreserved concurrency, as Lambda reports them. */
export async function readAccountConcurrency(lambda: LambdaClient): Promise<AccountConcurrency> {
    const { AccountLimit } = await lambda.send(new GetAccountSettingsCommand({}));
    const limit = AccountLimit?.ConcurrentExecutions;
    const unreserved = AccountLimit?.UnreservedConcurrentExecutions;
    if (limit === undefined || unreserved === undefined) throw new Error("GetAccountSettings answered without AccountLimit.ConcurrentExecutions");
    return { limit, unreserved };
}

/** What the given functions reserve now, and what their versions and aliases provision outside a reservation. */
export async function readHeldConcurrency(lambda: LambdaClient, functionArns: string[]): Promise<ConcurrencyNeed> {
    const held = { reserved: 0, provisionedOutsideReservations: 0 };
    for (const FunctionName of functionArns) {
        const { ReservedConcurrentExecutions } = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName }));
        if (ReservedConcurrentExecutions !== undefined) {
            held.reserved += ReservedConcurrentExecutions;
            continue;
        }
        let Marker: string | undefined;
        do {
            const page = await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName, Marker }));
            for (const config of page.ProvisionedConcurrencyConfigs ?? []) held.provisionedOutsideReservations += config.RequestedProvisionedConcurrentExecutions ?? 0;
            Marker = page.NextMarker;
        } while (Marker);
    }
    return held;
}

/** The functions of this stack's EventsApi `name`, found by the tag each carries (components/naming.ts). */
async function stackFunctionArns(name: string): Promise<string[]> {
    const { resourceTagMappingLists } = await aws.resourcegroupstaggingapi.getResources({
        tagFilters: [{ key: stackTagKey, values: [namePrefix(name, pulumi.getStack())] }],
        resourceTypeFilters: ["lambda:function"],
    });
    return resourceTagMappingLists.map((mapping) => mapping.resourceArn);
}

/**
 * Runs the checks against the deploying account, for the EventsApi `name` the program builds with these
 * settings. Placeholders and the concurrency the settings need reject with a RunError when `pulumi up`
 * runs, before the first resource (pass the result to the component's `dependsOn`); a preview only warns
 * about placeholders, so a pull request still previews. The concurrency comes from Lambda itself
 * (`GetAccountSettings`, with the AWS provider's region and credentials), because Service Quotas answers
 * the quota's default (1,000) for accounts whose applied value it cannot read
 * (https://github.com/hashicorp/terraform-provider-aws/issues/19745); a preview warns when it cannot be
 * read, `pulumi up` fails.
 */
export async function checkDeployment(name: string, input: SettingsInput): Promise<pulumi.Resource[]> {
    const { settings } = parseSettings({ ...input }, (path) => path);
    if (!settings) return []; // The component reports invalid settings itself, naming each problem.
    const preview = pulumi.runtime.isDryRun();
    const { accountId } = await aws.getCallerIdentity();
    for (const advisory of advisories(settings, accountId)) await pulumi.log.warn(advisory);
    const found = placeholders(settings);
    if (found.length > 0 && !preview) throw new pulumi.RunError(placeholderFailure(pulumi.getStack(), found));
    for (const placeholder of found) await pulumi.log.warn(placeholder);

    const { required } = requiredAccountConcurrency(settings);
    if (required === minimumUnreservedConcurrency) return [];
    let account: AccountConcurrency;
    let held: ConcurrencyNeed;
    let lambda: LambdaClient | undefined;
    try {
        lambda = new LambdaClient(providerClientConfig(pulumi.runtime.allConfig()));
        account = await readAccountConcurrency(lambda);
        held = await readHeldConcurrency(lambda, await stackFunctionArns(name));
    } catch (error) {
        const reason = (error as Error).message || (error as Error).name;
        const message =
            `could not read the account's Lambda concurrency (${reason}); this stack needs an account limit of at least ${required}, ` +
            `plus what other functions in the account reserve: check with aws lambda get-account-settings`;
        if (preview) {
            await pulumi.log.warn(message);
            return [];
        }
        // Unchecked, pulumi up would stop halfway, at the first reserved or provisioned concurrency that does not fit.
        throw new pulumi.RunError(`${message}, and give the deploy role lambda:GetAccountSettings`);
    } finally {
        lambda?.destroy();
    }
    const problem = concurrencyProblem(settings, account, held);
    if (problem) throw new pulumi.RunError(problem);
    return [];
}
