/**
 * Values that are credentials whatever a variable is called: key formats providers issue, after the
 * rules of gitleaks (config/gitleaks.toml: aws-access-token, private-key, github-*, gitlab-pat, slack-*,
 * stripe-access-token, gcp-api-key, npm-access-token, openai-api-key, anthropic-api-key,
 * sendgrid-api-token, jwt), and a URL carrying a password. `shown` is what a message may print of it.
 */
const formats: { what: string; pattern: RegExp; shown: (match: string) => string }[] = [
    { what: "an AWS access key ID", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/, shown: (m) => `${m.slice(0, 4)}…` },
    { what: "a PEM private key", pattern: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/, shown: (m) => m },
    { what: "a GitHub token", pattern: /\b(?:gh[pousr]_[0-9A-Za-z]{36}|github_pat_\w{82})\b/, shown: (m) => `${m.split("_")[0]}_…` },
    { what: "a GitLab token", pattern: /\bglpat-[\w-]{20,}/, shown: () => "glpat-…" },
    { what: "a Slack token", pattern: /\bxox[abposre]-[0-9A-Za-z-]{10,}/, shown: (m) => `${m.slice(0, 5)}…` },
    { what: "a Slack webhook URL", pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{20,}/, shown: () => "https://hooks.slack.com/…" },
    { what: "a Stripe key", pattern: /\b(?:sk|rk)_(?:live|test|prod)_[0-9A-Za-z]{10,99}\b/, shown: (m) => `${m.split("_").slice(0, 2).join("_")}_…` },
    { what: "a Google API key", pattern: /\bAIza[\w-]{35}\b/, shown: () => "AIza…" },
    { what: "an npm token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/, shown: () => "npm_…" },
    { what: "an Anthropic API key", pattern: /\bsk-ant-[\w-]{20,}/, shown: () => "sk-ant-…" },
    { what: "an OpenAI API key", pattern: /\bsk-(?:(?:proj|svcacct|admin)-[\w-]{20,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})/, shown: () => "sk-…" },
    { what: "a SendGrid API key", pattern: /\bSG\.[\w-]{22}\.[\w-]{43}\b/, shown: () => "SG.…" },
    { what: "a JSON Web Token", pattern: /\bey[A-Za-z0-9_-]{10,}\.ey[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/, shown: () => "eyJ…" },
    { what: "a URL with a password in it", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:[^\s@/]+@[^\s/]+/i, shown: (m) => `${m.replace(/:[^:@/]+@/, ":…@")}` },
];

/** The credential format a value is in, with what may be shown of it, or undefined. */
export function credentialFormat(value: string): { what: string; shown: string } | undefined {
    for (const format of formats) {
        const match = format.pattern.exec(value);
        if (match) {
            return { what: format.what, shown: format.shown(match[0]) };
        }
    }
    return undefined;
}

/** Words that make a variable's name say it holds a credential (`API` `KEY` and `PRIVATE` `KEY` as pairs). */
const secretWords = new Set(["SECRET", "SECRETS", "PASSWORD", "PASSWORDS", "PASSWD", "PASSPHRASE", "PWD", "TOKEN", "TOKENS", "APIKEY", "PRIVATEKEY"]);
const secretPairs = [
    ["API", "KEY"],
    ["PRIVATE", "KEY"],
];

/** Words that make it a setting about a credential, or a reference to one, rather than the credential (`SECRET_ARN`, `TOKEN_TTL_SECONDS`). */
const referenceWords = new Set([
    "ARN", "NAME", "ID", "TTL", "URL", "URI", "ENDPOINT", "PATH", "FILE", "PARAM", "PARAMETER", "HEADER", "TYPE", "LENGTH", "LEN",
    "EXPIRY", "EXPIRES", "EXPIRATION", "TIMEOUT", "SECONDS", "MINUTES", "HOURS", "DAYS", "ENABLED", "DISABLED", "VERSION", "REGION",
    "LIMIT", "COUNT", "MAX", "MIN", "SIZE", "ISSUER", "AUDIENCE", "ALGORITHM", "ROTATION",
]);

/** `dbPassword`, `DB_PASSWORD`, `db-password` → `["DB", "PASSWORD"]`. */
function words(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .split(/[^A-Za-z0-9]+/)
        .filter((w) => w !== "")
        .map((w) => w.toUpperCase());
}

/** The credential a variable's name says it holds (`password`, `api key`), or undefined. */
export function credentialName(name: string): string | undefined {
    const list = words(name);
    if (list.some((w) => referenceWords.has(w))) {
        return undefined;
    }
    const word = list.find((w) => secretWords.has(w));
    if (word !== undefined) {
        return word.toLowerCase().replace(/s$/, "").replace("apikey", "api key").replace("privatekey", "private key");
    }
    const pair = secretPairs.find(([a, b]) => list.some((w, i) => w === a && list[i + 1] === b));
    return pair?.join(" ").toLowerCase();
}
