import * as assert from "assert";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import * as pulumi from "@pulumi/pulumi";
import { CodeInspection, CodeSource, inspectCode, PathResolver } from "../inspection/inspect-code";
import { defaultLimits, InspectionLimits } from "../inspection/limits";
import { FileReader } from "../inspection/file-reader";
import { visitZip } from "../inspection/zip";
import { members } from "./archive-members";
import { writeTar, writeZip } from "./archive-writers";

const sdkFolderFile = { path: "node_modules/@aws-sdk/client-s3/package.json", content: '{"name":"@aws-sdk/client-s3"}' };
const handler = { path: "index.js", content: "exports.handler = async () => 1;\n" };

/** These tests give absolute paths; the policy's resolver adds the program root for relative ones. */
const absoluteOnly: PathResolver = (written) => (path.isAbsolute(written) ? { file: written } : { problem: "a relative path" });

/** Everything the inspection could not read, whatever the reason. */
const unread = (result: CodeInspection) => [...result.missing, ...result.unreadable, ...result.unreachable];

describe("function code inspection", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "events-api-inspect-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const archiveFile = (name: string, data: Buffer): pulumi.asset.FileArchive => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, data);
        return new pulumi.asset.FileArchive(file);
    };
    const inspect = (code: unknown, limits: Partial<InspectionLimits> = {}) => inspectCode([{ kind: "archive", archive: code }], { limits: { ...defaultLimits, ...limits }, resolve: absoluteOnly });

    /** The central directory's first record, to corrupt one field of it. */
    const firstCentralRecord = (zip: Buffer): number => zip.readUInt32LE(zip.length - 22 + 16);

    describe("archive readers", () => {
        const file = (name: string, data: Buffer) => {
            fs.writeFileSync(path.join(dir, name), data);
            return path.join(dir, name);
        };

        it("reads stored and deflated zip entries, folders included", () => {
            for (const deflate of [false, true]) {
                const zip = file(`readers-${deflate}.zip`, writeZip([{ path: "lib" }, { path: "lib/a.js", content: "a".repeat(1000) }], { deflate }));
                assert.deepStrictEqual(members(zip, "zip"), [
                    { path: "lib", isDirectory: true, size: 0 },
                    { path: "lib/a.js", isDirectory: false, size: 1000, content: "a".repeat(1000) },
                ]);
            }
        });

        it("reads a zip at offsets: the end record and the central directory, then only the members asked for", () => {
            // 40 members of 128 KiB of random bytes, which deflate cannot shrink: a 5 MiB zip.
            const noise = Array.from({ length: 40 }, (_, i) => ({ path: `blob${i}.bin`, content: crypto.randomBytes(131_072) }));
            const zip = file("offsets.zip", writeZip([...noise, { path: "index.js", content: "exports.handler = 1;\n" }], { deflate: true }));
            let read = 0;
            const seen: string[] = [];
            FileReader.with(zip, (reader) => {
                visitZip(reader, {
                    member: (member) => (member.path === "index.js" ? "all" : "none"),
                    content: (member, data) => void seen.push(`${member.path}: ${data.toString()}`),
                    unreadable: () => assert.fail("no member is unreadable"),
                });
                read = reader.bytesRead;
            });
            assert.deepStrictEqual(seen, ["index.js: exports.handler = 1;\n"]);
            assert.ok(fs.statSync(zip).size > 5_000_000);
            // The tail searched for the end record (at most 22 + 65,535 bytes), the directory, one member.
            assert.ok(read < 70_000, `read ${read} bytes`);
        });

        it("reads tar entries, long GNU names included", () => {
            const long = `${"deep/".repeat(30)}index.js`;
            assert.deepStrictEqual(members(file("readers.tar", writeTar([{ path: "pkg" }, { path: long, content: "x" }])), "tar"), [
                { path: "pkg", isDirectory: true, size: 0 },
                { path: long, isDirectory: false, size: 1, content: "x" },
            ]);
        });
    });

    describe("unreadable code is reported, never passed and never thrown", () => {
        const zip = writeZip([handler], { deflate: true });
        const broken: [string, string, Buffer, RegExp][] = [
            ["a truncated zip", "cut.zip", zip.subarray(0, zip.length - 10), /no end-of-central-directory record/],
            ["random bytes", "noise.zip", Buffer.from("definitely not an archive, just text"), /neither a zip\/jar nor a tar\/tgz archive/],
            ["a tar with a bad checksum", "bad.tar", (() => { const t = writeTar([handler]); t[0] ^= 0xff; return t; })(), /cannot read the archive: TAR_ENTRY_INVALID: checksum failure/],
            ["a truncated tar", "cut.tar", writeTar([{ path: "index.js", content: "x".repeat(4000) }]).subarray(0, 2048), /cannot read the archive: TAR_BAD_ARCHIVE: Truncated input/],
            ["a gzip stream that is not one", "bad.tgz", Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(40, 7)]), /cannot gunzip/],
        ];
        for (const [what, name, data, message] of broken) {
            it(`reports ${what}`, async () => {
                const result = await inspect(archiveFile(name, data));
                assert.deepStrictEqual(result.sdk, []);
                assert.strictEqual(unread(result).length, 1);
                assert.match(unread(result)[0], message);
            });
        }

        it("reports a central directory that points outside the archive", async () => {
            const bad = Buffer.from(zip);
            bad.writeUInt32LE(bad.length * 2, bad.length - 22 + 16);
            assert.match(unread(await inspect(archiveFile("outside.zip", bad)))[0], /central directory .* lies outside the archive/);
        });

        it("reports an end record that says ZIP64 with no ZIP64 end locator before it", async () => {
            const zip64 = Buffer.from(zip);
            zip64.writeUInt16LE(0xffff, zip64.length - 22 + 10);
            assert.match(unread(await inspect(archiveFile("big.zip", zip64)))[0], /the end record says ZIP64, but there is no ZIP64 end locator/);
        });

        it("reports an encrypted entry, an unknown compression method, and corrupt deflate data by entry name", async () => {
            const encrypted = Buffer.from(zip);
            encrypted.writeUInt16LE(1, firstCentralRecord(encrypted) + 8);
            const bzip2 = Buffer.from(zip);
            bzip2.writeUInt16LE(12, firstCentralRecord(bzip2) + 10);
            const garbage = writeZip([handler], { deflate: true });
            garbage.fill(0xff, 30 + handler.path.length, 30 + handler.path.length + 4);
            const results = await Promise.all([
                inspect(archiveFile("enc.zip", encrypted)),
                inspect(archiveFile("bzip2.zip", bzip2)),
                inspect(archiveFile("garbage.zip", garbage)),
            ]);
            const expected = [
                /^index\.js \(in <dir>\/enc\.zip\): index\.js: encrypted entries cannot be read$/,
                /^index\.js \(in <dir>\/bzip2\.zip\): index\.js: compression method 12 is not supported \(only stored and deflate\)$/,
                /^index\.js \(in <dir>\/garbage\.zip\): index\.js: cannot inflate/,
            ];
            results.forEach((result, i) => {
                assert.deepStrictEqual(result.sdk, []);
                assert.strictEqual(unread(result).length, 1);
                assert.match(unread(result)[0].replace(dir, "<dir>"), expected[i]);
            });
        });

        it("stops a zip bomb at the size its directory declares", async () => {
            const bomb = writeZip([{ path: "index.js", content: "a".repeat(1_000_000) }], { deflate: true });
            bomb.writeUInt32LE(10, firstCentralRecord(bomb) + 24);
            assert.match(unread(await inspect(archiveFile("bomb.zip", bomb)))[0], /index\.js: cannot inflate/);
        });

        it("sorts what it cannot read: missing local files, unreadable sources, code out of reach", async () => {
            const sources: CodeSource[] = [
                { kind: "archive", archive: new pulumi.asset.FileArchive(path.join(dir, "missing.zip")) },
                { kind: "archive", archive: new pulumi.asset.FileArchive("./relative") },
                { kind: "archive", archive: new pulumi.asset.RemoteArchive("https://example.com/code.zip") },
                { kind: "archive", archive: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.RemoteAsset("https://example.com/index.js") }) },
                { kind: "archive-asset", asset: new pulumi.asset.StringAsset("PK"), origin: "s3://b/k, uploaded by BucketObjectv2 \"o\"" },
                { kind: "archive", archive: "https://example.com/not-an-archive.zip" },
                { kind: "unreachable", what: "container image 123.dkr.ecr.eu-west-1.amazonaws.com/fn:1", why: "images are built and pulled outside the preview" },
            ];
            const result = await inspectCode(sources, { resolve: absoluteOnly });
            assert.deepStrictEqual(
                { missing: result.missing.map((m) => m.replaceAll(dir, "<dir>")), unreadable: result.unreadable, unreachable: result.unreachable, sdk: result.sdk },
                {
                    missing: ["<dir>/missing.zip: not found at <dir>/missing.zip", "./relative: a relative path"],
                    unreadable: ['s3://b/k, uploaded by BucketObjectv2 "o": its source is inline text, not an archive the pack can read'],
                    unreachable: [
                        "remote archive https://example.com/code.zip: fetched at deploy time, so it cannot be read at preview",
                        "index.js (remote asset https://example.com/index.js): fetched at deploy time, so it cannot be read at preview",
                        "https://example.com/not-an-archive.zip (a string, not a Pulumi asset or archive): a URL, which the pack cannot fetch",
                        "container image 123.dkr.ecr.eu-west-1.amazonaws.com/fn:1: images are built and pulled outside the preview",
                    ],
                    sdk: [],
                },
            );
        });

        it("reads nothing from disk without a resolver, and still walks what the props hold", async () => {
            const zip = archiveFile("sdk.zip", writeZip([sdkFolderFile]));
            const inline = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.RemoteAsset("https://example.com/index.js"), sdk: zip });
            const result = await inspectCode([{ kind: "archive", archive: inline }]);
            assert.deepStrictEqual([result.sdk, result.missing, result.bytes], [[], [], 0]);
            assert.deepStrictEqual(result.unreachable, ["index.js (remote asset https://example.com/index.js): fetched at deploy time, so it cannot be read at preview"]);
        });

        it("recognises the SDK by an archive member's name alone (aws.lambda.CallbackFunction's node_modules/<package> members)", async () => {
            const members = new pulumi.asset.AssetArchive({
                "__index.js": new pulumi.asset.StringAsset(handler.content),
                "node_modules/@aws-sdk/client-dynamodb": new pulumi.asset.FileArchive(path.join(dir, "never-read")),
            });
            const result = await inspectCode([{ kind: "archive", archive: members }], { resolve: absoluteOnly });
            assert.deepStrictEqual([result.sdk, result.missing], [["node_modules/@aws-sdk/"], []]);
        });
    });

    describe("bounded reading", () => {
        it("stops after maxEntries, still reporting the SDK found before", async () => {
            const files = [sdkFolderFile, ...Array.from({ length: 20 }, (_, i) => ({ path: `f${i}.txt`, content: "" }))];
            const result = await inspect(archiveFile("many.zip", writeZip(files)), { maxEntries: 10 });
            assert.strictEqual(result.entries, 11);
            assert.deepStrictEqual(result.sdk.map((s) => s.split(" (in")[0]), ["node_modules/@aws-sdk/"]);
            assert.match(unread(result)[0], /more than 10 entries; the rest was not read/);
        });

        it("does not scan a JavaScript file above maxFileBytes, and says so", async () => {
            const result = await inspect(archiveFile("big-file.zip", writeZip([{ path: "index.js", content: "x".repeat(2048) }])), { maxFileBytes: 1024 });
            assert.match(unread(result)[0], /index\.js \(in .*big-file\.zip\): 2048 bytes, above the 1024-byte scan limit/);
        });

        it("never reads files that cannot reveal the SDK (not JavaScript, not package.json)", async () => {
            const result = await inspect(archiveFile("assets.zip", writeZip([handler, { path: "model.bin", content: Buffer.alloc(4096) }])), { maxFileBytes: 1024 });
            assert.deepStrictEqual(unread(result), []);
            assert.strictEqual(result.bytes, fs.statSync(path.join(dir, "assets.zip")).size + handler.content.length);
        });

        it("refuses an archive above maxArchiveBytes and stops at maxTotalBytes", async () => {
            const archive = archiveFile("large.zip", writeZip([handler, { path: "pad.txt", content: Buffer.alloc(4096) }]));
            assert.match(unread(await inspect(archive, { maxArchiveBytes: 1024 }))[0], /above the 1024-byte inspection limit/);
            const folder = path.join(dir, "two-files");
            fs.mkdirSync(folder);
            fs.writeFileSync(path.join(folder, "a.js"), "a".repeat(600));
            fs.writeFileSync(path.join(folder, "b.js"), "b".repeat(600));
            assert.match(unread(await inspect(new pulumi.asset.FileArchive(folder), { maxTotalBytes: 1000 }))[0], /more than 1000 bytes to read/);
        });

        it("stops at maxDepth nested AssetArchives", async () => {
            let code: pulumi.asset.Archive = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("1") });
            for (let i = 0; i < 4; i++) {
                code = new pulumi.asset.AssetArchive({ [`level${i}`]: code });
            }
            assert.match(unread(await inspect(code, { maxDepth: 2 }))[0], /archives nest deeper than 2 levels/);
            assert.deepStrictEqual(unread(await inspect(code, { maxDepth: 4 })), []);
        });

        it("judges a symlinked folder by its name without following it", async () => {
            const target = path.join(dir, "elsewhere");
            fs.mkdirSync(path.join(target, "deep"), { recursive: true });
            const app = path.join(dir, "linked-app");
            fs.mkdirSync(path.join(app, "node_modules"), { recursive: true });
            fs.symlinkSync(target, path.join(app, "node_modules", "@aws-sdk"));
            fs.symlinkSync(app, path.join(app, "loop"));
            const result = await inspect(new pulumi.asset.FileArchive(app));
            assert.deepStrictEqual(result.sdk, [`node_modules/@aws-sdk/ (in ${app})`]);
            assert.deepStrictEqual(unread(result), []);
        });
    });
});

describe("gzip bound", () => {
    it("stops unpacking a tgz past maxTotalBytes", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "events-api-gzip-"));
        try {
            const file = path.join(dir, "big.tgz");
            fs.writeFileSync(file, zlib.gzipSync(writeTar([{ path: "a.txt", content: Buffer.alloc(64 * 1024) }])));
            const result = await inspectCode([{ kind: "archive", archive: new pulumi.asset.FileArchive(file) }], {
                limits: { ...defaultLimits, maxTotalBytes: 16 * 1024 },
                resolve: absoluteOnly,
            });
            assert.match(unread(result)[0], /cannot read the archive: it unpacks to more than 16384 bytes/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
