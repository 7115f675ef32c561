import { list, ReadEntry } from "tar";
import { ArchiveMember, ArchiveReadError, ArchiveVisitor, headBytes, normaliseEntryPath, ReadingStopped } from "./archive-entry";

const block = 512;

/** True when the file starts like a gzip stream (a .tgz or .tar.gz). */
export function looksLikeGzip(head: Buffer): boolean {
    return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** True when the file carries a ustar (POSIX, pax, GNU "ustar  ") header in its first block. */
export function looksLikeTar(head: Buffer): boolean {
    return head.length >= block && head.toString("latin1", 257, 262) === "ustar";
}

/**
 * Reads a tar or tgz archive with node-tar (npm's own reader: pax headers as `npm pack` writes them, GNU
 * long names and base-256 sizes, gzip), streamed from the file in 1 MiB reads, so memory stays bounded.
 * `strict` turns its warnings (a bad checksum, a truncated entry) into errors: a corrupt archive is
 * unreadable, never half-read. Unpacking stops past `maxUnpackedBytes`, Lambda's unzipped limit.
 */
export function visitTar(file: string, visitor: ArchiveVisitor, maxUnpackedBytes: number): void {
    let unpacked = 0;
    const onReadEntry = (entry: ReadEntry) => {
        unpacked += block + entry.size;
        if (unpacked > maxUnpackedBytes) {
            throw new ArchiveReadError(`it unpacks to more than ${maxUnpackedBytes} bytes`);
        }
        const path = normaliseEntryPath(entry.path);
        const member: ArchiveMember = { path, isDirectory: entry.type === "Directory" || entry.path.endsWith("/"), size: entry.size };
        const wanted = visitor.member(member);
        if (wanted === "none" || member.isDirectory) {
            return;
        }
        const limit = wanted === "head" ? Math.min(headBytes, member.size) : member.size;
        const chunks: Buffer[] = [];
        let received = 0;
        entry.on("data", (chunk: Buffer) => {
            if (received < limit) {
                chunks.push(chunk);
                received += chunk.length;
            }
        });
        entry.on("end", () => visitor.content(member, Buffer.concat(chunks).subarray(0, limit)));
    };
    try {
        list({ file, sync: true, strict: true, maxReadSize: 1024 * 1024, onReadEntry });
    } catch (error) {
        // node-tar's and zlib's errors carry a code (TAR_ENTRY_INVALID, Z_BUF_ERROR); anything else is ours.
        if (error instanceof ArchiveReadError || error instanceof ReadingStopped || typeof (error as { code?: unknown }).code !== "string") {
            throw error;
        }
        const { code, message } = error as { code: string; message: string };
        throw new ArchiveReadError(code.startsWith("Z_") ? `cannot gunzip (${message})` : message);
    }
}
