import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { createRouteFunction } from "../../components/function";
import { RouteDefinition } from "../../components/routes";
import { createTable } from "../../components/table";
import { MockHarness } from "../support/pulumi-mocks";

const harness = new MockHarness();

describe("a route function whose handler does not compile", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "events-api-broken-"));
        // A stub outside handlers/: line 2 has a syntax error.
        fs.writeFileSync(path.join(dir, "broken.ts"), "export const handler = async () => {\n    return { statusCode: 200 ;\n};\n");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    beforeEach(() => harness.reset());

    it("fails the program with a ResourceError that names the file and line, not an unhandled crash", async () => {
        const route: RouteDefinition = {
            name: "broken",
            method: "GET",
            path: "/broken",
            entry: path.join(dir, "broken.ts"),
            dynamodbActions: ["dynamodb:GetItem"],
            target: "table",
        };
        await assert.rejects(
            harness.declare(() => {
                const parent = new pulumi.ComponentResource("test:index:Parent", "parent");
                const table = createTable("t", { pointInTimeRecovery: true, deletionProtection: false }, parent);
                const options = { memorySize: 512, timeout: 10, runtime: "nodejs24.x" as const, logRetentionDays: 7, table };
                return createRouteFunction("t", route, options, parent);
            }),
            (error: Error) => {
                assert.ok(pulumi.ResourceError.isInstance(error), `not a ResourceError: ${error}`);
                assert.match(error.message, /cannot bundle .*broken\.ts/);
                assert.match(error.message, /broken\.ts:2:\d+: /);
                return true;
            },
        );
        assert.ok(!harness.resources.some((r) => r.name === "t-broken-fn"), "the function was registered anyway");
    });
});
