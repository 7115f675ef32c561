/** One file or folder of a zip or tar archive, as its directory or header declares it. */
export interface ArchiveMember {
    /** Path inside the archive, with `/` separators, no leading `./` and no trailing `/`. */
    path: string;
    isDirectory: boolean;
    /** Uncompressed size, as the archive declares it. */
    size: number;
}

/** How much of a member's content is wanted: none, its first `headBytes` (enough for an ELF header), or all. */
export type Wanted = "none" | "head" | "all";

export const headBytes = 64;

/**
 * What reads an archive's members, in archive order: it says what it wants of each, and receives that
 * (or why it cannot be read). Throwing `ReadingStopped` from any callback ends the reading.
 */
export interface ArchiveVisitor {
    member(member: ArchiveMember): Wanted;
    /** All of the content, or its first `headBytes` (fewer when the member is shorter). */
    content(member: ArchiveMember, data: Buffer): void;
    unreadable(member: ArchiveMember, message: string): void;
}

/** An archive that is corrupt or uses a feature this reader does not support; the message says which. */
export class ArchiveReadError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ArchiveReadError";
    }
}

/** Thrown by a visitor to stop reading (a limit reached); the archive readers let it through. */
export class ReadingStopped extends Error {}

/** Normalises an archive path: backslashes to `/`, no leading `./` or `/`, no trailing `/`. */
export function normaliseEntryPath(name: string): string {
    return name.replace(/\\/g, "/").replace(/^(\.\/|\/)+/, "").replace(/\/+$/, "");
}
