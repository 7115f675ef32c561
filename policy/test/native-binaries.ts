import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/**
 * Real native binaries, from packages this repository's `npm ci` installs: classic-level 3's prebuilt
 * Node.js addons (MIT; built by its maintainers with prebuildify, one per platform under prebuilds/)
 * and esbuild's Go executable for linux-x64 (MIT), which is what a Go `bootstrap` built for amd64 is.
 */
const classicLevel = path.dirname(require.resolve("classic-level/package.json"));

/** An ELF shared object for x86-64: prebuilds/linux-x64/classic-level.node. */
export const x64Addon = path.join(classicLevel, "prebuilds", "linux-x64", "classic-level.node");
/** An ELF shared object for aarch64: prebuilds/linux-arm64/classic-level.armv8.node. */
export const arm64Addon = path.join(classicLevel, "prebuilds", "linux-arm64", "classic-level.armv8.node");
/** A statically linked Go executable for x86-64. */
export const goExecutable = require.resolve("@esbuild/linux-x64/bin/esbuild");

/** classic-level as npm installs it under `folder/node_modules`: its package.json and every platform's prebuilt addon. */
export function installClassicLevel(folder: string): void {
    const target = path.join(folder, "node_modules", "classic-level");
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(path.join(classicLevel, "package.json"), path.join(target, "package.json"));
    fs.cpSync(path.join(classicLevel, "prebuilds"), path.join(target, "prebuilds"), { recursive: true });
}

/** Copies `binary` to `folder/name`, executable. */
export function place(binary: string, folder: string, name: string): void {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.copyFileSync(binary, path.join(folder, name));
    fs.chmodSync(path.join(folder, name), 0o755);
}

/** `zip -qr <out> .` in `folder`, as a Go function's build zips its `bootstrap`. */
export function zipFolder(folder: string, out: string): string {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    execFileSync("zip", ["-qr", out, "."], { cwd: folder });
    return out;
}
