import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/**
 * Archives made by the real tools, at test time, in a temporary folder: Info-ZIP `zip` (streamed to
 * stdout, so with data descriptors), `jar`, Python's `zipfile` (ZIP64 past 65,535 entries), `npm pack`
 * (node-tar, pax headers for long paths), GNU `tar` (long names) and `tar -z`. Each holds the AWS SDK
 * where a function's code would: as an installed package, or inlined in a bundle.
 */

/** A bundle that inlined @aws-sdk/core: the two strings of it the pack looks for (sdk-markers.ts). */
export const inlinedBundle = 'const ua = "aws-sdk-js"; const header = "x-amz-user-agent"; exports.handler = async () => ({ ua, header });\n';
export const sdkManifest = '{"name":"@aws-sdk/client-s3","version":"3.1000.0"}';
/** A path longer than ustar's 100-byte name field, so tar must write a pax or GNU long-name header. */
export const longPath = `lib/${"very-long-folder-name/".repeat(6)}index.js`;

function write(dir: string, files: Record<string, string>): void {
    for (const [file, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
    }
}

function tree(dir: string, name: string, files: Record<string, string>): string {
    const root = path.join(dir, name);
    write(root, files);
    return root;
}

const sdkTree = { "index.js": "exports.handler = async () => 1;\n", "node_modules/@aws-sdk/client-s3/package.json": sdkManifest };

/** `zip -qr - .`, streamed to a file: Info-ZIP writes a data descriptor after each entry. */
export function zipStreamed(dir: string): string {
    const out = path.join(dir, "streamed.zip");
    fs.writeFileSync(out, execFileSync("zip", ["-qr", "-", "."], { cwd: tree(dir, "zip-src", sdkTree), maxBuffer: 64 * 1024 * 1024 }));
    return out;
}

/** `jar cf lib.jar -C src .` */
export function jarFile(dir: string): string {
    const out = path.join(dir, "lib.jar");
    execFileSync("jar", ["cf", out, "-C", tree(dir, "jar-src", sdkTree), "."]);
    return out;
}

/** Python's zipfile, `entries` small text files and then the SDK's package.json: ZIP64 past 65,535. */
export function zip64(dir: string, entries = 70_000): string {
    const out = path.join(dir, "zip64.zip");
    const script = [
        "import sys, zipfile",
        "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:",
        "    for i in range(int(sys.argv[2])): z.writestr(f'vendor/f{i}.txt', 'x')",
        `    z.writestr('node_modules/@aws-sdk/client-s3/package.json', '${sdkManifest}')`,
    ].join("\n");
    execFileSync("python3", ["-c", script, out, String(entries)]);
    return out;
}

/** `npm pack` of a package whose bundle sits at a long path: a gzipped pax tar with `package/` prefix. */
export function npmPack(dir: string): string {
    const src = tree(dir, "npm-src", { "package.json": '{"name":"team-fn","version":"1.0.0","files":["lib"]}', [longPath]: inlinedBundle });
    const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: src, encoding: "utf8", env: { ...process.env, npm_config_offline: "true" } }).trim();
    return path.join(dir, name);
}

/** GNU tar (`--format=gnu`, long names as ././@LongLink entries), plain or gzipped. */
export function gnuTar(dir: string, gzip: boolean): string {
    const out = path.join(dir, gzip ? "layer.tgz" : "layer.tar");
    execFileSync("tar", ["--format=gnu", gzip ? "-czf" : "-cf", out, "-C", tree(dir, `tar-src-${gzip}`, { [`nodejs/${longPath}`]: inlinedBundle, "nodejs/node_modules/@aws-sdk/client-s3/package.json": sdkManifest }), "."]);
    return out;
}
