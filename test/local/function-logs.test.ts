import * as assert from "assert";
import { handlerEnv } from "../../components/table-schema";
import { closedPortEndpoint } from "../support/fake-dynamo";
import { send } from "../support/local-http";
import { fixtureEntries, reportLines, useRecordedStack } from "../support/local-stack-fixture";

const someId = "0f8fad5b-d9cb-469f-a165-70867728950e";
const isoTimestamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * The log records one function printed, parsed as CloudWatch stores them (one JSON object per line). The
 * emulator prefixes each line with the function's name, and adds lines of its own (an invocation's error
 * type and message, as Lambda's platform records do): those are not JSON objects.
 */
function recordsOf(lines: string[], functionName: string): Record<string, unknown>[] {
    const prefix = `${functionName}: `;
    return lines.filter((line) => line.startsWith(`${prefix}{`)).map((line) => JSON.parse(line.slice(prefix.length)));
}

/** The request id on the REPORT line of the last request to `path`. */
function lastRequestId(lines: string[], path: string): string {
    const report = reportLines(lines).findLast((line) => line.includes(` ${path} `));
    const match = /REPORT RequestId: (\S+)/.exec(report ?? "");
    assert.ok(match, `no REPORT line for ${path}`);
    return match[1];
}

/** A record without its timestamp, after checking the timestamp is the runtime's ISO 8601 UTC. */
function withoutTimestamp(record: Record<string, unknown>): Record<string, unknown> {
    assert.match(String(record.timestamp), isoTimestamp);
    const rest = { ...record };
    delete rest.timestamp;
    return rest;
}

describe("function logs, as the Lambda runtime writes them with AWS_LAMBDA_LOG_FORMAT=JSON", function () {
    this.timeout(30_000);

    describe("each console call shape", () => {
        const recorded = useRecordedStack({
            entryOverrides: fixtureEntries,
            environmentOverrides: { "get-event": { FIXTURE_LOG_AT_INIT: "1" } },
        });

        it("writes one JSON record per call: a string or an object as `message`, an error's fields, nothing below INFO, the request id", async () => {
            assert.strictEqual((await send(recorded.stack.url, { path: "/events/logs", headers: { "x-fixture": "log" } })).status, 200);
            const requestId = lastRequestId(recorded.lines, "/events/logs");
            const stackTrace = ['TypeError: bad "input"', "    at fixture (index.js:1:1)"];
            const printed = recorded.lines.filter((line) => line.startsWith("events-api-get-event: "));
            assert.strictEqual(recordsOf(recorded.lines, "events-api-get-event").length, printed.length, printed.join("\n"));
            assert.deepStrictEqual(recordsOf(recorded.lines, "events-api-get-event").map(withoutTimestamp), [
                { level: "INFO", requestId: "-", message: "loaded" },
                { level: "INFO", requestId, message: "plain text" },
                { level: "INFO", requestId, message: { route: "GET /events/{id}", count: 2, nested: { ok: true } } },
                {
                    level: "WARN",
                    requestId,
                    message: `two arguments and TypeError: bad "input"\n    at fixture (index.js:1:1) {\n  code: 'E_FIXTURE'\n}`,
                    errorType: "TypeError",
                    errorMessage: 'bad "input"',
                    stackTrace,
                },
                {
                    level: "ERROR",
                    requestId,
                    message: { event: "caught", error: { errorType: "TypeError", errorMessage: 'bad "input"', stackTrace, code: "E_FIXTURE" } },
                },
                { level: "ERROR", requestId, message: "<ref *1> { name: 'cycle', self: [Circular *1] }" },
            ]);
        });

        it("logs an error the handler throws as the runtime's Invoke Error record", async () => {
            assert.strictEqual((await send(recorded.stack.url, { path: "/events", headers: { "x-fixture": "throw" } })).status, 500);
            const requestId = lastRequestId(recorded.lines, "/events");
            const [record] = recordsOf(recorded.lines, "events-api-list-events").map(withoutTimestamp);
            const message = record.message as Record<string, unknown>;
            assert.deepStrictEqual({ ...record, message: { ...message, stackTrace: undefined } }, {
                level: "ERROR",
                requestId,
                message: { errorType: "Error", errorMessage: "fixture failure at secret.ts:12", stackTrace: undefined },
            });
            assert.strictEqual((message.stackTrace as string[])[0], "Error: fixture failure at secret.ts:12");
        });
    });

    describe("the handlers' own records", () => {
        const recorded = useRecordedStack(async () => ({
            environmentOverrides: {
                "get-event": { [handlerEnv.tableName]: "no-such-table" },
                "delete-event": { AWS_ENDPOINT_URL_DYNAMODB: await closedPortEndpoint() },
            },
        }));

        it("logs an unexpected error as an ERROR record whose error Logs Insights reads under `message.error`", async () => {
            const response = await send(recorded.stack.url, { path: `/events/${someId}` });
            assert.strictEqual(response.status, 500);
            const [record] = recordsOf(recorded.lines, "events-api-get-event").map(withoutTimestamp);
            const message = record.message as { event: string; error: Record<string, unknown> };
            const { stackTrace, errorType, errorMessage, name, $fault, $metadata } = message.error as Record<string, unknown> & { $metadata: { httpStatusCode: number; requestId: string } };
            assert.ok(Array.isArray(stackTrace) && /ResourceNotFoundException/.test(String(stackTrace[0])), String(stackTrace));
            // The SDK's own fields come along: DynamoDB's status and request id, for a support case.
            assert.deepStrictEqual([$metadata.httpStatusCode, typeof $metadata.requestId], [400, "string"]);
            assert.deepStrictEqual({ ...record, message: { event: message.event, error: { errorType, errorMessage, name, $fault } } }, {
                level: "ERROR",
                requestId: lastRequestId(recorded.lines, `/events/${someId}`),
                message: {
                    event: "unhandled error",
                    error: { errorType: "ResourceNotFoundException", errorMessage: "Requested resource not found", name: "ResourceNotFoundException", $fault: "client" },
                },
            });
        });

        it("logs an unreachable table as a WARN record with the socket error's code", async () => {
            const response = await send(recorded.stack.url, { method: "DELETE", path: `/events/${someId}` });
            assert.strictEqual(response.status, 503);
            const [record] = recordsOf(recorded.lines, "events-api-delete-event").map(withoutTimestamp);
            const message = record.message as { event: string; error: Record<string, unknown> };
            assert.strictEqual(record.level, "WARN");
            assert.strictEqual(record.requestId, lastRequestId(recorded.lines, `/events/${someId}`));
            assert.strictEqual(message.event, "table unavailable");
            assert.strictEqual(message.error.code, "ECONNREFUSED");
            assert.match(String(message.error.errorMessage), /ECONNREFUSED 127\.0\.0\.1:\d+/);
        });
    });
});
