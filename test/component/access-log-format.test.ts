import * as assert from "assert";
import fc from "fast-check";
import { EventsApiFixture } from "./events-api-fixture";

/** Who chooses a variable's value: API Gateway itself, the stack's own configuration, or the request. */
type Source = "gateway" | "config" | "client";
/** What it holds: digits that are always there, digits or `-` when there is no value, or any text. */
type Kind = "number" | "number or -" | "text";

/**
 * Every `$context` variable AWS documents for HTTP API access logs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html), by
 * where its value comes from. API Gateway inserts values without escaping, so "client" marks every value
 * a request can put a `"`, `\` or control character into: its path, method and headers (Host, User-Agent),
 * its token's claims, its client certificate, and the error texts of an authorizer, an integration or
 * API Gateway, which can quote the request. A name ending in `.` stands for every variable under it.
 */
const documented: Record<string, [Source, Kind]> = {
    accountId: ["gateway", "text"],
    apiId: ["gateway", "text"],
    "authorizer.claims.": ["client", "text"],
    "authorizer.error": ["client", "text"],
    "authorizer.principalId": ["client", "text"],
    // A Lambda authorizer's `context` map: whatever its function returns.
    "authorizer.": ["client", "text"],
    awsEndpointRequestId: ["gateway", "text"],
    awsEndpointRequestId2: ["gateway", "text"],
    "customDomain.basePathMatched": ["config", "text"],
    dataProcessed: ["gateway", "number or -"],
    domainName: ["client", "text"],
    domainPrefix: ["client", "text"],
    "error.message": ["client", "text"],
    "error.messageString": ["client", "text"],
    "error.responseType": ["gateway", "text"],
    extendedRequestId: ["gateway", "text"],
    httpMethod: ["client", "text"],
    "identity.accountId": ["gateway", "text"],
    "identity.caller": ["gateway", "text"],
    "identity.clientCert.": ["client", "text"],
    "identity.cognitoAuthenticationProvider": ["client", "text"],
    "identity.cognitoAuthenticationType": ["gateway", "text"],
    "identity.cognitoIdentityId": ["gateway", "text"],
    "identity.cognitoIdentityPoolId": ["gateway", "text"],
    "identity.principalOrgId": ["gateway", "text"],
    "identity.sourceIp": ["gateway", "text"],
    "identity.user": ["gateway", "text"],
    "identity.userAgent": ["client", "text"],
    "identity.userArn": ["gateway", "text"],
    "integration.error": ["client", "text"],
    "integration.integrationStatus": ["gateway", "number or -"],
    "integration.latency": ["gateway", "number or -"],
    "integration.requestId": ["gateway", "text"],
    "integration.status": ["gateway", "number or -"],
    integrationErrorMessage: ["client", "text"],
    integrationLatency: ["gateway", "number or -"],
    integrationStatus: ["gateway", "number or -"],
    path: ["client", "text"],
    protocol: ["gateway", "text"],
    requestId: ["gateway", "text"],
    requestTime: ["gateway", "text"],
    requestTimeEpoch: ["gateway", "number"],
    responseLatency: ["gateway", "number or -"],
    responseLength: ["gateway", "number or -"],
    routeKey: ["config", "text"],
    stage: ["config", "text"],
    status: ["gateway", "number"],
};

/** A variable as the table has it: by its own name, else by the longest name ending in `.` it is under. */
function classify(variable: string): [Source, Kind] | undefined {
    if (documented[variable]) return documented[variable];
    const prefix = Object.keys(documented)
        .filter((name) => name.endsWith(".") && variable.startsWith(name))
        .sort((a, b) => b.length - a.length)[0];
    return prefix === undefined ? undefined : documented[prefix];
}

/** A `$context` variable in a format, and whether it stands inside a JSON string there. */
interface Placement {
    variable: string;
    quoted: boolean;
}

/** Every variable of the format where it stands: a scan of the format as JSON text, strings and escapes included. */
function placements(format: string): Placement[] {
    const found: Placement[] = [];
    let inString = false;
    for (let i = 0; i < format.length; i++) {
        const char = format[i];
        if (inString && char === "\\") {
            i++;
        } else if (char === '"') {
            inString = !inString;
        } else if (format.startsWith("$context.", i)) {
            const variable = /^\$context\.([A-Za-z0-9]+(\.[A-Za-z0-9]+)*)/.exec(format.slice(i))![1];
            found.push({ variable, quoted: inString });
            i += "$context.".length + variable.length - 1;
        }
    }
    return found;
}

/** The line API Gateway writes: each variable replaced by its value, verbatim. */
function line(format: string, values: (variable: string) => string): string {
    return format.replace(/\$context\.([A-Za-z0-9]+(\.[A-Za-z0-9]+)*)/g, (_, variable: string) => values(variable));
}

/** Values API Gateway or the stack's configuration can give a variable of each kind: no quote, backslash or control character. */
const madeByAws: Record<Kind, fc.Arbitrary<string>> = {
    number: fc.nat().map(String),
    "number or -": fc.oneof(fc.nat().map(String), fc.constant("-")),
    text: fc.oneof(fc.constant("-"), fc.string({ unit: fc.mapToConstant({ num: 95, build: (i) => String.fromCharCode(0x20 + i) }).filter((c) => c !== '"' && c !== "\\"), minLength: 1 })),
};
/** What a client can send: any text at all. */
const fromClient = fc.string({ unit: "binary" });

/** One value for each variable of `format`, of the kind the table gives it (a client's for a client's). */
function valuesFor(format: string): fc.Arbitrary<Record<string, string>> {
    const variables = [...new Set(placements(format).map((p) => p.variable))];
    return fc.record(
        Object.fromEntries(
            variables.map((variable) => {
                const [source, kind] = classify(variable)!;
                return [variable, source === "client" ? fromClient : madeByAws[kind]];
            }),
        ),
    );
}

/** Whether every line `format` can produce for those values is one JSON object whose fields hold the values as given. */
function staysJson(format: string, runs = 500): fc.RunDetails<[Record<string, string>]> {
    const fields = JSON.parse(line(format, () => "0")) as Record<string, unknown>;
    return fc.check(
        fc.property(valuesFor(format), (values) => {
            const text = line(format, (variable) => values[variable]);
            if (/[\n\r]/.test(text)) return false;
            const record = JSON.parse(text) as Record<string, unknown>;
            return Object.keys(fields).every((field) => typeof record[field] === "string" || typeof record[field] === "number");
        }),
        { numRuns: runs },
    );
}

describe("the stage's access log format", () => {
    const fixture = new EventsApiFixture();
    let format: string;
    before(async () => {
        fixture.reset();
        await fixture.build();
        format = fixture.child("stage").inputs.accessLogSettings.format;
    });

    it("uses only variables AWS documents for HTTP API access logs", () => {
        assert.deepStrictEqual(placements(format).filter(({ variable }) => classify(variable) === undefined), []);
    });

    it("logs no value a client controls", () => {
        assert.deepStrictEqual(placements(format).filter(({ variable }) => classify(variable)?.[0] === "client"), []);
    });

    it("puts each value inside a JSON string, or bare only for a number that always has a value", () => {
        assert.deepStrictEqual(placements(format).filter(({ variable, quoted }) => !quoted && classify(variable)?.[1] !== "number"), []);
    });

    it("stays one JSON object on one line for any values API Gateway can log", () => {
        const result = staysJson(format);
        assert.strictEqual(result.failed, false, `broken by ${JSON.stringify(result.counterexample)}`);
    });

    it("would break if it logged a value a client controls, or a number that may be `-` bare", () => {
        const record = JSON.parse(format) as Record<string, string>;
        for (const variable of ["path", "identity.userAgent", "error.message", "httpMethod", "authorizer.claims.email"]) {
            assert.strictEqual(staysJson(JSON.stringify({ ...record, extra: `$context.${variable}` })).failed, true, variable);
        }
        const bareLatency = `${JSON.stringify(record).slice(0, -1)},"latency":$context.integrationLatency}`;
        assert.strictEqual(staysJson(bareLatency).failed, true);
        const bareStatus = `${JSON.stringify(record).slice(0, -1)},"code":$context.status}`;
        assert.strictEqual(staysJson(bareStatus).failed, false);
    });
});
