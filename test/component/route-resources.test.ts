import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childNaming } from "../../components/naming";
import { createRouteResources } from "../../components/route-resources";
import { RouteDefinition } from "../../components/routes";
import { settingDefaults } from "../../components/settings";
import { createTable } from "../../components/table";
import { MockHarness } from "../support/pulumi-mocks";

const harness = new MockHarness();

describe("a route whose handler does not compile", () => {
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
            writes: false,
            defaultMemorySizeMb: 512,
        };
        await assert.rejects(
            harness.declare(() => {
                const parent = new pulumi.ComponentResource("test:index:Parent", "parent");
                const naming = childNaming("t", pulumi.getStack(), parent);
                const table = createTable(naming, settingDefaults);
                const api = new aws.apigatewayv2.Api("t-api", { protocolType: "HTTP" }, { parent });
                const permissionsBoundaryArn = "arn:aws:iam::123456789012:policy/t-test-permissions-boundary";
                return createRouteResources(naming, route, { settings: settingDefaults, table, api, permissionsBoundaryArn }, parent);
            }),
            (error: Error) => {
                assert.ok(pulumi.ResourceError.isInstance(error), `not a ResourceError: ${error}`);
                assert.match(error.message, /cannot bundle .*broken\.ts/);
                assert.match(error.message, /broken\.ts:2:\d+: /);
                return true;
            },
        );
        assert.ok(!harness.resources.some((r) => r.name === "t-test-broken-fn"), "the function was registered anyway");
    });
});
