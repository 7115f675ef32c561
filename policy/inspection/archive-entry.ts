/** One file or folder read from a zip or tar archive. */
export interface ArchiveEntry {
    /** Path inside the archive, with `/` separators and no leading `./`. */
    path: string;
    isDirectory: boolean;
    /** Uncompressed size, as the archive declares it. */
    size: number;
    /** The content, uncompressed; throws `ArchiveReadError` if it cannot be. */
    read(): Buffer;
}

/** An archive that is corrupt or uses a feature this reader does not support; the message says which. */
export class ArchiveReadError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ArchiveReadError";
    }
}

/** Normalises an archive path: backslashes to `/`, no leading `./` or `/`. */
export function normaliseEntryPath(name: string): string {
    return name.replace(/\\/g, "/").replace(/^(\.\/|\/)+/, "");
}
