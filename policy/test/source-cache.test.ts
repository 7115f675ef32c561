import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyPackProcess } from "../../tools/analyzer/pack-process";
import { programRootVariable } from "../inspection/program-root";
import { readLogVariable } from "../inspection/source-cache";
import { deploy, rows } from "./harness";

const role = "arn:aws:iam::123456789012:role/team-fn";
const settings = { role, runtime: "nodejs22.x", memorySize: 512, architectures: ["arm64"], tracingConfig: { mode: "Active" }, loggingConfig: { logFormat: "JSON", logGroup: "team-fn-logs" } };
const sdk = "lambda-no-bundled-aws-sdk";

function write(dir: string, files: Record<string, string>): void {
    for (const [file, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
    }
}

describe("each distinct folder or archive is read once per stack analysis, through the pack process", function () {
    this.timeout(120_000);
    let dir: string;
    let log: string;
    let pack: PolicyPackProcess;

    before(async () => {
        dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "events-api-reads-")));
        log = path.join(dir, "reads.log");
        write(dir, {
            "Pulumi.yaml": "name: team\nruntime: nodejs\n",
            "package.json": JSON.stringify({ name: "team-app", version: "1.0.0", dependencies: { "left-pad": "1.3.0", "is-odd": "3.0.1" } }),
            "node_modules/left-pad/package.json": '{ "name": "left-pad", "version": "1.3.0", "main": "index.js" }',
            "node_modules/left-pad/index.js": "module.exports = (s) => s;\n",
            "node_modules/is-odd/package.json": '{ "name": "is-odd", "version": "3.0.1", "main": "index.js" }',
            "node_modules/is-odd/index.js": "module.exports = (n) => n % 2 === 1;\n",
            "build/index.js": "exports.handler = async () => 1;\n",
            "zip-src/index.js": "exports.handler = async () => 2;\n",
        });
        execFileSync("zip", ["-qr", path.join(dir, "fn.zip"), "."], { cwd: path.join(dir, "zip-src") });
        pack = await PolicyPackProcess.start({ env: { [programRootVariable]: undefined, [readLogVariable]: log } });
    });
    after(() => {
        pack?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Ten CallbackFunctions packing the same two node_modules folders, five functions on one build folder, three on one zip and one more through S3. */
    const stack = () => {
        for (let i = 0; i < 10; i++) new aws.lambda.CallbackFunction(`callback-${i}`, { ...settings, callback: async () => ({ statusCode: 200 }) });
        for (let i = 0; i < 5; i++) new aws.lambda.Function(`built-${i}`, { ...settings, handler: "index.handler", code: new pulumi.asset.FileArchive("./build") });
        for (let i = 0; i < 3; i++) new aws.lambda.Function(`zipped-${i}`, { ...settings, handler: "index.handler", code: new pulumi.asset.FileArchive("./fn.zip") });
        const object = new aws.s3.BucketObjectv2("fn-code", { bucket: "artifacts", key: "fn.zip", source: new pulumi.asset.FileAsset("./fn.zip") });
        new aws.lambda.Function("from-s3", { ...settings, handler: "index.handler", s3Bucket: "artifacts", s3Key: object.key });
    };
    const analyse = async () => {
        fs.writeFileSync(log, "");
        const analysis = await deploy(stack, { pack, cwd: dir, config: { [sdk]: { programRoot: dir } } });
        return { verdicts: rows(analysis.verdicts, sdk), reads: fs.readFileSync(log, "utf8").split("\n").filter(Boolean).sort() };
    };

    it("reads the two node_modules folders, the build folder and the zip once each for 19 functions", async () => {
        const { verdicts, reads } = await analyse();
        assert.deepStrictEqual(verdicts, []);
        assert.deepStrictEqual(reads, [`archive ${dir}/fn.zip`, `folder ${dir}/build`, `folder ${dir}/node_modules/is-odd`, `folder ${dir}/node_modules/left-pad`]);
    });

    it("reads them afresh in the next analysis, which sees a file added since", async () => {
        await analyse();
        write(dir, { "build/node_modules/@aws-sdk/client-s3/package.json": '{"name":"@aws-sdk/client-s3"}' });
        const { verdicts, reads } = await analyse();
        assert.deepStrictEqual(reads, [`archive ${dir}/fn.zip`, `folder ${dir}/build`, `folder ${dir}/node_modules/is-odd`, `folder ${dir}/node_modules/left-pad`]);
        assert.deepStrictEqual(
            verdicts.map(([level, , name, message]) => [level, name, message.split(". Use the SDK")[0]]),
            [0, 1, 2, 3, 4].map((i) => ["mandatory", `built-${i}`, `Lambda function "built-${i}" ships the AWS SDK: node_modules/@aws-sdk/ (in ${dir}/build)`]),
        );
    });
});
