import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { writeZip } from "../archive-writers";
import { goExecutable, installClassicLevel, place, zipFolder } from "../native-binaries";
import { npmPack, zip64, zipStreamed } from "../real-archives";
import { build, installedManifest, sdkHandlers } from "../sdk-corpus";
import { projectRoot } from "../../../tools/mock-program";
import { PackLocation } from "./packs";

/**
 * Realistic programs as teams write them, each with the verdicts the pack must give in their
 * `pulumi preview`. A case writes its program's folder (code, Pulumi.yaml) into a fresh directory,
 * then declares its resources there under Pulumi's mocks.
 */
export interface CorpusCase {
    name: string;
    /** The stack's project. @default "team" */
    project?: string;
    /** Writes the program's folder. A `Pulumi.yaml` naming the project is written first unless `manifest` is false. */
    files?: (dir: string) => void | Promise<void>;
    /** Pulumi.yaml's content, or false for none. @default `name: <project>` */
    manifest?: string | false;
    /** Pack config. @default the program root: `{ "lambda-no-bundled-aws-sdk": { programRoot: dir } }` */
    config?: (dir: string) => object;
    /** Run the program with its folder as the working directory, as the CLI does (aws.lambda.CallbackFunction reads ./package.json). */
    cwd?: boolean;
    /**
     * Where the pack lives and where the Pulumi CLI runs (a folder under the case's, or an absolute one),
     * then a folder it changes into as `pulumi -C <dir>` does. With a layout, no program root is set.
     * @default the repository's pack, the CLI in the case's folder, the root set in the pack config
     */
    layout?: { pack?: PackLocation; cli?: string; chdir?: string };
    /** Declares the program's resources. */
    declare?: (dir: string) => unknown;
    /** Instead of `declare`: this project's own `index.ts` with `Pulumi.<stack>.yaml`. */
    stack?: "dev" | "prod";
    /** Each verdict as `[level, policy, resource, text its message contains]`; `<dir>` is the program's folder, `<repo>` this repository. */
    expected: Expected[];
}

export type Expected = [level: "mandatory" | "advisory", policy: string, resource: string, says: string];

const sdk = "lambda-no-bundled-aws-sdk";
const reach = "lambda-code-inspectable";
const memory = "lambda-memory-above-128mb";
const arm64 = "lambda-arm64-architecture";

const role = "arn:aws:iam::123456789012:role/team-fn";
const handler = "exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n";

/** A function's arguments, compliant except for what a case changes. */
function fnArgs(args: Partial<aws.lambda.FunctionArgs>): aws.lambda.FunctionArgs {
    return {
        role,
        runtime: "nodejs22.x",
        handler: "index.handler",
        memorySize: 512,
        timeout: 10,
        architectures: ["arm64"],
        tracingConfig: { mode: "Active" },
        loggingConfig: { logFormat: "JSON", logGroup: "team-fn-logs" },
        ...args,
    };
}

/** The same settings for an aws.lambda.CallbackFunction, which sets its own code and handler. */
const callbackArgs = { role, runtime: "nodejs22.x", memorySize: 512, timeout: 10, architectures: ["arm64"], tracingConfig: { mode: "Active" }, loggingConfig: { logFormat: "JSON", logGroup: "team-fn-logs" } };

function fn(name: string, args: Partial<aws.lambda.FunctionArgs>, opts?: pulumi.CustomResourceOptions): aws.lambda.Function {
    return new aws.lambda.Function(name, fnArgs(args), opts);
}

/** What an aws-native function of a case sets beyond its code, memory and architecture, to pass the other policies. */
const nativeSettings = { role, runtime: "nodejs22.x", handler: "index.handler", timeout: 10, tracingConfig: { mode: "Active" }, loggingConfig: { logFormat: "JSON", logGroup: "team-fn-logs" } };

/** aws-native is not installed here: its resources are registered by type token, as its SDK registers them. */
class NativeResource extends pulumi.CustomResource {
    constructor(type: "aws-native:lambda:Function" | "aws-native:lambda:LayerVersion", name: string, props: Record<string, unknown>) {
        super(type, name, { ...props, arn: undefined });
    }
}

/** A resource registered by type token with inputs its provider SDK's types would refuse. */
class LooseResource extends pulumi.CustomResource {}

/** `dir/name`, created and filled by `fill`. */
function tree(dir: string, name: string, fill: (at: string) => void): string {
    const at = path.join(dir, name);
    fs.mkdirSync(at, { recursive: true });
    fill(at);
    return at;
}

function write(dir: string, files: Record<string, string | Buffer>): void {
    for (const [file, content] of Object.entries(files)) {
        const target = path.join(dir, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
    }
}

/** An installed SDK package folder, with its real package.json (or, `bare`, one without dependencies). */
function sdkPackage(prefix: string, name = "@aws-sdk/client-s3", bare = false): Record<string, string> {
    const manifest = bare ? JSON.stringify({ name, version: "3.1000.0", main: "dist-cjs/index.js" }) : installedManifest(name);
    return { [`${prefix}node_modules/${name}/package.json`]: manifest, [`${prefix}node_modules/${name}/dist-cjs/index.js`]: "module.exports = {};\n" };
}

const bundles = new Map<string, Promise<string>>();
/** An esbuild bundle of a handler that uses @aws-sdk/client-dynamodb: inlined, or left external. */
function bundle(format: "cjs" | "esm", minify: boolean, external = false): Promise<string> {
    const key = `${format}-${minify}-${external}`;
    if (!bundles.has(key)) {
        bundles.set(key, build(sdkHandlers["client-dynamodb"], format, minify, external ? ["@aws-sdk/*"] : []));
    }
    return bundles.get(key) as Promise<string>;
}

const inlined = (file: string) => `${file}: @aws-sdk/core inlined`;

const bundledSdkCases: CorpusCase[] = (
    [
        ["cjs", true],
        ["cjs", false],
        ["esm", true],
        ["esm", false],
    ] as const
).map(([format, minify]) => {
    const file = format === "esm" ? "index.mjs" : "index.js";
    return {
        name: `esbuild bundle with @aws-sdk/client-dynamodb inlined (${format}${minify ? ", minified" : ""}) as a StringAsset`,
        files: async (dir) => write(dir, { [`dist/${file}`]: await bundle(format, minify) }),
        declare: (dir) =>
            fn("fn", { code: new pulumi.asset.AssetArchive({ [file]: new pulumi.asset.StringAsset(fs.readFileSync(path.join(dir, "dist", file), "utf8")) }) }),
        expected: [["mandatory", sdk, "fn", inlined(file)]],
    };
});

/**
 * A program as it is laid out in a layout case: `./app` (no SDK) and `./sdk-app` (the SDK installed) under
 * `root`, two functions using them by relative path. Only `bundled` may fail, and its message shows the
 * folder its path was resolved against.
 */
function layoutProgram(root: string, project = "team"): Pick<CorpusCase, "files" | "declare" | "project" | "manifest"> {
    return {
        project,
        manifest: false,
        files: (dir) => write(dir, { [`${root}/Pulumi.yaml`]: `name: ${project}\nruntime: nodejs\n`, [`${root}/app/index.js`]: handler, [`${root}/sdk-app/index.js`]: handler, ...sdkPackage(`${root}/sdk-app/`) }),
        declare: () => [fn("clean", { code: new pulumi.asset.FileArchive("./app") }), fn("bundled", { code: new pulumi.asset.FileArchive("./sdk-app") })],
    };
}

const foundFromCli = (root: string) => `ships the AWS SDK: node_modules/@aws-sdk/ (in <dir>/${root}/sdk-app)`;

/** How teams run `pulumi preview` with the pack, nothing set: the program root is found and verified. */
function layoutCases(): CorpusCase[] {
    return [
        {
            name: "layout: pulumi preview --policy-pack ../org-pack, from the program's folder",
            layout: { pack: "beside", cli: "team-app" },
            ...layoutProgram("team-app"),
            expected: [["mandatory", sdk, "bundled", foundFromCli("team-app")]],
        },
        {
            name: "layout: pulumi -C infra preview (--cwd infra), from the repository root",
            layout: { pack: "beside", cli: ".", chdir: "infra" },
            ...layoutProgram("infra"),
            expected: [["mandatory", sdk, "bundled", foundFromCli("infra")]],
        },
        {
            name: "layout: pulumi preview from a subfolder of the project (the CLI finds Pulumi.yaml above it)",
            layout: { pack: "beside", cli: "infra/scripts" },
            ...layoutProgram("infra"),
            expected: [["mandatory", sdk, "bundled", foundFromCli("infra")]],
        },
        {
            name: "layout: a monorepo with projects side by side; only the one naming the stack's project is used",
            layout: { pack: "beside", cli: "services/orders" },
            ...layoutProgram("services/orders", "orders"),
            files: async (dir) => {
                await layoutProgram("services/orders", "orders").files?.(dir);
                write(dir, { "services/billing/Pulumi.yaml": "name: billing\nruntime: nodejs\n", ...sdkPackage("services/billing/app/") });
            },
            expected: [["mandatory", sdk, "bundled", foundFromCli("services/orders")]],
        },
        {
            name: "layout: GitHub Actions, pulumi/actions with work-dir: infra (the Automation API starts the CLI in work-dir)",
            layout: { pack: "beside", cli: "infra" },
            ...layoutProgram("infra"),
            expected: [["mandatory", sdk, "bundled", foundFromCli("infra")]],
        },
        {
            name: "layout: Pulumi Deployments, repository checked out, repoDir: services/api, the organization's pack",
            layout: { pack: "org", cli: "services/api" },
            ...layoutProgram("services/api"),
            expected: [["mandatory", sdk, "bundled", foundFromCli("services/api")]],
        },
        {
            name: "layout: an organization-enforced pack (run from ~/.pulumi/policies/...), pulumi preview in the program's folder",
            layout: { pack: "org", cli: "team-app" },
            ...layoutProgram("team-app"),
            expected: [["mandatory", sdk, "bundled", foundFromCli("team-app")]],
        },
        {
            name: "layout: the pack in another project's repository (this one), pulumi preview in the team's folder",
            layout: { pack: "repository", cli: "team-app" },
            ...layoutProgram("team-app"),
            expected: [["mandatory", sdk, "bundled", foundFromCli("team-app")]],
        },
        {
            name: "layout: the pack in its program's own repository (project events-api), pulumi preview there",
            project: "events-api",
            manifest: false,
            layout: { pack: "repository", cli: projectRoot },
            declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./handlers") }),
            expected: [],
        },
        {
            name: "layout: two checkouts of one project (the pack inside one, the CLI in the other) fail closed, naming both",
            project: "events-api",
            manifest: "name: events-api\nruntime: nodejs\n",
            layout: { pack: "repository", cli: "." },
            files: (dir) => write(dir, { "handlers/index.js": handler }),
            declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./handlers") }),
            expected: [
                [
                    "mandatory",
                    sdk,
                    "fn",
                    "./handlers: a relative path, and the program root is ambiguous: <dir>/Pulumi.yaml, found from the Pulumi CLI's working directory <dir> (process ",
                ],
            ],
        },
        {
            name: "layout: the CLI in a project of another name (a misconfigured wrapper): refused, every candidate named",
            layout: { pack: "beside", cli: "billing" },
            ...layoutProgram("team-app"),
            files: async (dir) => {
                await layoutProgram("team-app").files?.(dir);
                write(dir, { "billing/Pulumi.yaml": "name: billing\n" });
            },
            expected: [
                ["mandatory", sdk, "bundled", 'discovery found none (refused the program root from <dir>/billing/Pulumi.yaml, found from the Pulumi CLI\'s working directory <dir>/billing (process '],
                ["mandatory", sdk, "clean", "no Pulumi.yaml above the policy pack (<ws>/work/org-pack)). To fix it, set LAMBDA_POLICY_PROGRAM_ROOT"],
            ],
        },
    ];
}

const inlineCode = () => new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(handler) });
const lambdaTrust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });

/** A queue for failed events: a dead-letter queue, which needs no redrive policy of its own. */
function failureQueue(name: string): aws.sqs.Queue {
    return new aws.sqs.Queue(name, { messageRetentionSeconds: 1209600 });
}

/**
 * The rules beyond the three mandatory ones, as teams write the programs they catch (the cases each rule's
 * serverless-rules documentation describes among them), with real @pulumi/aws classes.
 */
function ruleCases(): CorpusCase[] {
    return [
        {
            name: "runtimes: Node.js 20 (deprecated 2026-04-30) and a Go function on provided.al2 (deprecated 2026-07-31) beside one on provided.al2023",
            declare: () => [
                fn("node20", { runtime: "nodejs20.x", code: inlineCode() }),
                fn("go-al2", { runtime: "provided.al2", handler: "bootstrap", code: new pulumi.asset.AssetArchive({ bootstrap: new pulumi.asset.StringAsset("ELF") }) }),
                fn("go-al2023", { runtime: "provided.al2023", handler: "bootstrap", code: new pulumi.asset.AssetArchive({ bootstrap: new pulumi.asset.StringAsset("ELF") }) }),
            ],
            expected: [
                ["mandatory", "lambda-supported-runtime", "go-al2", "runtime provided.al2 was deprecated on 2026-07-31"],
                ["mandatory", "lambda-supported-runtime", "node20", "runtime nodejs20.x was deprecated on 2026-04-30"],
            ],
        },
        {
            name: "runtimes: nodejs22.x judged as of 2027-03-01, 60 days before its deprecation (advisory)",
            config: () => ({ "lambda-supported-runtime": { analysisDate: "2027-03-01" } }),
            declare: () => fn("node22", { runtime: "nodejs22.x", code: inlineCode() }),
            expected: [["advisory", "lambda-supported-runtime", "node22", "runtime nodejs22.x is deprecated on 2027-04-30, in 60 day(s)"]],
        },
        {
            name: "a function left at Lambda's 3 s timeout (ES1006)",
            declare: () => fn("fn", { timeout: undefined, code: inlineCode() }),
            expected: [["advisory", "lambda-timeout-set", "fn", "timeout is unset, so Lambda's default of 3 s applies"]],
        },
        {
            name: "an execution role with a dynamodb:* aws.iam.RolePolicy and AdministratorAccess attached (WS1003, and what it leaves unread)",
            declare: () => {
                const role = new aws.iam.Role("worker-role", { assumeRolePolicy: lambdaTrust, managedPolicyArns: [aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole] });
                new aws.iam.RolePolicy("worker-table", { role: role.id, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] }) });
                new aws.iam.RolePolicyAttachment("worker-admin", { role: role.name, policyArn: aws.iam.ManagedPolicy.AdministratorAccess });
                return fn("worker", { role: role.arn, code: inlineCode() });
            },
            expected: [
                ["advisory", "lambda-role-no-wildcards", "worker-role", 'AWS-managed policy AdministratorAccess (attached by aws:iam/rolePolicyAttachment:RolePolicyAttachment "worker-admin") grants every action on every resource'],
                ["advisory", "lambda-role-no-wildcards", "worker-role", 'aws:iam/rolePolicy:RolePolicy "worker-table" allows "dynamodb:*"'],
            ],
        },
        {
            name: "one function invoked by S3 and SNS (WS1002), neither with a failure destination (ES1007)",
            declare: () => {
                const worker = fn("worker", { code: inlineCode() });
                const topic = new aws.sns.Topic("orders");
                const bucket = new aws.s3.BucketV2("uploads");
                const fromS3 = new aws.lambda.Permission("from-s3", { function: worker.name, action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceArn: bucket.arn });
                new aws.lambda.Permission("from-sns", { function: worker.name, action: "lambda:InvokeFunction", principal: "sns.amazonaws.com", sourceArn: topic.arn });
                new aws.s3.BucketNotification("uploads-notify", { bucket: bucket.id, lambdaFunctions: [{ lambdaFunctionArn: worker.arn, events: ["s3:ObjectCreated:*"] }] }, { dependsOn: [fromS3] });
                const dlq = failureQueue("orders-dlq");
                new aws.sns.TopicSubscription("orders-to-worker", { topic: topic.arn, protocol: "lambda", endpoint: worker.arn, redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn }) });
            },
            expected: [
                ["advisory", "lambda-async-failure-destination", "worker", 'is invoked asynchronously (aws:s3/bucketNotification:BucketNotification "uploads-notify"; aws:sns/topicSubscription:TopicSubscription "orders-to-worker"; permission "from-s3" for s3.amazonaws.com; permission "from-sns" for sns.amazonaws.com)'],
                ["advisory", "lambda-permission-one-principal", "worker", 'may be invoked by 2 principals: "s3.amazonaws.com" (permission "from-s3"), "sns.amazonaws.com" (permission "from-sns")'],
            ],
        },
        {
            name: "an S3-triggered function with an aws.lambda.FunctionEventInvokeConfig sending failures to SQS",
            declare: () => {
                const worker = fn("worker", { code: inlineCode() });
                const bucket = new aws.s3.BucketV2("uploads");
                new aws.lambda.Permission("from-s3", { function: worker.name, action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceArn: bucket.arn });
                const failures = failureQueue("worker-failures");
                new aws.lambda.FunctionEventInvokeConfig("worker-async", { functionName: worker.name, maximumRetryAttempts: 2, destinationConfig: { onFailure: { destination: failures.arn } } });
            },
            expected: [],
        },
        {
            name: "a DynamoDB stream feeding a function with no on-failure destination (ES1001)",
            declare: () => {
                const table = new aws.dynamodb.Table("orders", {
                    hashKey: "id",
                    attributes: [{ name: "id", type: "S" }],
                    billingMode: "PAY_PER_REQUEST",
                    streamEnabled: true,
                    streamViewType: "NEW_IMAGE",
                    pointInTimeRecovery: { enabled: true },
                });
                const worker = fn("projector", { code: inlineCode() });
                new aws.lambda.EventSourceMapping("orders-stream", { eventSourceArn: table.streamArn, functionName: worker.arn, startingPosition: "LATEST" });
            },
            expected: [["advisory", "lambda-event-source-failure-destination", "orders-stream", 'reads a DynamoDB stream ("orders") and has no destinationConfig.onFailure'],
            ],
        },
        {
            name: "SQS to Lambda: a jobs queue without a dead-letter queue (ES6000, ES1001), and one with (its dead-letter queue passes)",
            declare: () => {
                const worker = fn("worker", { code: inlineCode() });
                const jobs = new aws.sqs.Queue("jobs", { visibilityTimeoutSeconds: 60 });
                const dlq = failureQueue("safe-jobs-dlq");
                const safeJobs = new aws.sqs.Queue("safe-jobs", { visibilityTimeoutSeconds: 60, redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });
                new aws.lambda.EventSourceMapping("from-jobs", { eventSourceArn: jobs.arn, functionName: worker.name, batchSize: 10 });
                new aws.lambda.EventSourceMapping("from-safe-jobs", { eventSourceArn: safeJobs.arn, functionName: worker.name, batchSize: 10 });
            },
            expected: [
                ["advisory", "lambda-event-source-failure-destination", "from-jobs", 'reads SQS queue "jobs", which has no redrive policy'],
                ["advisory", "sqs-queue-redrive-policy", "jobs", 'SQS queue "jobs" has no redrive policy, and nothing in the stack uses it as a dead-letter queue'],
            ],
        },
        {
            name: "an SNS https subscription without a redrive policy (ES7000)",
            declare: () => {
                const topic = new aws.sns.Topic("alerts");
                new aws.sns.TopicSubscription("alerts-webhook", { topic: topic.arn, protocol: "https", endpoint: "https://hooks.example.com/alerts" });
            },
            expected: [["advisory", "sns-subscription-redrive-policy", "alerts-webhook", 'SNS subscription "alerts-webhook" (protocol "https") has no redrivePolicy']],
        },
        {
            name: "an EventBridge rule invoking a function, its target without a dead-letter queue (ES4000) and the function without a failure destination",
            declare: () => {
                const worker = fn("nightly", { code: inlineCode() });
                const rule = new aws.cloudwatch.EventRule("nightly", { scheduleExpression: "cron(0 3 * * ? *)" });
                new aws.lambda.Permission("from-events", { function: worker.name, action: "lambda:InvokeFunction", principal: "events.amazonaws.com", sourceArn: rule.arn });
                new aws.cloudwatch.EventTarget("nightly-target", { rule: rule.name, arn: worker.arn });
            },
            expected: [
                ["advisory", "eventbridge-target-dead-letter", "nightly-target", "EventBridge target \"nightly-target\" (rule \"nightly-"],
                ["advisory", "lambda-async-failure-destination", "nightly", 'is invoked asynchronously (aws:cloudwatch/eventTarget:EventTarget "nightly-target"; permission "from-events" for events.amazonaws.com)'],
            ],
        },
        {
            name: "a REST API (aws.apigateway) stage with no access logs, tracing or throttling (ES2000, WS2002, ES2003)",
            declare: () => {
                const worker = fn("api-fn", { code: inlineCode() });
                const api = new aws.apigateway.RestApi("api", {});
                const events = new aws.apigateway.Resource("events", { restApi: api.id, parentId: api.rootResourceId, pathPart: "events" });
                const get = new aws.apigateway.Method("events-get", { restApi: api.id, resourceId: events.id, httpMethod: "GET", authorization: "NONE" });
                const integration = new aws.apigateway.Integration("events-get", { restApi: api.id, resourceId: events.id, httpMethod: get.httpMethod, type: "AWS_PROXY", integrationHttpMethod: "POST", uri: worker.invokeArn });
                new aws.lambda.Permission("from-api", { function: worker.name, action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", sourceArn: pulumi.interpolate`${api.executionArn}/*/GET/events` });
                const deployment = new aws.apigateway.Deployment("api", { restApi: api.id }, { dependsOn: [integration] });
                new aws.apigateway.Stage("prod", { restApi: api.id, deployment: deployment.id, stageName: "prod" });
            },
            expected: [
                ["advisory", "apigateway-stage-logs-tracing-throttling", "prod", 'REST API stage "prod": accessLogSettings.destinationArn is unset'],
                ["advisory", "apigateway-stage-logs-tracing-throttling", "prod", 'REST API stage "prod": no method settings throttle "events/GET"'],
                ["advisory", "apigateway-stage-logs-tracing-throttling", "prod", 'REST API stage "prod": xrayTracingEnabled is unset'],
            ],
        },
        {
            name: "a REST API stage with JSON access logs, X-Ray and a */* throttle, an HTTP API stage logging key=value text (WS2001)",
            declare: () => {
                const logs = new aws.cloudwatch.LogGroup("access-logs", { retentionInDays: 30 });
                const api = new aws.apigateway.RestApi("api", { body: JSON.stringify({ openapi: "3.0.1", info: { title: "api", version: "1" }, paths: {} }) });
                const deployment = new aws.apigateway.Deployment("api", { restApi: api.id });
                const format = '{"requestId":"$context.requestId","status":$context.status,"latency":$context.integration.latency}';
                const stage = new aws.apigateway.Stage("prod", { restApi: api.id, deployment: deployment.id, stageName: "prod", xrayTracingEnabled: true, accessLogSettings: { destinationArn: logs.arn, format } });
                new aws.apigateway.MethodSettings("prod-all", { restApi: api.id, stageName: stage.stageName, methodPath: "*/*", settings: { throttlingBurstLimit: 500, throttlingRateLimit: 100 } });
                const http = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });
                new aws.apigatewayv2.Stage("http-default", {
                    apiId: http.id,
                    name: "$default",
                    autoDeploy: true,
                    accessLogSettings: { destinationArn: logs.arn, format: "$context.requestId $context.status $context.routeKey" },
                    defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 },
                });
            },
            expected: [["advisory", "api-access-logs-json", "http-default", 'HTTP API stage "http-default": the access log format "$context.requestId $context.status $context.routeKey" is not JSON']],
        },
        {
            name: "a public function URL for a webhook, and one exempted with its reason",
            config: () => ({ "policy-exemptions": { exemptions: [{ policy: "lambda-function-url-auth", resources: ["stripe-hook-url"], reason: "Stripe webhook: the handler verifies Stripe's signature" }] } }),
            declare: () => {
                const hook = fn("hook", { code: inlineCode() });
                new aws.lambda.FunctionUrl("hook-url", { functionName: hook.name, authorizationType: "NONE" });
                new aws.lambda.FunctionUrl("stripe-hook-url", { functionName: hook.name, authorizationType: "NONE" });
            },
            expected: [
                ["advisory", "lambda-function-url-auth", "hook-url", 'Lambda function URL "hook-url": authorizationType is "NONE"'],
                ["advisory", "policy-exemptions", "stripe-hook-url", "exempted: Stripe webhook: the handler verifies Stripe's signature"],
            ],
        },
        {
            name: "a database password and an AWS access key in environment variables, beside a table name taken from the table",
            declare: () => {
                const table = new aws.dynamodb.Table("events", { hashKey: "id", attributes: [{ name: "id", type: "S" }], billingMode: "PAY_PER_REQUEST", pointInTimeRecovery: { enabled: true } });
                return fn("api", {
                    code: inlineCode(),
                    environment: { variables: { TABLE_NAME: table.name, DB_PASSWORD: pulumi.secret("correct-horse-battery"), UPSTREAM_KEY_ID: "AKIAIOSFODNN7EXAMPLE" } },
                });
            },
            expected: [
                ["advisory", "lambda-no-plaintext-secrets", "api", "environment variable DB_PASSWORD has a name that says password and holds a literal value (21 characters)"],
                ["advisory", "lambda-no-plaintext-secrets", "api", "environment variable UPSTREAM_KEY_ID holds an AWS access key ID (AKIA…)"],
            ],
        },
    ];
}

export const corpusCases: CorpusCase[] = [
    {
        name: 'FileArchive("./app"): a plain folder, path relative to the program',
        files: (dir) => write(dir, { "app/index.js": handler }),
        declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./app") }),
        expected: [],
    },
    {
        name: 'FileArchive("./app") after `npm install` in the code folder (node_modules/@aws-sdk)',
        files: (dir) => write(dir, { "app/index.js": handler, ...sdkPackage("app/") }),
        declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./app") }),
        expected: [["mandatory", sdk, "fn", "ships the AWS SDK: node_modules/@aws-sdk/ (in <dir>/app)"]],
    },
    {
        name: "FileArchive(absolute folder) with AWS SDK v2 (node_modules/aws-sdk), no program root needed",
        files: (dir) => write(dir, { "app/index.js": handler, "app/node_modules/aws-sdk/package.json": '{ "name": "aws-sdk", "version": "2.1693.0" }' }),
        config: () => ({}),
        declare: (dir) => fn("fn", { code: new pulumi.asset.FileArchive(path.join(dir, "app")) }),
        expected: [["mandatory", sdk, "fn", "ships the AWS SDK: node_modules/aws-sdk/ (in <dir>/app)"]],
    },
    {
        name: 'FileArchive("./dist/fn.zip"): a zip of an esbuild bundle with the SDK inlined (cjs, minified)',
        files: async (dir) => write(dir, { "dist/fn.zip": writeZip([{ path: "index.js", content: await bundle("cjs", true) }], { deflate: true }) }),
        declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./dist/fn.zip") }),
        expected: [["mandatory", sdk, "fn", `${inlined("index.js")} (user agent "aws-sdk-js", header "x-amz-user-agent", AWS_SDK_UA_APP_ID) (in <dir>/dist/fn.zip)`]],
    },
    {
        name: 'AssetArchive of FileAsset("./build/index.mjs"): esbuild, SDK inlined (esm)',
        files: async (dir) => write(dir, { "build/index.mjs": await bundle("esm", false) }),
        declare: () => fn("fn", { handler: "index.handler", code: new pulumi.asset.AssetArchive({ "index.mjs": new pulumi.asset.FileAsset("./build/index.mjs") }) }),
        expected: [["mandatory", sdk, "fn", inlined("index.mjs")]],
    },
    ...bundledSdkCases,
    {
        name: 'esbuild bundle with the SDK external (external: ["@aws-sdk/*"]), zipped',
        files: async (dir) => write(dir, { "dist/fn.zip": writeZip([{ path: "index.js", content: await bundle("cjs", true, true) }], { deflate: true }) }),
        declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./dist/fn.zip") }),
        expected: [],
    },
    {
        name: "code not built before the preview (the relative zip does not exist)",
        declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./dist/missing.zip") }),
        expected: [["mandatory", sdk, "fn", "cannot find its code, so the AWS SDK check cannot pass: ./dist/missing.zip: not found at <dir>/dist/missing.zip (relative to the program's folder <dir>, from pack config programRoot <dir>)"]],
    },
    {
        name: "Pulumi.yaml main: src/, so ./app is src/app",
        manifest: "name: team\nruntime: nodejs\nmain: src/\n",
        files: (dir) => write(dir, { "src/index.ts": "", "src/app/index.js": handler, ...sdkPackage("src/app/") }),
        declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./app") }),
        expected: [["mandatory", sdk, "fn", "node_modules/@aws-sdk/ (in <dir>/src/app)"]],
    },
    ...layoutCases(),
    {
        name: "a corrupt zip (truncated upload)",
        files: (dir) => write(dir, { "dist/fn.zip": writeZip([{ path: "index.js", content: handler }]).subarray(0, 40) }),
        declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./dist/fn.zip") }),
        expected: [["mandatory", sdk, "fn", "cannot read its code, so the AWS SDK check cannot pass: <dir>/dist/fn.zip: cannot read the archive: no end-of-central-directory record"]],
    },
    {
        name: "aws.lambda.CallbackFunction with @aws-sdk/client-dynamodb in package.json dependencies",
        cwd: true,
        files: (dir) =>
            write(dir, {
                "package.json": JSON.stringify({ name: "team-app", version: "1.0.0", dependencies: { "@aws-sdk/client-dynamodb": "^3.0.0" } }),
                // Its own dependencies left out: @pulumi/aws would warn for each one missing.
                ...sdkPackage("", "@aws-sdk/client-dynamodb", true),
            }),
        declare: () => new aws.lambda.CallbackFunction("fn", { ...callbackArgs, callback: async () => ({ statusCode: 200 }) }),
        expected: [["mandatory", sdk, "fn", "ships the AWS SDK: node_modules/@aws-sdk/"]],
    },
    {
        name: "aws.lambda.CallbackFunction whose dependencies leave the SDK out",
        cwd: true,
        files: (dir) =>
            write(dir, {
                "package.json": JSON.stringify({ name: "team-app", version: "1.0.0", dependencies: { "left-pad": "1.3.0" } }),
                "node_modules/left-pad/package.json": '{ "name": "left-pad", "version": "1.3.0", "main": "index.js" }',
                "node_modules/left-pad/index.js": "module.exports = (s) => s;\n",
            }),
        declare: () => new aws.lambda.CallbackFunction("fn", { ...callbackArgs, callback: async () => ({ statusCode: 200 }) }),
        expected: [],
    },
    {
        name: "an aws.lambda.LayerVersion carrying nodejs/node_modules/@aws-sdk, attached to a function",
        files: (dir) => write(dir, { "app/index.js": handler, ...sdkPackage("layer/nodejs/", "@aws-sdk/client-dynamodb") }),
        declare: () => {
            const layer = new aws.lambda.LayerVersion("sdk-layer", { layerName: "sdk-layer", code: new pulumi.asset.FileArchive("./layer") });
            return fn("fn", { code: new pulumi.asset.FileArchive("./app"), layers: [layer.arn] });
        },
        expected: [["mandatory", sdk, "sdk-layer", 'Lambda layer "sdk-layer" (used by "fn") ships the AWS SDK: nodejs/node_modules/@aws-sdk/ (in <dir>/layer)']],
    },
    {
        name: "an aws.lambda.LayerVersion with other libraries only",
        files: (dir) => write(dir, { "app/index.js": handler, "layer/nodejs/node_modules/left-pad/package.json": '{ "name": "left-pad" }' }),
        declare: () => {
            const layer = new aws.lambda.LayerVersion("libs", { layerName: "libs", code: new pulumi.asset.FileArchive("./layer") });
            return fn("fn", { code: new pulumi.asset.FileArchive("./app"), layers: [layer.arn] });
        },
        expected: [],
    },
    {
        name: "a Python layer vendored with pip install -t python/ (boto3)",
        files: (dir) => write(dir, { "layer/python/boto3/__init__.py": "__version__ = '1.35.0'\n", "layer/python/requests/__init__.py": "" }),
        declare: () => new aws.lambda.LayerVersion("py-layer", { layerName: "py-layer", compatibleRuntimes: ["python3.12"], code: new pulumi.asset.FileArchive("./layer") }),
        expected: [["mandatory", sdk, "py-layer", "ships the AWS SDK: python/boto3/ (in <dir>/layer)"]],
    },
    {
        name: "a layer from outside the stack (Powertools' public layer ARN)",
        files: (dir) => write(dir, { "app/index.js": handler }),
        declare: () =>
            fn("fn", { code: new pulumi.asset.FileArchive("./app"), layers: ["arn:aws:lambda:eu-west-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:18"] }),
        expected: [["advisory", reach, "fn", "cannot reach layer arn:aws:lambda:eu-west-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:18: not declared in this stack"]],
    },
    {
        name: "aws-native:lambda:Function at 128 MB on x86_64 with inline code.zipFile",
        declare: () => new NativeResource("aws-native:lambda:Function", "native-fn", { ...nativeSettings, code: { zipFile: handler }, memorySize: 128, architectures: ["x86_64"] }),
        expected: [
            ["mandatory", arm64, "native-fn", 'Lambda function "native-fn": architectures is ["x86_64"]'],
            ["mandatory", memory, "native-fn", 'Lambda function "native-fn": memorySize is 128 MB'],
        ],
    },
    {
        name: "aws-native:lambda:Function, arm64 at 1024 MB, inline code.zipFile",
        declare: () => new NativeResource("aws-native:lambda:Function", "native-fn", { ...nativeSettings, code: { zipFile: handler }, memorySize: 1024, architectures: ["arm64"] }),
        expected: [],
    },
    {
        name: "aws-native:lambda:Function whose code.s3Key is an aws.s3.BucketObjectv2 the stack uploads, with the SDK",
        files: (dir) => write(dir, { "app/index.js": handler, ...sdkPackage("app/") }),
        declare: () => {
            const bucket = new aws.s3.Bucket("artifacts", {});
            const object = new aws.s3.BucketObjectv2("fn-code", { bucket: bucket.id, key: "fn.zip", source: new pulumi.asset.FileArchive("./app") });
            return new NativeResource("aws-native:lambda:Function", "native-fn", {
                ...nativeSettings,
                code: { s3Bucket: bucket.id, s3Key: object.key },
                memorySize: 1024,
                architectures: ["arm64"],
            });
        },
        expected: [["mandatory", sdk, "native-fn", 'ships the AWS SDK: node_modules/@aws-sdk/ (in <dir>/app, uploaded to s3://(bucket unknown at preview)/fn.zip by BucketObjectv2 "fn-code")']],
    },
    {
        name: "aws-native:lambda:LayerVersion whose content is an S3 object the stack uploads, with the SDK",
        files: (dir) => write(dir, sdkPackage("layer/nodejs/")),
        declare: () => {
            const bucket = new aws.s3.Bucket("artifacts", {});
            const object = new aws.s3.BucketObjectv2("layer-code", { bucket: bucket.id, key: "layer.zip", source: new pulumi.asset.FileArchive("./layer") });
            return new NativeResource("aws-native:lambda:LayerVersion", "native-layer", { content: { s3Bucket: bucket.id, s3Key: object.key }, compatibleRuntimes: ["nodejs22.x"] });
        },
        expected: [["mandatory", sdk, "native-layer", 'Lambda layer "native-layer" ships the AWS SDK: nodejs/node_modules/@aws-sdk/']],
    },
    {
        name: "code the stack uploads itself: BucketObjectv2 source FileArchive with the SDK, function s3Bucket/s3Key (SST style)",
        files: (dir) => write(dir, { "app/index.js": handler, ...sdkPackage("app/") }),
        declare: () => {
            const bucket = new aws.s3.Bucket("artifacts", {});
            const object = new aws.s3.BucketObjectv2("fn-code", { bucket: bucket.id, key: "fn.zip", source: new pulumi.asset.FileArchive("./app") });
            return fn("fn", { s3Bucket: bucket.id, s3Key: object.key });
        },
        expected: [["mandatory", sdk, "fn", 'ships the AWS SDK: node_modules/@aws-sdk/ (in <dir>/app, uploaded to s3://(bucket unknown at preview)/fn.zip by BucketObjectv2 "fn-code")']],
    },
    {
        name: "code the stack uploads itself as a zip FileAsset (aws.s3.BucketObject), SDK external",
        files: async (dir) => write(dir, { "dist/fn.zip": writeZip([{ path: "index.js", content: await bundle("cjs", true, true) }], { deflate: true }) }),
        declare: () => {
            const object = new aws.s3.BucketObject("fn-code", { bucket: "team-artifacts", key: "fn.zip", source: new pulumi.asset.FileAsset("./dist/fn.zip") });
            return fn("fn", { s3Bucket: "team-artifacts", s3Key: object.key });
        },
        expected: [],
    },
    {
        name: "s3Bucket/s3Key literals naming an object the same stack uploads (found by bucket and key)",
        files: (dir) => write(dir, { "app/index.js": handler, ...sdkPackage("app/") }),
        declare: () => [
            new aws.s3.BucketObjectv2("fn-code", { bucket: "team-artifacts", key: "fn.zip", source: new pulumi.asset.FileArchive("./app") }),
            fn("fn", { s3Bucket: "team-artifacts", s3Key: "fn.zip" }),
        ],
        expected: [["mandatory", sdk, "fn", 'node_modules/@aws-sdk/ (in <dir>/app, uploaded to s3://team-artifacts/fn.zip by BucketObjectv2 "fn-code")']],
    },
    {
        name: "code uploaded to S3 outside the stack (by CI): s3Bucket/s3Key literals",
        declare: () => fn("fn", { s3Bucket: "team-artifacts", s3Key: "builds/fn-1234.zip" }),
        expected: [["advisory", reach, "fn", "cannot reach s3://team-artifacts/builds/fn-1234.zip: not uploaded by this stack, so the pack cannot read it"]],
    },
    {
        name: "code uploaded to S3 outside the stack, with lambda-code-inspectable made mandatory in the pack config",
        config: () => ({ [reach]: "mandatory" }),
        declare: () => fn("fn", { s3Bucket: "team-artifacts", s3Key: "builds/fn-1234.zip" }),
        expected: [["mandatory", reach, "fn", "cannot reach s3://team-artifacts/builds/fn-1234.zip"]],
    },
    {
        name: "a container image function (packageType Image)",
        declare: () => fn("fn", { packageType: "Image", imageUri: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:1", runtime: undefined, handler: undefined }),
        expected: [["advisory", reach, "fn", "cannot reach container image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:1: images are built and pulled outside the preview"]],
    },
    {
        name: "a RemoteArchive (code fetched from a URL at deploy time)",
        declare: () => fn("fn", { code: new pulumi.asset.RemoteArchive("https://releases.example.com/fn-1.2.3.zip") }),
        expected: [["advisory", reach, "fn", "cannot reach remote archive https://releases.example.com/fn-1.2.3.zip: fetched at deploy time"]],
    },
    {
        name: "a Python function zipped after pip install --target package/ (boto3 vendored)",
        files: (dir) =>
            write(dir, {
                "dist/fn.zip": writeZip(
                    [
                        { path: "lambda_function.py", content: "import boto3\n" },
                        { path: "package/boto3/__init__.py", content: "__version__ = '1.35.0'\n" },
                        { path: "package/botocore/__init__.py", content: "" },
                    ],
                    { deflate: true },
                ),
            }),
        declare: () => fn("fn", { runtime: "python3.12", handler: "lambda_function.handler", code: new pulumi.asset.FileArchive("./dist/fn.zip") }),
        expected: [["mandatory", sdk, "fn", "ships the AWS SDK: package/boto3/ (in <dir>/dist/fn.zip); package/botocore/ (in <dir>/dist/fn.zip)"]],
    },
    {
        name: "a Python function with its own package only (boto3 from the runtime)",
        files: (dir) => write(dir, { "src/lambda_function.py": "import boto3\n", "src/package/requests/__init__.py": "" }),
        declare: () => fn("fn", { runtime: "python3.12", handler: "lambda_function.handler", code: new pulumi.asset.FileArchive("./src") }),
        expected: [],
    },
    {
        name: "a function whose code is not an archive (a string where the provider expects one)",
        declare: () => new LooseResource("aws:lambda/function:Function", "fn", { ...fnArgs({}), code: "s3://team-artifacts/fn.zip" }),
        expected: [["advisory", reach, "fn", "cannot reach s3://team-artifacts/fn.zip (a string, not a Pulumi asset or archive): a URL, which the pack cannot fetch"]],
    },
    {
        name: "an aws.lambda.Function left at Lambda's defaults (no memorySize, no architectures)",
        files: (dir) => write(dir, { "app/index.js": handler }),
        declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./app"), memorySize: undefined, architectures: undefined }),
        expected: [
            ["mandatory", arm64, "fn", "architectures is unset, so Lambda runs it on x86_64"],
            ["mandatory", memory, "fn", "memorySize is unset, so Lambda gives it 128 MB"],
        ],
    },
    {
        name: "one function with every problem: 128 MB, x86_64 and the SDK (no verdict lost)",
        files: (dir) => write(dir, { "app/index.js": handler, ...sdkPackage("app/") }),
        declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./app"), memorySize: 128, architectures: ["x86_64"] }),
        expected: [
            ["mandatory", arm64, "fn", 'architectures is ["x86_64"]'],
            ["mandatory", memory, "fn", "memorySize is 128 MB"],
            ["mandatory", sdk, "fn", "node_modules/@aws-sdk/ (in <dir>/app)"],
        ],
    },
    {
        name: "this project's index.ts, stack dev (Pulumi.dev.yaml): write routes open on purpose, no issuer configured",
        stack: "dev",
        expected: [
            ["advisory", "apigatewayv2-write-routes-authorized", "events-api-dev-create-event-route", '(POST /events): authorizationType is "NONE"'],
            ["advisory", "apigatewayv2-write-routes-authorized", "events-api-dev-delete-event-route", '(DELETE /events/{id}): authorizationType is "NONE"'],
        ],
    },
    { name: "this project's index.ts, stack prod (Pulumi.prod.yaml)", stack: "prod", expected: [] },
    {
        name: 'aws.s3.BucketObjectv2 source: "dist/handler.zip", a string path (zip streamed by Info-ZIP, the SDK inside)',
        files: (dir) => {
            fs.mkdirSync(path.join(dir, "dist"));
            fs.renameSync(zipStreamed(dir), path.join(dir, "dist", "handler.zip"));
        },
        declare: () => [
            new LooseResource("aws:s3/bucketObjectv2:BucketObjectv2", "fn-code", { bucket: "team-artifacts", key: "fn.zip", source: "dist/handler.zip" }),
            fn("fn", { s3Bucket: "team-artifacts", s3Key: "fn.zip" }),
        ],
        expected: [["mandatory", sdk, "fn", "a string, not a Pulumi asset or archive, read as the file it names"]],
    },
    {
        name: "a ZIP64 zip of 70,001 entries (Python's zipfile), the SDK the last entry",
        files: (dir) => void zip64(dir),
        declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./zip64.zip") }),
        expected: [["mandatory", sdk, "fn", "ships the AWS SDK: node_modules/@aws-sdk/ (in <dir>/zip64.zip)"]],
    },
    {
        name: "npm pack's tgz (pax headers), a bundle with the SDK inlined at a long path",
        files: (dir) => void fs.renameSync(npmPack(dir), path.join(dir, "team-fn.tgz")),
        declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./team-fn.tgz") }),
        expected: [["mandatory", sdk, "fn", "@aws-sdk/core inlined"]],
    },
    {
        name: "Lambda@Edge: a viewer-request function at 128 MB on x86_64 and an origin-response one at 1024 MB, on an aws.cloudfront.Distribution",
        declare: () => {
            const edge = (name: string, memorySize: number) => fn(name, { publish: true, memorySize, architectures: ["x86_64"], code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(handler) }) });
            const viewer = edge("viewer-auth", 128);
            const origin = edge("origin-resize", 1024);
            return new LooseResource("aws:cloudfront/distribution:Distribution", "cdn", {
                defaultCacheBehavior: { lambdaFunctionAssociations: [{ eventType: "viewer-request", lambdaArn: viewer.qualifiedArn }] },
                orderedCacheBehaviors: [{ pathPattern: "/img/*", lambdaFunctionAssociations: [{ eventType: "origin-response", lambdaArn: origin.qualifiedArn }] }],
            });
        },
        expected: [
            ["advisory", "policy-exemptions", "origin-resize", "exempted: Lambda@Edge: CloudFront runs Lambda@Edge functions on x86_64 only"],
            ["advisory", "policy-exemptions", "viewer-auth", "exempted: Lambda@Edge viewer trigger: CloudFront caps viewer-request and viewer-response functions at 128 MB"],
            ["advisory", "policy-exemptions", "viewer-auth", "exempted: Lambda@Edge: CloudFront runs Lambda@Edge functions on x86_64 only"],
        ],
    },
    {
        name: "a Go function's zip (Info-ZIP) whose bootstrap is built for amd64, on arm64",
        files: (dir) => zipFolder(tree(dir, "go", (at) => place(goExecutable, at, "bootstrap")), path.join(dir, "dist", "go.zip")),
        declare: () => fn("go-fn", { runtime: "provided.al2023", handler: "bootstrap", code: new pulumi.asset.FileArchive("./dist/go.zip") }),
        expected: [["mandatory", arm64, "go-fn", 'Lambda function "go-fn": architectures is ["arm64"], but its code holds binaries built for another machine, which cannot run on arm64: x86-64 bootstrap (in <dir>/dist/go.zip)']],
    },
    {
        name: "a Node.js function on arm64 with an npm package carrying prebuilt addons for every platform (classic-level)",
        files: (dir) => installClassicLevel(tree(dir, "app", (at) => write(at, { "index.js": handler }))),
        declare: () => fn("fn", { code: new pulumi.asset.FileArchive("./app") }),
        expected: [],
    },
    {
        name: "exemptions: a pack config pattern for an amd64 Go function, and a tag the config allows",
        config: () => ({
            "policy-exemptions": {
                exemptions: [{ policy: arm64, resources: ["go-*"], reason: "amd64-only vendor library" }],
                allowTagExemptions: [memory],
            },
        }),
        declare: () => [
            fn("go-legacy", { runtime: "provided.al2023", handler: "bootstrap", architectures: ["x86_64"], code: new pulumi.asset.AssetArchive({ bootstrap: new pulumi.asset.StringAsset("ELF") }) }),
            fn("tiny", { memorySize: 128, tags: { "policy-exemption:lambda-memory-above-128mb": "measured: 128 MB is enough" }, code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(handler) }) }),
        ],
        expected: [
            ["advisory", "policy-exemptions", "go-legacy", 'exempted: amd64-only vendor library (lambda-arm64-architecture does not apply to aws:lambda/function:Function "go-legacy", by pack config pattern "go-*")'],
            ["advisory", "policy-exemptions", "tiny", 'exempted: measured: 128 MB is enough (lambda-memory-above-128mb does not apply to aws:lambda/function:Function "tiny", by tag "policy-exemption:lambda-memory-above-128mb")'],
        ],
    },
    ...ruleCases(),
];
