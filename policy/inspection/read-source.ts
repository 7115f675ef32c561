import * as fs from "fs";
import * as path from "path";
import { ArchiveMember, ArchiveReadError, ArchiveVisitor, headBytes, ReadingStopped, Wanted } from "./archive-entry";
import { elfMachine, mayBeBinary } from "./elf";
import { FileReader, firstBytes } from "./file-reader";
import { InspectionLimits } from "./limits";
import { inlinedSdkIn, isJavaScriptFile, sdkFolderIn, sdkPackageName } from "./sdk-markers";
import { looksLikeGzip, looksLikeTar, visitTar } from "./tar";
import { looksLikeZip, visitZip } from "./zip";

/** A native binary in the code, and the machine it is built for. */
export interface Binary {
    path: string;
    machine: string;
}

/**
 * What one local folder or archive holds, paths relative to it, whatever folder of the deployed code it
 * lands in: read once, then placed wherever a function's code puts it (inspect-code.ts).
 */
export interface SourceFindings {
    /** Entries (files and folders) visited. */
    entries: number;
    /** Bytes counted against the limits: an archive's size, and the content read. */
    bytes: number;
    /** Where the AWS SDK is: `node_modules/@aws-sdk/`, `lib/index.js: @aws-sdk/core inlined (...)`. */
    sdk: string[];
    /** Files whose content could not be read, and why. */
    unreadableEntries: { path: string; why: string }[];
    binaries: Binary[];
    /** Why the source as a whole could not be read: a corrupt archive, one above the size limit. */
    unreadable?: string;
    /** The limit reading stopped at, the rest unread. */
    stoppedAt?: "entries" | "bytes";
}

/** What a file's content can reveal: SDK code or a manifest (its text), a native binary (its first bytes). */
type Interest = "none" | "text" | "head";

/**
 * Reads a folder or an archive file (zip, jar, tar, tgz), bounded by `limits`. `underNodeModules` says
 * its content lands in a `node_modules` folder, where a top-level `@aws-sdk/` is the SDK too.
 */
export function readSource(file: string, limits: InspectionLimits, underNodeModules: boolean): SourceFindings {
    const reading = new Reading(limits, underNodeModules ? "node_modules/" : "");
    try {
        if (fs.statSync(file).isDirectory()) {
            reading.folder(file);
        } else {
            reading.archive(file);
        }
    } catch (error) {
        if (isFileSystemError(error)) {
            reading.findings.unreadable = error.message;
        } else if (!(error instanceof ReadingStopped)) {
            throw error;
        }
    }
    return reading.findings;
}

class Reading implements ArchiveVisitor {
    readonly findings: SourceFindings = { entries: 0, bytes: 0, sdk: [], unreadableEntries: [], binaries: [] };
    private readonly sdk = new Set<string>();

    constructor(
        private readonly limits: InspectionLimits,
        /** Prefixed to paths when looking for SDK folders, stripped from what is recorded. */
        private readonly base: string,
    ) {}

    archive(file: string): void {
        const { size } = fs.statSync(file);
        if (size > this.limits.maxArchiveBytes) {
            this.findings.unreadable = `${size} bytes, above the ${this.limits.maxArchiveBytes}-byte inspection limit`;
            return;
        }
        this.spend(size);
        try {
            FileReader.with(file, (reader) => {
                const head = reader.read(0, Math.min(512, size));
                if (looksLikeZip(head)) {
                    visitZip(reader, this);
                } else if (looksLikeGzip(head) || looksLikeTar(head)) {
                    visitTar(file, this, this.limits.maxTotalBytes);
                } else {
                    throw new ArchiveReadError(`${path.basename(file)} is neither a zip/jar nor a tar/tgz archive`);
                }
            });
        } catch (error) {
            if (!(error instanceof ArchiveReadError)) throw error;
            this.findings.unreadable = `cannot read the archive: ${error.message}`;
        }
    }

    folder(root: string): void {
        const pending = [""];
        while (pending.length > 0) {
            const relative = pending.pop() as string;
            for (const dirent of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
                const child = relative ? `${relative}/${dirent.name}` : dirent.name;
                const absolute = path.join(root, child);
                // Symlinked folders are judged by name and not followed, so a link cycle cannot loop.
                const isDirectory = dirent.isDirectory() || (dirent.isSymbolicLink() && isDirectorySafe(absolute));
                this.entry(child, isDirectory);
                if (dirent.isDirectory()) {
                    pending.push(child);
                } else if (!isDirectory) {
                    this.folderFile(child, absolute);
                }
            }
        }
    }

    private folderFile(relative: string, absolute: string): void {
        const interest = this.interest(relative);
        if (interest === "none") {
            return;
        }
        let data: Buffer | undefined;
        try {
            const wanted = this.admit(relative, interest, fs.statSync(absolute).size);
            data = wanted === "all" ? fs.readFileSync(absolute) : wanted === "head" ? firstBytes(absolute) : undefined;
        } catch (error) {
            if (!isFileSystemError(error)) throw error;
            this.findings.unreadableEntries.push({ path: relative, why: error.message });
        }
        if (data) {
            this.found(relative, interest, data);
        }
    }

    member(member: ArchiveMember): Wanted {
        this.entry(member.path, member.isDirectory);
        const interest = member.isDirectory ? "none" : this.interest(member.path);
        return interest === "none" ? "none" : this.admit(member.path, interest, member.size);
    }

    content(member: ArchiveMember, data: Buffer): void {
        this.found(member.path, this.interest(member.path), data);
    }

    unreadable(member: ArchiveMember, message: string): void {
        this.findings.unreadableEntries.push({ path: member.path, why: message });
    }

    /** Counts an entry and records an SDK folder. */
    private entry(relative: string, isDirectory: boolean): void {
        this.findings.entries++;
        if (this.findings.entries > this.limits.maxEntries) {
            this.stop("entries");
        }
        const folder = sdkFolderIn(this.base + relative, isDirectory);
        if (folder && !this.sdk.has(folder)) {
            this.sdk.add(folder);
            this.findings.sdk.push(folder.slice(this.base.length));
        }
    }

    /** Reads JavaScript and manifests outside a known SDK folder, and the start of files a binary can be named as. */
    private interest(relative: string): Interest {
        if (sdkFolderIn(this.base + relative, false)) {
            return "none";
        }
        if (isJavaScriptFile(relative) || path.posix.basename(relative) === "package.json") {
            return "text";
        }
        return mayBeBinary(relative) ? "head" : "none";
    }

    private admit(relative: string, interest: Interest, size: number): Wanted {
        if (interest === "head") {
            this.spend(Math.min(size, headBytes));
            return "head";
        }
        if (size > this.limits.maxFileBytes) {
            this.findings.unreadableEntries.push({ path: relative, why: `${size} bytes, above the ${this.limits.maxFileBytes}-byte scan limit` });
            return "none";
        }
        this.spend(size);
        return "all";
    }

    private found(relative: string, interest: Interest, data: Buffer): void {
        if (interest === "head") {
            const machine = elfMachine(data);
            if (machine) this.findings.binaries.push({ path: relative, machine });
            return;
        }
        const text = data.toString("utf8");
        const finding = path.posix.basename(relative) === "package.json" ? packageFinding(text) : inlinedSdkIn(text);
        if (finding) {
            this.findings.sdk.push(`${relative}: ${finding}`);
        }
    }

    private spend(size: number): void {
        this.findings.bytes += size;
        if (this.findings.bytes > this.limits.maxTotalBytes) {
            this.stop("bytes");
        }
    }

    private stop(limit: "entries" | "bytes"): never {
        this.findings.stoppedAt = limit;
        throw new ReadingStopped();
    }
}

function packageFinding(manifest: string): string | undefined {
    const name = sdkPackageName(manifest);
    return name ? `package ${name}` : undefined;
}

/** An error of the file system (ENOENT, EACCES), not of the pack. */
function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
    return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string";
}

function isDirectorySafe(file: string): boolean {
    try {
        return fs.statSync(file).isDirectory();
    } catch {
        return false;
    }
}
