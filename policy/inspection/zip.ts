import * as zlib from "zlib";
import { ArchiveEntry, ArchiveReadError, normaliseEntryPath } from "./archive-entry";

// Record signatures and layouts: PKWARE APPNOTE.TXT 4.3 (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT).
const endOfCentralDirectory = 0x06054b50;
const centralDirectoryHeader = 0x02014b50;
const localFileHeader = 0x04034b50;
const endRecordSize = 22;
const maxCommentSize = 0xffff;

/** True when the buffer starts like a zip (or jar) file. */
export function looksLikeZip(data: Buffer): boolean {
    return data.length >= 4 && (data.readUInt32LE(0) === localFileHeader || data.readUInt32LE(0) === endOfCentralDirectory);
}

/** The entries of a zip or jar archive, read from its central directory, one at a time. */
export function* zipEntries(data: Buffer): Generator<ArchiveEntry> {
    const end = findEndRecord(data);
    const count = data.readUInt16LE(end + 10);
    const directorySize = data.readUInt32LE(end + 12);
    const directoryOffset = data.readUInt32LE(end + 16);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
        throw new ArchiveReadError("ZIP64 archives are not supported");
    }
    if (directoryOffset + directorySize > end) {
        throw new ArchiveReadError(`central directory (offset ${directoryOffset}, ${directorySize} bytes) lies outside the archive`);
    }
    let at = directoryOffset;
    for (let index = 0; index < count; index++) {
        if (at + 46 > end || data.readUInt32LE(at) !== centralDirectoryHeader) {
            throw new ArchiveReadError(`central directory entry ${index} at offset ${at} is malformed`);
        }
        const flags = data.readUInt16LE(at + 8);
        const method = data.readUInt16LE(at + 10);
        const compressedSize = data.readUInt32LE(at + 20);
        const size = data.readUInt32LE(at + 24);
        const nameLength = data.readUInt16LE(at + 28);
        const recordLength = 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
        const headerOffset = data.readUInt32LE(at + 42);
        if (at + recordLength > end) {
            throw new ArchiveReadError(`central directory entry ${index} runs past the directory`);
        }
        const rawName = data.toString("utf8", at + 46, at + 46 + nameLength);
        at += recordLength;
        const path = normaliseEntryPath(rawName);
        yield {
            path: path.replace(/\/$/, ""),
            isDirectory: rawName.endsWith("/"),
            size,
            read: () => readEntry(data, { path, flags, method, compressedSize, size, headerOffset }),
        };
    }
}

function findEndRecord(data: Buffer): number {
    const lowest = Math.max(0, data.length - endRecordSize - maxCommentSize);
    for (let at = data.length - endRecordSize; at >= lowest; at--) {
        if (data.readUInt32LE(at) === endOfCentralDirectory) {
            return at;
        }
    }
    throw new ArchiveReadError("no end-of-central-directory record: not a zip file, or truncated");
}

interface EntryLocation {
    path: string;
    flags: number;
    method: number;
    compressedSize: number;
    size: number;
    headerOffset: number;
}

function readEntry(data: Buffer, entry: EntryLocation): Buffer {
    const at = entry.headerOffset;
    if (at + 30 > data.length || data.readUInt32LE(at) !== localFileHeader) {
        throw new ArchiveReadError(`${entry.path}: local header at offset ${at} is missing`);
    }
    if (entry.flags & 0x1) {
        throw new ArchiveReadError(`${entry.path}: encrypted entries cannot be read`);
    }
    const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
    if (start + entry.compressedSize > data.length) {
        throw new ArchiveReadError(`${entry.path}: data runs past the end of the archive`);
    }
    const stored = data.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
        return stored;
    }
    if (entry.method !== 8) {
        throw new ArchiveReadError(`${entry.path}: compression method ${entry.method} is not supported (only stored and deflate)`);
    }
    try {
        // The declared size bounds the output, so a zip bomb stops at what its directory admits to.
        return zlib.inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
        throw new ArchiveReadError(`${entry.path}: cannot inflate (${(error as Error).message})`);
    }
}
