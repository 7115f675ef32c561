import type { LambdaClientConfig } from "@aws-sdk/client-lambda";
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";

type Credentials = NonNullable<LambdaClientConfig["credentials"]>;

/**
 * The AWS SDK client settings that reach the account and region the stack's AWS provider deploys to,
 * read from the same `aws:` stack config the provider reads, so a check made with the SDK (Lambda's
 * `GetAccountSettings`) asks the account `pulumi up` changes. Honoured: `aws:region`, `aws:profile`,
 * `aws:sharedCredentialsFiles` and `aws:sharedConfigFiles` (one file each), `aws:accessKey` /
 * `aws:secretKey` / `aws:token`, `aws:assumeRoles` (and v6's `aws:assumeRole`) chained in order with
 * `aws:stsRegion`, `aws:endpoints` (its `lambda` and `sts` entries), `aws:maxRetries`, `aws:useFipsEndpoint`,
 * `aws:useDualstackEndpoint`; with none of them set, the SDK's own chain (environment, SSO, shared files,
 * web identity, container and instance roles), as the provider does. A setting that would make the
 * provider reach AWS another way is refused rather than ignored: the check would otherwise ask another
 * account or fail for another reason.
 */

/** `aws:` keys that change who the provider is or how it connects, which the SDK settings here cannot follow. */
const refusedKeys = [
    "assumeRoleWithWebIdentity",
    "customCaBundle",
    "httpProxy",
    "httpsProxy",
    "noProxy",
    "insecure",
    "ec2MetadataServiceEndpoint",
    "ec2MetadataServiceEndpointMode",
] as const;

/** One entry of `aws:assumeRoles`, as the provider's config schema has it. */
interface AssumeRole {
    roleArn?: string;
    sessionName?: string;
    externalId?: string;
    duration?: string;
    policy?: string;
    policyArns?: string[];
    tags?: Record<string, string>;
    transitiveTagKeys?: string[];
    sourceIdentity?: string;
}

export class ProviderConfigError extends Error {}

/** `aws:<key>` as the CLI passes it: strings as they are, other values JSON-encoded. */
function reader(config: Record<string, string>) {
    const text = (key: string) => config[`aws:${key}`];
    const json = <T>(key: string): T | undefined => {
        const value = text(key);
        if (value === undefined) return undefined;
        try {
            return JSON.parse(value) as T;
        } catch {
            throw new ProviderConfigError(`aws:${key} must be a YAML list or map, as the AWS provider reads it; got ${JSON.stringify(value)}`);
        }
    };
    return { text, json };
}

/** `1h`, `15m`, `900s`, `1h30m`: the provider's `duration` format, in seconds. */
export function durationSeconds(duration: string): number {
    const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration);
    if (!duration || !match) throw new ProviderConfigError(`aws:assumeRoles duration must be like 1h, 15m or 900s; got ${JSON.stringify(duration)}`);
    const [, hours = "0", minutes = "0", seconds = "0"] = match;
    return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

function single(key: string, files: string[] | undefined): string | undefined {
    if (files && files.length > 1) {
        throw new ProviderConfigError(`aws:${key} lists ${files.length} files; the concurrency check reads one: list the one that has the profile`);
    }
    return files?.[0];
}

/** The SDK client settings for the provider's account and region, from the stack's config. */
export function providerClientConfig(config: Record<string, string>): Pick<
    LambdaClientConfig,
    "region" | "credentials" | "endpoint" | "maxAttempts" | "useFipsEndpoint" | "useDualstackEndpoint"
> {
    const { text, json } = reader(config);
    for (const key of refusedKeys) {
        if (text(key) !== undefined) {
            throw new ProviderConfigError(`aws:${key} is set, and the concurrency check cannot reach AWS the way the provider then does: run it without aws:${key}, or check by hand`);
        }
    }
    const region = text("region");
    const profile = text("profile");
    const credentialsFile = single("sharedCredentialsFiles", json<string[]>("sharedCredentialsFiles"));
    const configFile = single("sharedConfigFiles", json<string[]>("sharedConfigFiles"));
    const accessKeyId = text("accessKey");
    const secretAccessKey = text("secretKey");

    let credentials: Credentials;
    if (accessKeyId !== undefined || secretAccessKey !== undefined) {
        if (!accessKeyId || !secretAccessKey) throw new ProviderConfigError("aws:accessKey and aws:secretKey must be set together");
        credentials = { accessKeyId, secretAccessKey, sessionToken: text("token") };
    } else if (profile !== undefined || credentialsFile !== undefined || configFile !== undefined) {
        credentials = fromIni({ profile, filepath: credentialsFile, configFilepath: configFile });
    } else {
        credentials = fromNodeProviderChain();
    }

    const endpoints = json<Array<Record<string, string>>>("endpoints") ?? [];
    const endpointOf = (service: string) => endpoints.map((entry) => entry[service]).find((value) => value !== undefined);
    // v7's aws:assumeRoles is a list, assumed in order; v6's aws:assumeRole one map.
    const single6 = json<AssumeRole>("assumeRole");
    const roles = json<AssumeRole[]>("assumeRoles") ?? (single6 ? [single6] : []);
    for (const role of roles) {
        if (!role.roleArn) throw new ProviderConfigError(`aws:assumeRoles has an entry without roleArn: ${JSON.stringify(role)}`);
        credentials = fromTemporaryCredentials({
            masterCredentials: credentials,
            clientConfig: { region: text("stsRegion") ?? region, endpoint: endpointOf("sts") },
            params: {
                RoleArn: role.roleArn,
                RoleSessionName: role.sessionName,
                ExternalId: role.externalId,
                DurationSeconds: role.duration === undefined ? undefined : durationSeconds(role.duration),
                Policy: role.policy,
                PolicyArns: role.policyArns?.map((arn) => ({ arn })),
                Tags: role.tags && Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value })),
                TransitiveTagKeys: role.transitiveTagKeys,
                SourceIdentity: role.sourceIdentity,
            },
        });
    }

    const maxRetries = text("maxRetries");
    const flag = (key: string) => (text(key) === undefined ? undefined : text(key) === "true");
    return {
        region,
        credentials,
        endpoint: endpointOf("lambda"),
        // The provider's maxRetries counts retries; the SDK's maxAttempts counts the first try too.
        maxAttempts: maxRetries === undefined ? undefined : Number(maxRetries) + 1,
        useFipsEndpoint: flag("useFipsEndpoint"),
        useDualstackEndpoint: flag("useDualstackEndpoint"),
    };
}
