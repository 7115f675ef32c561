import * as esbuild from "esbuild";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import * as pulumi from "@pulumi/pulumi";
import { bundleHandler, esbuildOptions, projectRoot } from "../../components/bundle";
import { routes } from "../../components/routes";
import { FileSpec, writeTar, writeZip } from "./archive-writers";

/**
 * The SDK detector's corpus, built from the real packages installed here: code that carries the AWS
 * SDK (bundled clients, package folders, Python boto3) and code that does not (this project's handler
 * bundles, clients left external, other libraries, near-miss folder names). Built once per test run
 * into a temporary folder, removed when the process exits.
 */
export interface CorpusSample {
    label: string;
    code: pulumi.asset.Archive;
    carriesSdk: boolean;
}

export type Format = "cjs" | "esm";
const variants: { format: Format; minify: boolean }[] = [
    { format: "cjs", minify: true },
    { format: "cjs", minify: false },
    { format: "esm", minify: true },
    { format: "esm", minify: false },
];

/** A Lambda handler source using one SDK package, as a user would write it. */
export const sdkHandlers: Record<string, string> = {
    "client-dynamodb": `import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
        const client = new DynamoDBClient({});
        export const handler = async (e) => client.send(new GetItemCommand({ TableName: "t", Key: { pk: { S: e.id } } }));`,
    "client-s3": `import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";
        const client = new S3Client({});
        export const handler = async (e) => client.send(new GetObjectCommand({ Bucket: "b", Key: e.key }));`,
    "client-sqs": `import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";
        const client = new SQSClient({});
        export const handler = async (e) => client.send(new SendMessageCommand({ QueueUrl: "q", MessageBody: e.body }));`,
    "lib-dynamodb": `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
        import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
        const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
        export const handler = async (e) => client.send(new GetCommand({ TableName: "t", Key: { pk: e.id } }));`,
};

/** Libraries that are not the SDK, some from the SDK's own neighbourhood (@smithy), to catch false alarms. */
const otherLibraries = [
    "protobufjs",
    "@grpc/grpc-js",
    "google-protobuf",
    "js-yaml",
    "yaml",
    "semver",
    "fast-check",
    "ajv",
    "minimist",
    "@smithy/core",
    "@smithy/node-http-handler",
    "@smithy/fetch-http-handler",
    "@smithy/signature-v4",
    "@smithy/credential-provider-imds",
];

/** Application code that names the SDK without carrying it. */
const nearMissSources: Record<string, string> = {
    "uuid-like ids and one SDK string in a log line": `import { randomUUID } from "crypto";
        export const handler = async () => { console.log("client is aws-sdk-js, provided by the runtime"); return randomUUID(); };`,
    "a dynamic require of the SDK": `export const handler = async (e) => { const { S3Client } = require("@aws-sdk/client-s3"); return new S3Client({ region: e.region }); };`,
};

export async function build(contents: string, format: Format, minify: boolean, external: string[] = []): Promise<string> {
    const result = await esbuild.build({
        stdin: { contents, resolveDir: projectRoot, loader: "ts", sourcefile: "handler.ts" },
        bundle: true,
        write: false,
        platform: "node",
        target: "node22",
        format,
        minify,
        external,
        legalComments: "none",
        logLevel: "silent",
    });
    return result.outputFiles[0].text;
}

function inline(fileName: string, code: string): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({ [fileName]: new pulumi.asset.StringAsset(code) });
}

function entryFile(format: Format): string {
    return format === "esm" ? "index.mjs" : "index.js";
}

function variantLabel(format: Format, minify: boolean): string {
    return `${format}${minify ? ", minified" : ""}`;
}

class CorpusFolder {
    constructor(readonly root: string) {}

    /** Writes `files` under `name` and returns the folder's path. */
    folder(name: string, files: FileSpec[]): string {
        const dir = path.join(this.root, name);
        for (const file of files) {
            const target = path.join(dir, file.path);
            if (file.content === undefined) {
                fs.mkdirSync(target, { recursive: true });
            } else {
                fs.mkdirSync(path.dirname(target), { recursive: true });
                fs.writeFileSync(target, file.content);
            }
        }
        return dir;
    }

    file(name: string, content: Buffer | string): string {
        const target = path.join(this.root, name);
        fs.writeFileSync(target, content);
        return target;
    }

    /** The same files as a folder, a zip, a jar-named zip, a tar and a tgz, each a FileArchive. */
    layouts(name: string, files: FileSpec[], carriesSdk: boolean): CorpusSample[] {
        const archive = (file: string) => new pulumi.asset.FileArchive(file);
        return [
            { label: `${name} (folder)`, code: archive(this.folder(name, files)), carriesSdk },
            { label: `${name} (zip)`, code: archive(this.file(`${name}.zip`, writeZip(files, { deflate: true }))), carriesSdk },
            { label: `${name} (jar)`, code: archive(this.file(`${name}.jar`, writeZip(files))), carriesSdk },
            { label: `${name} (tar)`, code: archive(this.file(`${name}.tar`, writeTar(files))), carriesSdk },
            { label: `${name} (tgz)`, code: archive(this.file(`${name}.tgz`, zlib.gzipSync(writeTar(files)))), carriesSdk },
        ];
    }
}

export function installedManifest(packageName: string): string {
    return fs.readFileSync(path.join(projectRoot, "node_modules", packageName, "package.json"), "utf8");
}

const handlerSource = 'const { S3Client } = require("@aws-sdk/client-s3");\nexports.handler = async () => new S3Client({});\n';

async function bundledSdkSamples(corpus: CorpusFolder): Promise<CorpusSample[]> {
    const jobs = Object.entries(sdkHandlers).flatMap(([name, source]) =>
        variants.map(async ({ format, minify }) => ({
            label: `@aws-sdk/${name} bundled (${variantLabel(format, minify)})`,
            code: inline(entryFile(format), await build(source, format, minify)),
            carriesSdk: true,
        })),
    );
    const partial = [
        build(sdkHandlers["lib-dynamodb"], "cjs", true, ["@aws-sdk/client-dynamodb"]).then((code) => ({
            label: "@aws-sdk/lib-dynamodb bundled, client-dynamodb external (cjs, minified)",
            code: inline("index.js", code),
            carriesSdk: true,
        })),
        build(`export { marshall } from "@aws-sdk/util-dynamodb";`, "esm", true).then((code) => ({
            label: "@aws-sdk/util-dynamodb's marshall alone (esm, minified)",
            code: inline("index.mjs", code),
            carriesSdk: true,
        })),
    ];
    const handlers = routes.map(async (route) => ({
        label: `${route.entry} bundled with the SDK (bundleAwsSdk: true)`,
        code: inline("index.js", (await bundleHandler(route.entry, { bundleAwsSdk: true })).code),
        carriesSdk: true,
    }));
    const samples: CorpusSample[] = await Promise.all([...jobs, ...partial, ...handlers]);
    const s3 = await build(sdkHandlers["client-s3"], "esm", true);
    const asFile = corpus.file("s3-bundle.mjs", s3);
    samples.push(
        { label: "bundled client-s3 as a FileAsset", code: new pulumi.asset.AssetArchive({ "index.mjs": new pulumi.asset.FileAsset(asFile) }), carriesSdk: true },
        {
            label: "bundled client-s3 three AssetArchives deep",
            code: new pulumi.asset.AssetArchive({ lib: new pulumi.asset.AssetArchive({ vendor: inline("sdk.mjs", s3) }) }),
            carriesSdk: true,
        },
        ...corpus.layouts("bundled-client-s3", [{ path: "index.mjs", content: s3 }], true),
    );
    return samples;
}

function sdkFolderSamples(corpus: CorpusFolder): CorpusSample[] {
    const v3 = [
        { path: "index.js", content: handlerSource },
        { path: "node_modules/@aws-sdk/client-s3/package.json", content: installedManifest("@aws-sdk/client-s3") },
        { path: "node_modules/@aws-sdk/client-s3/dist-cjs/index.js", content: "module.exports = {};\n" },
    ];
    const v2 = [
        { path: "index.js", content: 'const AWS = require("aws-sdk");\nexports.handler = async () => new AWS.S3();\n' },
        { path: "node_modules/aws-sdk/package.json", content: '{ "name": "aws-sdk", "version": "2.1693.0" }' },
        { path: "node_modules/aws-sdk/lib/aws.js", content: "module.exports = {};\n" },
    ];
    const layer = [
        { path: "nodejs/node_modules/@aws-sdk/client-dynamodb/package.json", content: installedManifest("@aws-sdk/client-dynamodb") },
    ];
    const python = [
        { path: "lambda_function.py", content: "import boto3\n\ndef handler(event, context):\n    return boto3.client('s3')\n" },
        { path: "boto3/__init__.py", content: "__version__ = '1.35.0'\n" },
        { path: "botocore/__init__.py", content: "__version__ = '1.35.0'\n" },
    ];
    const botocoreOnly = [{ path: "app.py", content: "import botocore\n" }, { path: "vendor/botocore/session.py", content: "" }];
    const distInfo = [{ path: "boto3-1.35.0.dist-info/METADATA", content: "Name: boto3\n" }];
    const vendored = [{ path: "vendor/sqs/package.json", content: installedManifest("@aws-sdk/client-sqs") }];
    const emptyFolder = [{ path: "node_modules/@aws-sdk/" }];
    const nested = new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset(handlerSource),
        node_modules: new pulumi.asset.FileArchive(corpus.folder("modules-only", v3.slice(1).map((f) => ({ ...f, path: f.path.replace("node_modules/", "") })))),
    });
    return [
        ...corpus.layouts("node_modules-aws-sdk-v3", v3, true),
        ...corpus.layouts("node_modules-aws-sdk-v2", v2, true),
        ...corpus.layouts("layer-nodejs-node_modules", layer, true),
        ...corpus.layouts("python-boto3", python, true),
        ...corpus.layouts("python-vendored-botocore", botocoreOnly, true),
        ...corpus.layouts("python-boto3-dist-info", distInfo, true),
        ...corpus.layouts("vendored-sdk-package", vendored, true),
        ...corpus.layouts("empty-aws-sdk-folder", emptyFolder, true),
        { label: "node_modules folder nested in an AssetArchive", code: nested, carriesSdk: true },
    ];
}

async function compliantSamples(corpus: CorpusFolder): Promise<CorpusSample[]> {
    const handlerBundles = routes.flatMap((route) => [
        bundleHandler(route.entry).then((bundle) => ({ label: `${route.entry} (as deployed)`, code: inline("index.js", bundle.code), carriesSdk: false })),
        bundleHandler(route.entry, { minify: false }).then((bundle) => ({
            label: `${route.entry} (unminified)`,
            code: inline("index.js", bundle.code),
            carriesSdk: false,
        })),
        esbuild.build({ ...esbuildOptions(route.entry), format: "esm", outfile: "index.mjs" }).then((result) => ({
            label: `${route.entry} (esm, SDK external)`,
            code: inline("index.mjs", result.outputFiles?.[0].text ?? ""),
            carriesSdk: false,
        })),
    ]);
    const externalClients = Object.entries(sdkHandlers).flatMap(([name, source]) =>
        variants.map(async ({ format, minify }) => ({
            label: `@aws-sdk/${name} external (${variantLabel(format, minify)})`,
            code: inline(entryFile(format), await build(source, format, minify, ["@aws-sdk/*"])),
            carriesSdk: false,
        })),
    );
    const libraries = otherLibraries.flatMap((name) =>
        [variants[0], variants[3]].map(async ({ format, minify }) => ({
            label: `${name} bundled (${variantLabel(format, minify)})`,
            code: inline(entryFile(format), await build(`export * from "${name}";`, format, minify)),
            carriesSdk: false,
        })),
    );
    const nearMisses = Object.entries(nearMissSources).map(async ([label, source]) => ({
        label,
        code: inline("index.js", await build(source, "cjs", true, ["@aws-sdk/*"])),
        carriesSdk: false,
    }));
    const samples: CorpusSample[] = await Promise.all([...handlerBundles, ...externalClients, ...libraries, ...nearMisses]);
    const neighbours = [
        { path: "index.js", content: handlerSource },
        { path: "package.json", content: '{ "name": "my-function", "dependencies": { "@aws-sdk/client-s3": "^3.0.0" } }' },
        { path: "node_modules/@smithy/core/package.json", content: installedManifest("@smithy/core") },
        { path: "node_modules/@aws-lambda-powertools/logger/package.json", content: '{ "name": "@aws-lambda-powertools/logger" }' },
        { path: "node_modules/aws-sdk-client-mock/package.json", content: '{ "name": "aws-sdk-client-mock" }' },
        { path: "node_modules/@types/aws-lambda/index.d.ts", content: "export {};\n" },
        { path: "src/aws-sdk/notes.txt", content: "not a node_modules folder\n" },
        { path: "mypy_boto3_s3/__init__.py", content: "" },
        { path: "boto3-stubs/__init__.pyi", content: "" },
        { path: "tests/boto3.py", content: "" },
    ];
    samples.push(...corpus.layouts("near-miss-folders", neighbours, false));
    return samples;
}

let corpus: Promise<CorpusSample[]> | undefined;

/** The whole corpus, built on first use and shared by every test of the run. */
export function sdkCorpus(): Promise<CorpusSample[]> {
    if (!corpus) {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "events-api-sdk-corpus-"));
        process.once("exit", () => fs.rmSync(root, { recursive: true, force: true }));
        const folder = new CorpusFolder(root);
        corpus = Promise.all([bundledSdkSamples(folder), compliantSamples(folder)]).then(([withSdk, withoutSdk]) => [
            ...withSdk,
            ...sdkFolderSamples(folder),
            ...withoutSdk,
        ]);
    }
    return corpus;
}
