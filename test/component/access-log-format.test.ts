import * as assert from "assert";
import { EventsApi } from "../../components/events-api";
import { MockHarness } from "../support/pulumi-mocks";

/** Bytes a client chooses: quotes, a backslash, control characters, a newline, and an attempt to add a field. */
const hostile = 'x"y\\z\u0000\u0007\u001f\t\n","injected":"1';

/**
 * What API Gateway would insert for each `$context` variable on one request: the values it makes itself,
 * and for every variable a client can influence (path, User-Agent, its error messages), the client's bytes.
 * A variable missing here fails the test, so a new one must be placed on one side or the other.
 */
const contextValues: Record<string, string> = {
    requestId: "JkE4xgKxjoEEPzQ=",
    requestTime: "01/Dec/2026:10:00:00 +0000",
    requestTimeEpoch: "1796119200000",
    routeKey: "GET /events/{id}",
    status: "404",
    protocol: "HTTP/1.1",
    responseLength: "35",
    responseLatency: "41",
    integrationLatency: "38",
    integrationStatus: "200",
    "integration.requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    "identity.sourceIp": "198.51.100.7",
    // Client-controlled:
    httpMethod: hostile,
    path: `/events/${hostile}`,
    "identity.userAgent": hostile,
    "error.message": `Not Found: ${hostile}`,
    "error.messageString": `"Not Found: ${hostile}"`,
    integrationErrorMessage: hostile,
    "authorizer.error": hostile,
};

/** The line API Gateway writes: every `$context.<name>` replaced by its value, verbatim (no escaping). */
function accessLogLine(format: string, values: Record<string, string>): string {
    return format.replace(/\$context\.([A-Za-z][A-Za-z0-9.]*[A-Za-z0-9])/g, (variable, key: string) => {
        if (!(key in values)) throw new Error(`no test value for ${variable}: say whether a client can influence it`);
        return values[key];
    });
}

describe("the stage's access log format", () => {
    const harness = new MockHarness();
    let format: string;
    before(async () => {
        harness.reset();
        await harness.declare(() => new EventsApi("api"));
        format = harness.named("api-test-stage").inputs.accessLogSettings.format;
    });

    it("stays one valid JSON object per request when the client sends quotes, backslashes and control characters", () => {
        const line = accessLogLine(format, contextValues);
        assert.doesNotMatch(line, /\n/);
        assert.deepStrictEqual(JSON.parse(line), {
            requestId: "JkE4xgKxjoEEPzQ=",
            requestTime: "01/Dec/2026:10:00:00 +0000",
            requestTimeEpoch: "1796119200000",
            routeKey: "GET /events/{id}",
            status: "404",
            protocol: "HTTP/1.1",
            responseLength: "35",
            responseLatency: "41",
            integrationLatency: "38",
            integrationStatus: "200",
            integrationRequestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            ip: "198.51.100.7",
        });
    });

    it("stays valid JSON for a request API Gateway answers itself, whose integration values are `-`", () => {
        const line = accessLogLine(format, {
            ...contextValues,
            routeKey: "-",
            integrationLatency: "-",
            integrationStatus: "-",
            "integration.requestId": "-",
        });
        const record = JSON.parse(line) as Record<string, string>;
        assert.deepStrictEqual([record.routeKey, record.integrationLatency, record.integrationStatus, record.integrationRequestId], ["-", "-", "-", "-"]);
    });

    it("would break on the same request if it logged a client-controlled variable", () => {
        for (const variable of ["path", "identity.userAgent", "error.message", "integrationErrorMessage", "httpMethod"]) {
            const withVariable = JSON.stringify({ ...JSON.parse(format), extra: `$context.${variable}` });
            assert.throws(() => JSON.parse(accessLogLine(withVariable, contextValues)), SyntaxError, variable);
        }
    });
});
