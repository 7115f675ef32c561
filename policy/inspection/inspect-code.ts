import * as fs from "fs";
import * as path from "path";
import { ArchiveEntry, ArchiveReadError } from "./archive-entry";
import { defaultLimits, InspectionLimits } from "./limits";
import { inlinedSdkIn, isJavaScriptFile, sdkFolderIn, sdkPackageName } from "./sdk-markers";
import { gunzipBounded, looksLikeGzip, looksLikeTar, tarEntries } from "./tar";
import { looksLikeZip, zipEntries } from "./zip";

/** What the SDK check found in a function's code. */
export interface CodeInspection {
    /** Where the AWS SDK was found, e.g. `node_modules/@aws-sdk/ (in /src/code.zip)`. */
    sdk: string[];
    /** Code that could not be read, and why. A pass means nothing only when this is empty. */
    uninspected: string[];
    /** Entries (files and folders) visited. */
    entries: number;
    /** Bytes of file and archive content read. */
    bytes: number;
}

/** Pulumi assets and archives, recognised by shape so that any copy of `@pulumi/pulumi` works. */
interface PulumiAssetLike {
    __pulumiAsset?: boolean;
    __pulumiArchive?: boolean;
    text?: Promise<string>;
    path?: Promise<string>;
    uri?: Promise<string>;
    assets?: Promise<Record<string, unknown>>;
}

class BudgetExceeded extends Error {}

/**
 * Reads what a Lambda function ships (`code`, or where it comes from: S3, a container image) and
 * reports the AWS SDK wherever it sits: package folders, vendored `package.json`s, or inlined into a
 * JavaScript bundle. Reading is bounded by `limits`; whatever is left unread is listed in `uninspected`.
 */
export async function inspectFunctionCode(
    props: Record<string, unknown>,
    limits: InspectionLimits = defaultLimits,
): Promise<CodeInspection> {
    const inspector = new Inspector(limits);
    const code = props.code as PulumiAssetLike | undefined;
    if (code?.__pulumiArchive) {
        try {
            await inspector.archive(code, "", undefined, 0);
        } catch (error) {
            if (!(error instanceof BudgetExceeded)) {
                throw error;
            }
        }
    } else if (props.packageType === "Image" || typeof props.imageUri === "string") {
        inspector.uninspectable(`container image ${String(props.imageUri ?? "")}`.trim(), "images are built and pulled outside the preview");
    } else if (typeof props.s3Bucket === "string") {
        inspector.uninspectable(`s3://${props.s3Bucket}/${String(props.s3Key ?? "")}`, "S3 objects are not read at preview");
    } else {
        inspector.uninspectable("code", "the function declares no code archive");
    }
    return inspector.result();
}

class Inspector {
    private readonly sdk = new Set<string>();
    private readonly uninspected: string[] = [];
    private entries = 0;
    private bytes = 0;

    constructor(private readonly limits: InspectionLimits) {}

    result(): CodeInspection {
        return { sdk: [...this.sdk], uninspected: this.uninspected, entries: this.entries, bytes: this.bytes };
    }

    uninspectable(what: string, why: string): void {
        this.uninspected.push(`${what}: ${why}`);
    }

    /** `prefix` is the folder the archive's content lands in; `container` names the archive file, if any. */
    async archive(archive: PulumiAssetLike, prefix: string, container: string | undefined, depth: number): Promise<void> {
        if (depth > this.limits.maxDepth) {
            this.uninspectable(prefix || "code", `archives nest deeper than ${this.limits.maxDepth} levels`);
            return;
        }
        if (archive.assets) {
            const members = await archive.assets;
            for (const [name, member] of Object.entries(members)) {
                const memberPath = joinPath(prefix, name);
                const value = member as PulumiAssetLike;
                if (value.__pulumiArchive) {
                    await this.archive(value, memberPath, container, depth + 1);
                } else {
                    await this.asset(value, memberPath, container);
                }
            }
        } else if (archive.path) {
            await this.localArchive(await archive.path, prefix);
        } else if (archive.uri) {
            this.uninspectable(`remote archive ${await archive.uri}`, "fetched at deploy time, so it cannot be read at preview");
        }
    }

    private async asset(asset: PulumiAssetLike, memberPath: string, container: string | undefined): Promise<void> {
        this.entry(memberPath, false, container);
        if (asset.text) {
            const text = await asset.text;
            this.content(memberPath, container, Buffer.byteLength(text), () => text);
        } else if (asset.path) {
            const file = path.resolve(await asset.path);
            const size = this.statFile(file);
            if (size !== undefined) {
                this.content(memberPath, container, size, () => fs.readFileSync(file, "utf8"));
            }
        } else if (asset.uri) {
            this.uninspectable(`${memberPath} (remote asset ${await asset.uri})`, "fetched at deploy time, so it cannot be read at preview");
        }
    }

    private statFile(file: string): number | undefined {
        try {
            return fs.statSync(file).size;
        } catch {
            this.uninspectable(
                file,
                `not found (relative paths resolve against ${process.cwd()}, the policy pack's directory; use an absolute path)`,
            );
            return undefined;
        }
    }

    private async localArchive(archivePath: string, prefix: string): Promise<void> {
        const resolved = path.resolve(archivePath);
        let stat: fs.Stats;
        try {
            stat = fs.statSync(resolved);
        } catch {
            this.statFile(resolved);
            return;
        }
        if (stat.isDirectory()) {
            this.directory(resolved, prefix);
            return;
        }
        if (stat.size > this.limits.maxArchiveBytes) {
            this.uninspectable(resolved, `${stat.size} bytes, above the ${this.limits.maxArchiveBytes}-byte inspection limit`);
            return;
        }
        this.spend(stat.size, resolved);
        const data = fs.readFileSync(resolved);
        try {
            for (const entry of archiveEntries(data, resolved, this.limits.maxTotalBytes)) {
                this.archiveEntry(entry, prefix, resolved);
            }
        } catch (error) {
            if (error instanceof ArchiveReadError) {
                this.uninspectable(resolved, `cannot read the archive: ${error.message}`);
                return;
            }
            throw error;
        }
    }

    private archiveEntry(entry: ArchiveEntry, prefix: string, container: string): void {
        const entryPath = joinPath(prefix, entry.path);
        this.entry(entryPath, entry.isDirectory, container);
        if (!entry.isDirectory) {
            this.content(entryPath, container, entry.size, () => entry.read().toString("utf8"));
        }
    }

    private directory(root: string, prefix: string): void {
        const pending = [""];
        while (pending.length > 0) {
            const relative = pending.pop() as string;
            for (const dirent of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
                const childRelative = joinPath(relative, dirent.name);
                const childPath = joinPath(prefix, childRelative);
                const absolute = path.join(root, childRelative);
                // Symlinked folders are judged by name and not followed, so a link cycle cannot loop.
                const isDirectory = dirent.isDirectory() || (dirent.isSymbolicLink() && isDirectorySafe(absolute));
                this.entry(childPath, isDirectory, root);
                if (dirent.isDirectory()) {
                    pending.push(childRelative);
                } else if (!isDirectory) {
                    const size = this.statFile(absolute);
                    if (size !== undefined) {
                        this.content(childPath, root, size, () => fs.readFileSync(absolute, "utf8"));
                    }
                }
            }
        }
    }

    private entry(entryPath: string, isDirectory: boolean, container: string | undefined): void {
        this.entries++;
        if (this.entries > this.limits.maxEntries) {
            this.uninspectable(container ?? "code", `more than ${this.limits.maxEntries} entries; the rest was not read`);
            throw new BudgetExceeded();
        }
        const folder = sdkFolderIn(entryPath, isDirectory);
        if (folder) {
            this.found(folder, container);
        }
    }

    /** Reads a file's text only when it can reveal more: JavaScript or a manifest, outside a known SDK folder. */
    private content(entryPath: string, container: string | undefined, size: number, read: () => string): void {
        const isManifest = path.posix.basename(entryPath) === "package.json";
        if ((!isManifest && !isJavaScriptFile(entryPath)) || sdkFolderIn(entryPath, false)) {
            return;
        }
        if (size > this.limits.maxFileBytes) {
            this.uninspectable(where(entryPath, container), `${size} bytes, above the ${this.limits.maxFileBytes}-byte scan limit`);
            return;
        }
        this.spend(size, container ?? "code");
        let text: string;
        try {
            text = read();
        } catch (error) {
            if (error instanceof ArchiveReadError) {
                this.uninspectable(where(entryPath, container), error.message);
                return;
            }
            throw error;
        }
        const finding = isManifest ? packageFinding(text) : inlinedSdkIn(text);
        if (finding) {
            this.found(`${entryPath}: ${finding}`, container);
        }
    }

    private spend(size: number, what: string): void {
        this.bytes += size;
        if (this.bytes > this.limits.maxTotalBytes) {
            this.uninspectable(what, `more than ${this.limits.maxTotalBytes} bytes to read; the rest was not read`);
            throw new BudgetExceeded();
        }
    }

    private found(what: string, container: string | undefined): void {
        this.sdk.add(container ? `${what} (in ${container})` : what);
    }
}

function packageFinding(manifest: string): string | undefined {
    const name = sdkPackageName(manifest);
    return name ? `package ${name}` : undefined;
}

function archiveEntries(data: Buffer, file: string, maxBytes: number): Iterable<ArchiveEntry> {
    if (looksLikeZip(data)) {
        return zipEntries(data);
    }
    const tar = looksLikeGzip(data) ? gunzipBounded(data, maxBytes) : data;
    if (looksLikeTar(tar)) {
        return tarEntries(tar);
    }
    throw new ArchiveReadError(`${path.basename(file)} is neither a zip/jar nor a tar/tgz archive`);
}

function isDirectorySafe(file: string): boolean {
    try {
        return fs.statSync(file).isDirectory();
    } catch {
        return false;
    }
}

function joinPath(prefix: string, name: string): string {
    const clean = name.replace(/^\.\/+/, "").replace(/\/+$/, "");
    return prefix ? `${prefix}/${clean}` : clean;
}

function where(entryPath: string, container: string | undefined): string {
    return container ? `${entryPath} (in ${container})` : entryPath;
}
