import * as fs from "fs";
import * as path from "path";
import { rawProperty } from "../policies/property";
import { elfMachine, mayBeBinary } from "./elf";
import { firstBytes } from "./file-reader";
import { defaultLimits, InspectionLimits } from "./limits";
import { Binary, SourceFindings } from "./read-source";
import { inlinedSdkIn, isJavaScriptFile, sdkFolderIn, sdkPackageName } from "./sdk-markers";
import { SourceCache } from "./source-cache";

/** Where a function's or a layer's code comes from, as `code-sources.ts` finds it in the stack. */
export type CodeSource =
    /** A Pulumi archive as props hold it (AssetArchive, FileArchive, RemoteArchive). */
    | { kind: "archive"; archive: unknown; origin?: string }
    /** A Pulumi asset that is itself an archive file, e.g. an S3 object's `source: new FileAsset("fn.zip")`. */
    | { kind: "archive-asset"; asset: unknown; origin?: string }
    /** Source text given inline (aws-native `code.zipFile`). */
    | { kind: "inline"; fileName: string; text: string; origin?: string }
    /** Code the pack cannot reach at all. */
    | { kind: "unreachable"; what: string; why: string };

/** Locates a path as the program wrote it: the absolute file, or why it cannot be located. */
export type PathResolver = (written: string) => { file: string; relativeTo?: string } | { problem: string };

/** What the SDK check found in a function's or a layer's code. */
export interface CodeInspection {
    /** Where the AWS SDK was found, e.g. `node_modules/@aws-sdk/ (in /src/code.zip)`. */
    sdk: string[];
    /** Local code that is not where the program says, with the path tried. */
    missing: string[];
    /** Local code that exists but cannot be read (corrupt, unsupported, above the limits), and why. */
    unreadable: string[];
    /** Code out of the pack's reach: remote, in S3 outside the stack, an image, unknown at preview. */
    unreachable: string[];
    /** Native executables and shared objects, and the machine each is built for. */
    binaries: FoundBinary[];
    /** Entries (files and folders) visited. */
    entries: number;
    /** Bytes counted against the limits: archive files' sizes, and the content read. */
    bytes: number;
}

/** A native binary: its path in the deployed code, and the folder or archive it was read from. */
export interface FoundBinary extends Binary {
    in?: string;
}

export interface InspectOptions {
    /** Ignored when `sources` is given: its limits apply. */
    limits?: InspectionLimits;
    /** Locates local files; without it local files are not read (only what props themselves hold is walked). */
    resolve?: PathResolver;
    /** Folders and archives already read in this stack analysis. */
    sources?: SourceCache;
}

class BudgetExceeded extends Error {}

/**
 * Reads the code and reports the AWS SDK wherever it sits: package folders (archive member names
 * included), vendored `package.json`s, or inlined into a JavaScript bundle. Every Pulumi asset field is
 * read raw (`rawProperty`), never awaited through @pulumi/policy's proxy. Reading is bounded by
 * `limits`; what is left unread is listed, never passed and never thrown.
 */
export async function inspectCode(sources: CodeSource[], options: InspectOptions = {}): Promise<CodeInspection> {
    const inspector = new Inspector(options.sources ?? new SourceCache(options.limits ?? defaultLimits), options.resolve);
    try {
        for (const source of sources) {
            await inspector.source(source);
        }
    } catch (error) {
        if (!(error instanceof BudgetExceeded)) {
            throw error;
        }
    }
    return inspector.result();
}

function flag(value: unknown, name: "__pulumiAsset" | "__pulumiArchive"): boolean {
    return rawProperty(value, name) === true;
}

class Inspector {
    private readonly found = { sdk: new Set<string>(), missing: [] as string[], unreadable: [] as string[], unreachable: [] as string[], binaries: [] as FoundBinary[] };
    private readonly limits: InspectionLimits;
    private entries = 0;
    private bytes = 0;

    constructor(
        private readonly sources: SourceCache,
        private readonly resolve: PathResolver | undefined,
    ) {
        this.limits = sources.limits;
    }

    result(): CodeInspection {
        const { sdk, missing, unreadable, unreachable, binaries } = this.found;
        return { sdk: [...sdk], missing, unreadable, unreachable, binaries, entries: this.entries, bytes: this.bytes };
    }

    async source(source: CodeSource): Promise<void> {
        switch (source.kind) {
            case "archive":
                return this.archive(source.archive, "", source.origin, 0);
            case "archive-asset":
                return this.archiveAsset(source.asset, source.origin);
            case "inline":
                return this.inline(source.fileName, source.text, source.origin);
            case "unreachable":
                this.found.unreachable.push(`${source.what}: ${source.why}`);
        }
    }

    /** `prefix` is the folder the archive's content lands in; `container` names where it was read from. */
    private async archive(archive: unknown, prefix: string, container: string | undefined, depth: number): Promise<void> {
        if (typeof archive === "string" && prefix === "") {
            return this.stringPath(archive, container);
        }
        if (!flag(archive, "__pulumiArchive")) {
            this.found.unreadable.push(`${prefix || "code"}: not a Pulumi archive (${typeof archive})`);
            return;
        }
        if (depth > this.limits.maxDepth) {
            this.found.unreadable.push(`${prefix || "code"}: archives nest deeper than ${this.limits.maxDepth} levels`);
            return;
        }
        const assets = rawProperty(archive, "assets");
        const file = rawProperty(archive, "path");
        const uri = rawProperty(archive, "uri");
        if (assets !== undefined) {
            const members = (await assets) as Record<string, unknown>;
            for (const [name, member] of Object.entries(members)) {
                await this.member(member, joinPath(prefix, name), container, depth);
            }
        } else if (file !== undefined) {
            await this.localArchive(String(await file), prefix, container);
        } else if (uri !== undefined) {
            this.found.unreachable.push(`remote archive ${String(await uri)}: fetched at deploy time, so it cannot be read at preview`);
        }
    }

    private async member(member: unknown, memberPath: string, container: string | undefined, depth: number): Promise<void> {
        if (flag(member, "__pulumiArchive")) {
            // The member's name is a folder of the deployed code: `node_modules/@aws-sdk/client-s3` is the SDK
            // whatever the archive holds (aws.lambda.CallbackFunction packs dependencies this way).
            if (this.entry(memberPath, true, container)) {
                await this.archive(member, memberPath, container, depth + 1);
            }
            return;
        }
        this.entry(memberPath, false, container);
        const text = rawProperty(member, "text");
        const file = rawProperty(member, "path");
        const uri = rawProperty(member, "uri");
        if (text !== undefined) {
            const content = String(await text);
            this.content(memberPath, container, Buffer.byteLength(content), () => content);
        } else if (file !== undefined) {
            const located = this.locate(String(await file));
            const size = located === undefined ? undefined : this.statFile(located);
            if (located !== undefined && size !== undefined) {
                this.content(memberPath, container, size, () => fs.readFileSync(located, "utf8"));
                if (mayBeBinary(memberPath)) {
                    this.binary(memberPath, container, () => firstBytes(located));
                }
            }
        } else if (uri !== undefined) {
            this.found.unreachable.push(`${memberPath} (remote asset ${String(await uri)}): fetched at deploy time, so it cannot be read at preview`);
        }
    }

    /**
     * A `code` or `source` given as a plain string (`source: "handler.zip"`, which the provider reads as a
     * file path): read as the file it names; a URL is out of reach.
     */
    private async stringPath(written: string, origin: string | undefined): Promise<void> {
        const what = `${origin ? `${origin}: ` : ""}a string, not a Pulumi asset or archive`;
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(written)) {
            this.found.unreachable.push(`${written} (${what}): a URL, which the pack cannot fetch`);
            return;
        }
        await this.localArchive(written, "", `${what}, read as the file it names`);
    }

    private async archiveAsset(asset: unknown, origin: string | undefined): Promise<void> {
        if (typeof asset === "string") {
            return this.stringPath(asset, origin);
        }
        const file = rawProperty(asset, "path");
        if (flag(asset, "__pulumiAsset") && file !== undefined) {
            await this.localArchive(String(await file), "", origin);
        } else if (flag(asset, "__pulumiArchive")) {
            await this.archive(asset, "", origin, 0);
        } else {
            const text = rawProperty(asset, "text") !== undefined ? "inline text" : rawProperty(asset, "uri") !== undefined ? "a remote asset" : "no asset";
            this.found.unreadable.push(`${origin ?? "code"}: its source is ${text}, not an archive the pack can read`);
        }
    }

    private inline(fileName: string, text: string, origin: string | undefined): void {
        this.entry(fileName, false, origin);
        this.content(fileName, origin, Buffer.byteLength(text), () => text);
    }

    /** The absolute file for a path as written, or undefined (recorded as missing) when there is none. */
    private locate(written: string): string | undefined {
        if (!this.resolve) {
            return undefined;
        }
        const located = this.resolve(written);
        if ("problem" in located) {
            this.found.missing.push(`${written}: ${located.problem}`);
            return undefined;
        }
        if (!this.sources.exists(located.file)) {
            const relative = located.relativeTo ? ` (relative to ${located.relativeTo})` : "";
            this.found.missing.push(`${written}: not found at ${located.file}${relative}`);
            return undefined;
        }
        return located.file;
    }

    private statFile(file: string): number | undefined {
        try {
            return fs.statSync(file).size;
        } catch (error) {
            this.found.unreadable.push(`${file}: ${(error as Error).message}`);
            return undefined;
        }
    }

    /** `origin` says where the archive came from, when not from the resource itself (an S3 object). */
    private async localArchive(written: string, prefix: string, origin?: string): Promise<void> {
        const resolved = this.locate(written);
        if (resolved === undefined) {
            return;
        }
        const where = origin ? `${resolved}, ${origin}` : resolved;
        let findings: SourceFindings;
        try {
            findings = this.sources.findings(resolved, prefix === "node_modules" || prefix.endsWith("/node_modules"));
        } catch (error) {
            this.found.unreadable.push(`${where}: ${(error as Error).message}`);
            return;
        }
        this.place(findings, prefix, where);
    }

    /** Puts a source's findings where the code puts its content: under `prefix`, read from `where`. */
    private place(findings: SourceFindings, prefix: string, where: string): void {
        const at = (relative: string) => (prefix ? `${prefix}/${relative}` : relative);
        for (const sdk of findings.sdk) {
            this.sdk(at(sdk), where);
        }
        for (const { path: entry, why } of findings.unreadableEntries) {
            this.found.unreadable.push(`${whereIn(at(entry), where)}: ${why}`);
        }
        for (const binary of findings.binaries) {
            this.found.binaries.push({ path: at(binary.path), machine: binary.machine, in: where });
        }
        if (findings.unreadable) {
            this.found.unreadable.push(`${where}: ${findings.unreadable}`);
        }
        this.entries += findings.entries;
        this.bytes += findings.bytes;
        if (findings.stoppedAt === "entries" || this.entries > this.limits.maxEntries) {
            this.overEntries(where);
        }
        if (findings.stoppedAt === "bytes" || this.bytes > this.limits.maxTotalBytes) {
            this.overBytes(where);
        }
    }

    private overEntries(where: string): never {
        this.found.unreadable.push(`${where}: more than ${this.limits.maxEntries} entries; the rest was not read`);
        throw new BudgetExceeded();
    }

    private overBytes(where: string): never {
        this.found.unreadable.push(`${where}: more than ${this.limits.maxTotalBytes} bytes to read; the rest was not read`);
        throw new BudgetExceeded();
    }

    /** Counts an entry and records an SDK folder; false when the entry is one (nothing in it needs reading). */
    private entry(entryPath: string, isDirectory: boolean, container: string | undefined): boolean {
        this.entries++;
        if (this.entries > this.limits.maxEntries) {
            this.overEntries(container ?? "code");
        }
        const folder = sdkFolderIn(entryPath, isDirectory);
        if (folder) {
            this.sdk(folder, container);
        }
        return folder === undefined;
    }

    /** Reads a file's text only when it can reveal more: JavaScript or a manifest, outside a known SDK folder. */
    private content(entryPath: string, container: string | undefined, size: number, read: () => string): void {
        const isManifest = path.posix.basename(entryPath) === "package.json";
        if ((!isManifest && !isJavaScriptFile(entryPath)) || sdkFolderIn(entryPath, false)) {
            return;
        }
        if (size > this.limits.maxFileBytes) {
            this.found.unreadable.push(`${whereIn(entryPath, container)}: ${size} bytes, above the ${this.limits.maxFileBytes}-byte scan limit`);
            return;
        }
        this.spend(size, container ?? "code");
        const text = read();
        const finding = isManifest ? packageFinding(text) : inlinedSdkIn(text);
        if (finding) {
            this.sdk(`${entryPath}: ${finding}`, container);
        }
    }

    /** Records a native binary among the files an AssetArchive names. */
    private binary(entryPath: string, container: string | undefined, read: () => Buffer): void {
        const head = read();
        this.spend(head.length, container ?? "code");
        const machine = elfMachine(head);
        if (machine) {
            this.found.binaries.push({ path: entryPath, machine, in: container });
        }
    }

    private spend(size: number, what: string): void {
        this.bytes += size;
        if (this.bytes > this.limits.maxTotalBytes) {
            this.overBytes(what);
        }
    }

    private sdk(what: string, container: string | undefined): void {
        this.found.sdk.add(whereIn(what, container));
    }
}

function packageFinding(manifest: string): string | undefined {
    const name = sdkPackageName(manifest);
    return name ? `package ${name}` : undefined;
}

function joinPath(prefix: string, name: string): string {
    const clean = name.replace(/^\.\/+/, "").replace(/\/+$/, "");
    return prefix ? `${prefix}/${clean}` : clean;
}

function whereIn(entryPath: string, container: string | undefined): string {
    return container ? `${entryPath} (in ${container})` : entryPath;
}
