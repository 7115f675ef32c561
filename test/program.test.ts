import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { routes } from "../components/routes";
import { eventsApiSettings } from "../components/settings";
import { projectRoot, readStackConfig, runProgramUnderMocks } from "../tools/mock-program";

const functionType = "aws:lambda/function:Function";

describe("the stack program (index.ts)", () => {
    it("is the Pulumi project's TypeScript entry point", () => {
        const project = YAML.parse(fs.readFileSync(path.join(projectRoot, "Pulumi.yaml"), "utf8"));
        assert.strictEqual(project.name, "events-api");
        assert.strictEqual(project.main, "index.ts");
        assert.strictEqual(project.runtime.name, "nodejs");
        assert.strictEqual(project.runtime.options.typescript, true);
    });

    it("has a dev stack file with the region and every events-api setting", () => {
        const config = readStackConfig("dev");
        assert.ok(config["aws:region"], "Pulumi.dev.yaml sets no aws:region");
        const settings = Object.keys(config).filter((key) => key.startsWith("events-api:"));
        // Dev has no alarm topic, JWT issuer or audiences, boundary of its own or custom domain: the settings that
        // have no "none" value to write down.
        const unset = ["alarmTopicArn", "jwtIssuer", "jwtAudiences", "permissionsBoundaryArn", "customDomain"];
        const listed = Object.keys(eventsApiSettings).filter((key) => !unset.includes(key));
        assert.deepStrictEqual(settings.sort(), listed.map((key) => `events-api:${key}`).sort());
    });

    it("exports url, tableName, apiId, functionNames, dashboardUrl and the OpenAPI document for the dev stack, under mocks", async () => {
        const { outputs, resources } = await runProgramUnderMocks("index.ts", { stack: "dev" });
        assert.deepStrictEqual(Object.keys(outputs).sort(), ["apiId", "dashboardUrl", "functionNames", "openapi", "tableName", "url"]);
        assert.strictEqual(
            outputs.dashboardUrl,
            "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=events-api-dev",
        );
        const api = resources.find((r) => r.type === "aws:apigatewayv2/api:Api");
        assert.strictEqual(outputs.apiId, api?.id);
        assert.strictEqual(outputs.url, `https://${api?.id}.execute-api.eu-west-1.amazonaws.com/`);
        assert.match(String(outputs.tableName), /^events-api-dev-table-[0-9a-f]{7}$/);
        assert.deepStrictEqual(Object.keys(outputs.functionNames as object), routes.map((r) => r.name));
        const openapi = JSON.parse(String(outputs.openapi)) as { openapi: string; servers: unknown };
        assert.deepStrictEqual([openapi.openapi, openapi.servers], ["3.1.0", [{ url: `https://${api?.id}.execute-api.eu-west-1.amazonaws.com` }]]);
        const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack");
        assert.strictEqual(stack?.name, "events-api-dev");
        const component = resources.find((r) => r.type === "events-api:index:EventsApi");
        assert.strictEqual(component?.parent, stack?.urn);
    });

    it("applies Pulumi.dev.yaml's values", async () => {
        const { resources } = await runProgramUnderMocks("index.ts", { stack: "dev" });
        const dev = readStackConfig("dev");
        // Dev sets memorySize to {}: every route at its own default.
        assert.deepStrictEqual(dev["events-api:memorySize"], "{}");
        const memory = Object.fromEntries(resources.filter((r) => r.type === functionType).map((fn) => [fn.name, fn.inputs.memorySize]));
        assert.deepStrictEqual(memory, {
            "events-api-dev-list-events-fn": 1024,
            "events-api-dev-create-event-fn": 1024,
            "events-api-dev-get-event-fn": 1024,
            "events-api-dev-delete-event-fn": 1024,
        });
        for (const fn of resources.filter((r) => r.type === functionType)) {
            assert.strictEqual(fn.inputs.timeout, Number(dev["events-api:timeout"]));
            assert.strictEqual(fn.inputs.runtime, dev["events-api:runtime"]);
        }
        const stage = resources.find((r) => r.type === "aws:apigatewayv2/stage:Stage");
        assert.deepStrictEqual(stage?.inputs.defaultRouteSettings, {
            throttlingBurstLimit: Number(dev["events-api:throttlingBurstLimit"]),
            throttlingRateLimit: Number(dev["events-api:throttlingRateLimit"]),
        });
        for (const logs of resources.filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup")) {
            assert.strictEqual(logs.inputs.retentionInDays, Number(dev["events-api:logRetentionDays"]));
        }
        // Dev's stage is 50 a second, burst 100: GET /events gets a tenth, the other routes all of it.
        assert.deepStrictEqual(stage?.inputs.routeSettings, [
            { routeKey: "GET /events", throttlingBurstLimit: 10, throttlingRateLimit: 5 },
            { routeKey: "POST /events", throttlingBurstLimit: 100, throttlingRateLimit: 50 },
            { routeKey: "GET /events/{id}", throttlingBurstLimit: 100, throttlingRateLimit: 50 },
            { routeKey: "DELETE /events/{id}", throttlingBurstLimit: 100, throttlingRateLimit: 50 },
        ]);
    });

    it("registers the stage after every route it has settings for, depending on each: API Gateway refuses settings for a route it does not have", async () => {
        const { resources } = await runProgramUnderMocks("index.ts", { stack: "dev" });
        const stage = resources.find((r) => r.type === "aws:apigatewayv2/stage:Stage")!;
        const apiRoutes = resources.filter((r) => r.type === "aws:apigatewayv2/route:Route");
        assert.deepStrictEqual(apiRoutes.map((route) => route.inputs.routeKey), ["GET /events", "POST /events", "GET /events/{id}", "DELETE /events/{id}"]);
        assert.deepStrictEqual(
            apiRoutes.map((route) => stage.wire?.dependencies.includes(route.urn)),
            [true, true, true, true],
        );
        assert.ok(resources.indexOf(stage) > Math.max(...apiRoutes.map((route) => resources.indexOf(route))), "the stage was registered before a route");
    });

    it("runs again in the same process with another config", async () => {
        const { resources } = await runProgramUnderMocks("index.ts", { config: { "events-api:memorySize": "1024" } });
        const memory = resources.filter((r) => r.type === functionType).map((r) => r.inputs.memorySize);
        assert.deepStrictEqual(memory, [1024, 1024, 1024, 1024]);
    });

    it("fails on a bad config value with a message naming the key and the allowed range", async () => {
        await assert.rejects(
            runProgramUnderMocks("index.ts", { config: { "events-api:timeout": "30" } }),
            { message: "invalid stack config:\n  events-api:timeout must be an integer from 1 to 29 (seconds); got 30" },
        );
    });

    it("loads through ts-node with type checking, the project's tsconfig and TypeScript, as the Pulumi CLI does", function () {
        this.timeout(120_000);
        const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TS_NODE_")));
        const child = spawnSync(
            process.execPath,
            ["-r", "ts-node/register", "-r", "./test/support/pulumi-mocks-preload.ts", "index.ts"],
            { cwd: projectRoot, env, encoding: "utf8" },
        );
        assert.strictEqual(child.status, 0, `index.ts failed to load:\n${child.stderr}`);
        const report = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}");
        const projectTypeScript = JSON.parse(
            fs.readFileSync(path.join(projectRoot, "node_modules/typescript/package.json"), "utf8"),
        ).version;
        assert.match(report.typescript, /^5\.9\./);
        assert.strictEqual(report.typescript, projectTypeScript);
        assert.strictEqual(report.transpileOnly, false);
        assert.strictEqual(report.tsconfig, path.join(projectRoot, "tsconfig.json"));
        assert.strictEqual(report.strict, true);
        // Stack, component, seven per route, API, stage and access logs; three alarms per route, three
        // more and the dashboard.
        assert.strictEqual(report.resources.length, 1 + 1 + 7 * routes.length + 3 + (3 * routes.length + 3) + 1);
        assert.ok(report.resources.includes("events-api:index:EventsApi events-api"));
    });
});
