import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { routes } from "./routes";
import { parseSettings, Settings, SettingsInput } from "./settings";
import { configNamespace } from "./stack-config";

/**
 * Checks a stack's settings against the account it deploys to, before any resource is created: what the
 * schema cannot know (who deploys, and the account's Lambda concurrency limit).
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
    "alarmTopicArn" | "corsAllowOrigins" | "reservedConcurrency" | "provisionedConcurrency" | "jwtIssuer" | "jwtAudiences"
>;

/**
 * Values that look like the examples this repository ships rather than the user's own: an alarm topic in
 * AWS's example account or in an account other than the deploying one, and origins on example domains.
 * Each is one sentence naming the stack config key.
 */
export function placeholderWarnings(settings: CheckedSettings, deployingAccountId: string): string[] {
    const warnings: string[] = [];
    const topicAccount = settings.alarmTopicArn?.split(":")[4];
    if (topicAccount === exampleAccountId) {
        warnings.push(
            `${configNamespace}:alarmTopicArn ${settings.alarmTopicArn} is in AWS's example account ${exampleAccountId}, a placeholder: alarms would notify no one; set your own topic's ARN`,
        );
    } else if (topicAccount !== undefined && topicAccount !== deployingAccountId) {
        warnings.push(
            `${configNamespace}:alarmTopicArn ${settings.alarmTopicArn} is in account ${topicAccount}, not the deploying account ${deployingAccountId}: CloudWatch can only notify it if its topic policy allows this account; if it is an example, set your own topic's ARN`,
        );
    }
    for (const origin of settings.corsAllowOrigins) {
        if (origin !== "*" && exampleHost.test(new URL(origin).hostname)) {
            warnings.push(`${configNamespace}:corsAllowOrigins has ${origin}, an example domain: browsers of your app's real origins would be refused; set your app's origins`);
        }
    }
    // AWS's documentation marks example identifiers with EXAMPLE (eu-west-1_EXAMPLE, 1example23456789...).
    if (settings.jwtIssuer !== undefined && (/EXAMPLE/.test(settings.jwtIssuer) || exampleHost.test(new URL(settings.jwtIssuer).hostname))) {
        warnings.push(
            `${configNamespace}:jwtIssuer ${settings.jwtIssuer} is an example issuer, a placeholder: API Gateway could not read its keys and would refuse every write; set your user pool's issuer`,
        );
    }
    for (const audience of settings.jwtAudiences ?? []) {
        if (/example/i.test(audience)) {
            warnings.push(`${configNamespace}:jwtAudiences has ${audience}, an example: your app client's tokens would be refused; set your app client ids`);
        }
    }
    return warnings;
}

/**
 * The account concurrency limit the settings need: every route's reserved concurrency, plus the provisioned
 * concurrency of routes without a reservation (it comes out of the unreserved pool), plus the 100 Lambda
 * keeps unreserved. Other functions' reservations in the account come on top.
 */
export function requiredAccountConcurrency(settings: CheckedSettings): { reserved: number; provisionedOutsideReservations: number; required: number } {
    let reserved = 0;
    let provisionedOutsideReservations = 0;
    for (const route of routes) {
        const routeReserved = settings.reservedConcurrency?.[route.name];
        if (routeReserved !== undefined) reserved += routeReserved;
        else provisionedOutsideReservations += settings.provisionedConcurrency?.[route.name] ?? 0;
    }
    return { reserved, provisionedOutsideReservations, required: reserved + provisionedOutsideReservations + minimumUnreservedConcurrency };
}

/** Why the settings cannot fit an account whose concurrency limit is `limit`, or undefined when they can. */
export function concurrencyProblem(settings: CheckedSettings, limit: number): string | undefined {
    const { reserved, provisionedOutsideReservations, required } = requiredAccountConcurrency(settings);
    if (required <= limit) return undefined;
    return (
        `this stack needs an account Lambda concurrency limit of at least ${required} (reserved ${reserved} + provisioned ${provisionedOutsideReservations} ` +
        `outside reservations + the ${minimumUnreservedConcurrency} Lambda keeps unreserved), and the account's is ${limit}: ` +
        `raise it (aws service-quotas request-service-quota-increase --service-code lambda --quota-code ${concurrencyQuotaCode} --desired-value ${required}) ` +
        `or lower ${configNamespace}:reservedConcurrency / ${configNamespace}:provisionedConcurrency`
    );
}

/**
 * Runs the checks against the deploying account. Placeholders are warnings (a preview of the example prod
 * stack still works); settings that cannot fit the account's concurrency limit reject with a RunError, so
 * `pulumi preview` fails and `pulumi up` stops before the first resource (pass the result to the
 * component's `dependsOn`). A limit the program cannot read (no `servicequotas:GetServiceQuota`) is a
 * warning that says what to check by hand.
 */
export async function checkDeployment(input: SettingsInput): Promise<pulumi.Resource[]> {
    const { settings } = parseSettings({ ...input }, (path) => path);
    if (!settings) return []; // The component reports invalid settings itself, naming each problem.
    const { accountId } = await aws.getCallerIdentity();
    for (const warning of placeholderWarnings(settings, accountId)) await pulumi.log.warn(warning);

    const { required } = requiredAccountConcurrency(settings);
    if (required === minimumUnreservedConcurrency) return [];
    let limit: number;
    try {
        limit = (await aws.servicequotas.getServiceQuota({ serviceCode: "lambda", quotaCode: concurrencyQuotaCode })).value;
    } catch (error) {
        const reason = (error as Error).message;
        await pulumi.log.warn(
            `could not read the account's Lambda concurrency limit${reason ? ` (${reason})` : ""}; this stack needs at least ${required}: check with aws lambda get-account-settings`,
        );
        return [];
    }
    const problem = concurrencyProblem(settings, limit);
    if (problem) throw new pulumi.RunError(problem);
    return [];
}
