import * as zlib from "zlib";
import { ArchiveEntry, ArchiveReadError, normaliseEntryPath } from "./archive-entry";

// Record signatures and layouts: PKWARE APPNOTE.TXT 4.3 (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT).
const endOfCentralDirectory = 0x06054b50;
const centralDirectoryHeader = 0x02014b50;
const localFileHeader = 0x04034b50;
const zip64EndLocator = 0x07064b50;
const zip64EndRecord = 0x06064b50;
const zip64ExtraField = 0x0001;
const endRecordSize = 22;
const maxCommentSize = 0xffff;

/** True when the buffer starts like a zip (or jar) file. */
export function looksLikeZip(data: Buffer): boolean {
    return data.length >= 4 && (data.readUInt32LE(0) === localFileHeader || data.readUInt32LE(0) === endOfCentralDirectory);
}

/**
 * The entries of a zip or jar archive, read from its central directory, one at a time: sizes and offsets
 * come from there, so entries written with data descriptors (streamed, flag bit 3) read as any other.
 * ZIP64 (Info-ZIP switches to it past 65,535 entries or 4 GiB) is followed through its end locator and
 * each entry's ZIP64 extra field (APPNOTE 4.3.14-4.3.15, 4.5.3).
 */
export function* zipEntries(data: Buffer): Generator<ArchiveEntry> {
    const end = findEndRecord(data);
    let count = data.readUInt16LE(end + 10);
    let directorySize = data.readUInt32LE(end + 12);
    let directoryOffset = data.readUInt32LE(end + 16);
    let directoryEnd = end;
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
        const locator = end - 20;
        if (locator < 0 || data.readUInt32LE(locator) !== zip64EndLocator) {
            throw new ArchiveReadError("the end record says ZIP64, but there is no ZIP64 end locator");
        }
        const record = safeNumber(data.readBigUInt64LE(locator + 8), "ZIP64 end record offset");
        if (record + 56 > locator || data.readUInt32LE(record) !== zip64EndRecord) {
            throw new ArchiveReadError(`no ZIP64 end record at offset ${record}`);
        }
        count = safeNumber(data.readBigUInt64LE(record + 32), "entry count");
        directorySize = safeNumber(data.readBigUInt64LE(record + 40), "central directory size");
        directoryOffset = safeNumber(data.readBigUInt64LE(record + 48), "central directory offset");
        directoryEnd = record;
    }
    const end64 = directoryEnd;
    if (directoryOffset + directorySize > end64) {
        throw new ArchiveReadError(`central directory (offset ${directoryOffset}, ${directorySize} bytes) lies outside the archive`);
    }
    let at = directoryOffset;
    for (let index = 0; index < count; index++) {
        if (at + 46 > end64 || data.readUInt32LE(at) !== centralDirectoryHeader) {
            throw new ArchiveReadError(`central directory entry ${index} at offset ${at} is malformed`);
        }
        const flags = data.readUInt16LE(at + 8);
        const method = data.readUInt16LE(at + 10);
        let compressedSize = data.readUInt32LE(at + 20);
        let size = data.readUInt32LE(at + 24);
        const nameLength = data.readUInt16LE(at + 28);
        const extraLength = data.readUInt16LE(at + 30);
        const recordLength = 46 + nameLength + extraLength + data.readUInt16LE(at + 32);
        let headerOffset = data.readUInt32LE(at + 42);
        if (at + recordLength > end64) {
            throw new ArchiveReadError(`central directory entry ${index} runs past the directory`);
        }
        const rawName = data.toString("utf8", at + 46, at + 46 + nameLength);
        if (size === 0xffffffff || compressedSize === 0xffffffff || headerOffset === 0xffffffff) {
            // The ZIP64 extra field holds, in this order, only the values whose 32-bit field is all ones.
            const extra = zip64Extra(data, at + 46 + nameLength, extraLength, rawName);
            const next = () => safeNumber(extra.readBigUInt64LE((extra.offset += 8) - 8), `${rawName}'s ZIP64 field`);
            if (size === 0xffffffff) size = next();
            if (compressedSize === 0xffffffff) compressedSize = next();
            if (headerOffset === 0xffffffff) headerOffset = next();
        }
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

function zip64Extra(data: Buffer, start: number, length: number, name: string): Buffer & { offset: number } {
    for (let at = start; at + 4 <= start + length; ) {
        const id = data.readUInt16LE(at);
        const size = data.readUInt16LE(at + 2);
        if (id === zip64ExtraField) {
            return Object.assign(data.subarray(at + 4, at + 4 + size), { offset: 0 });
        }
        at += 4 + size;
    }
    throw new ArchiveReadError(`${name}: its sizes say ZIP64, but it has no ZIP64 extra field`);
}

function safeNumber(value: bigint, what: string): number {
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new ArchiveReadError(`${what} ${value} is too large`);
    }
    return Number(value);
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
