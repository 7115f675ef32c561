import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { captureConsole } from "./support/console-capture";
import { withoutRuntimeWarnings } from "../tools/runtime-warnings";

describe("the Pulumi runtime's warnings in the test report", () => {
    it("are left out of console.warn, while any other warning is printed", () => {
        const printed: unknown[][] = [];
        const warn = withoutRuntimeWarnings((...args: unknown[]) => printed.push(args));
        warn("warning: [runtime] events-api:corsAllowOrigins has https://events.example.com, an example domain");
        warn("(node:1) ExperimentalWarning: something else", 1);
        assert.deepStrictEqual(printed, [["(node:1) ExperimentalWarning: something else", 1]]);
    });

    it("still reach a suite that captures the console, from pulumi.log.warn itself", async () => {
        const capture = captureConsole();
        try {
            await pulumi.log.warn("a warning a suite checks");
        } finally {
            capture.restore();
        }
        assert.deepStrictEqual(capture.lines, ["warning: [runtime] a warning a suite checks"]);
    });
});
