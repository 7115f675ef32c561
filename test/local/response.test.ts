import * as assert from "assert";
import { MalformedResultError, toHttpResponse } from "../../local/response";

describe("local response mapping", () => {
    it("maps status, lower-cased headers, cookies and a text body", () => {
        const response = toHttpResponse({ statusCode: 201, headers: { Location: "/events/1", "X-N": 3, "X-B": true }, cookies: ["a=1", "b=2"], body: "{}" });
        assert.strictEqual(response.statusCode, 201);
        assert.deepStrictEqual(response.headers, [
            ["location", "/events/1"],
            ["x-n", "3"],
            ["x-b", "true"],
            ["set-cookie", "a=1"],
            ["set-cookie", "b=2"],
        ]);
        assert.strictEqual(response.body.toString(), "{}");
    });

    it("decodes a base64 body", () => {
        assert.deepStrictEqual(toHttpResponse({ statusCode: 200, isBase64Encoded: true, body: "AP8=" }).body, Buffer.from([0, 255]));
    });

    it("sends an empty body when the result has none", () => {
        assert.strictEqual(toHttpResponse({ statusCode: 204 }).body.length, 0);
    });

    it("treats a result without statusCode as the JSON body of a 200", () => {
        const response = toHttpResponse({ hello: "world" });
        assert.strictEqual(response.statusCode, 200);
        assert.deepStrictEqual(response.headers, [["content-type", "application/json"]]);
        assert.strictEqual(response.body.toString(), '{"hello":"world"}');
        assert.strictEqual(toHttpResponse([1, 2]).body.toString(), "[1,2]");
    });

    it("rejects malformed results", () => {
        for (const result of [
            undefined,
            { statusCode: "200" },
            { statusCode: 99 },
            { statusCode: 600 },
            { statusCode: 200.5 },
            { statusCode: 200, headers: [] },
            { statusCode: 200, headers: { a: { b: 1 } } },
            { statusCode: 200, cookies: "a=1" },
            { statusCode: 200, cookies: [1] },
            { statusCode: 200, body: { a: 1 } },
            { statusCode: 200, isBase64Encoded: "yes" },
        ]) {
            assert.throws(() => toHttpResponse(result), MalformedResultError, JSON.stringify(result));
        }
    });
});
