import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { inspectCode } from "../inspection/inspect-code";
import { members } from "./archive-members";
import { gnuTar, jarFile, longPath, npmPack, zip64, zipStreamed } from "./real-archives";

const absolute = (written: string) => ({ file: written });

describe("archives as the real tools write them, read by the SDK check", function () {
    this.timeout(60_000);
    let dir: string;
    before(() => {
        dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "events-api-real-archives-")));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const inspect = (file: string) => inspectCode([{ kind: "archive", archive: new pulumi.asset.FileArchive(file) }], { resolve: absolute });

    it("reads a zip Info-ZIP streamed with data descriptors", async () => {
        const file = zipStreamed(dir);
        assert.strictEqual(fs.readFileSync(file).readUInt16LE(6) & 0x8, 0x8, "zip - wrote no data descriptor");
        const result = await inspect(file);
        assert.deepStrictEqual([result.sdk, result.unreadable], [[`node_modules/@aws-sdk/ (in ${file})`], []]);
    });

    it("reads a jar", async () => {
        const file = jarFile(dir);
        assert.deepStrictEqual((await inspect(file)).sdk, [`node_modules/@aws-sdk/ (in ${file})`]);
    });

    it("reads a ZIP64 archive of 70,001 entries from Python's zipfile, the SDK being the last", async () => {
        const file = zip64(dir);
        const data = fs.readFileSync(file);
        assert.strictEqual(data.readUInt16LE(data.length - 22 + 10), 0xffff, "zipfile wrote no ZIP64 end record");
        assert.strictEqual(members(file, "zip").length, 70_001);
        const result = await inspect(file);
        assert.deepStrictEqual([result.sdk, result.unreadable, result.entries], [[`node_modules/@aws-sdk/ (in ${file})`], [], 70_001]);
    });

    it("reads npm pack's tgz, whose long path is in a pax header, and finds the SDK inlined in the bundle there", async () => {
        const file = npmPack(dir);
        const result = await inspect(file);
        assert.deepStrictEqual(result.sdk, [`package/${longPath}: @aws-sdk/core inlined (user agent "aws-sdk-js", header "x-amz-user-agent") (in ${file})`]);
    });

    it("reads GNU tar, plain and gzipped, long names included", async () => {
        for (const gzip of [false, true]) {
            const file = gnuTar(dir, gzip);
            const result = await inspect(file);
            assert.deepStrictEqual(result.sdk.sort(), [
                `nodejs/${longPath}: @aws-sdk/core inlined (user agent "aws-sdk-js", header "x-amz-user-agent") (in ${file})`,
                `nodejs/node_modules/@aws-sdk/ (in ${file})`,
            ]);
        }
    });
});
