import * as zlib from "zlib";
import { ArchiveMember, ArchiveReadError, ArchiveVisitor, headBytes, normaliseEntryPath } from "./archive-entry";
import { FileReader } from "./file-reader";

// Record signatures and layouts: PKWARE APPNOTE.TXT 4.3 (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT).
const endOfCentralDirectory = 0x06054b50;
const centralDirectoryHeader = 0x02014b50;
const localFileHeader = 0x04034b50;
const zip64EndLocator = 0x07064b50;
const zip64EndRecord = 0x06064b50;
const zip64ExtraField = 0x0001;
const endRecordSize = 22;
const maxCommentSize = 0xffff;
/** Compressed bytes inflated for a member's first bytes: past the largest dynamic Huffman header, at most ~1 MB out. */
const headInput = 1024;

/** True when the file starts like a zip (or jar) file. */
export function looksLikeZip(head: Buffer): boolean {
    return head.length >= 4 && (head.readUInt32LE(0) === localFileHeader || head.readUInt32LE(0) === endOfCentralDirectory);
}

interface Location {
    flags: number;
    method: number;
    compressedSize: number;
    headerOffset: number;
}

/**
 * Reads a zip or jar archive at offsets, never whole: the end record, then the central directory in
 * windows, then only the members the visitor wants. Sizes and offsets come from the central directory,
 * so entries written with data descriptors (streamed, flag bit 3) read as any other. ZIP64 (Info-ZIP
 * switches to it past 65,535 entries or 4 GiB) is followed through its end locator and each entry's
 * ZIP64 extra field (APPNOTE 4.3.14-4.3.15, 4.5.3).
 */
export function visitZip(file: FileReader, visitor: ArchiveVisitor): void {
    const { count, directoryOffset, directoryEnd } = centralDirectory(file);
    let at = directoryOffset;
    for (let index = 0; index < count; index++) {
        const fixed = at + 46 <= directoryEnd ? file.window(at, 46) : undefined;
        if (!fixed || fixed.readUInt32LE(0) !== centralDirectoryHeader) {
            throw new ArchiveReadError(`central directory entry ${index} at offset ${at} is malformed`);
        }
        const nameLength = fixed.readUInt16LE(28);
        const extraLength = fixed.readUInt16LE(30);
        const recordLength = 46 + nameLength + extraLength + fixed.readUInt16LE(32);
        if (at + recordLength > directoryEnd) {
            throw new ArchiveReadError(`central directory entry ${index} runs past the directory`);
        }
        const record = file.window(at, recordLength);
        const rawName = record.toString("utf8", 46, 46 + nameLength);
        let compressedSize = record.readUInt32LE(20);
        let size = record.readUInt32LE(24);
        let headerOffset = record.readUInt32LE(42);
        if (size === 0xffffffff || compressedSize === 0xffffffff || headerOffset === 0xffffffff) {
            // The ZIP64 extra field holds, in this order, only the values whose 32-bit field is all ones.
            const extra = zip64Extra(record.subarray(46 + nameLength, 46 + nameLength + extraLength), rawName);
            let offset = 0;
            const next = () => safeNumber(extra.readBigUInt64LE((offset += 8) - 8), `${rawName}'s ZIP64 field`);
            if (size === 0xffffffff) size = next();
            if (compressedSize === 0xffffffff) compressedSize = next();
            if (headerOffset === 0xffffffff) headerOffset = next();
        }
        at += recordLength;
        const member: ArchiveMember = { path: normaliseEntryPath(rawName), isDirectory: rawName.endsWith("/"), size };
        const wanted = visitor.member(member);
        if (wanted === "none" || member.isDirectory) {
            continue;
        }
        const location = { flags: record.readUInt16LE(8), method: record.readUInt16LE(10), compressedSize, headerOffset };
        let data: Buffer;
        try {
            data = readMember(file, member, location, wanted === "head");
        } catch (error) {
            if (!(error instanceof ArchiveReadError)) throw error;
            visitor.unreadable(member, error.message);
            continue;
        }
        visitor.content(member, data);
    }
}

function centralDirectory(file: FileReader): { count: number; directoryOffset: number; directoryEnd: number } {
    const end = findEndRecord(file);
    const record = file.read(end, endRecordSize);
    let count = record.readUInt16LE(10);
    let directorySize = record.readUInt32LE(12);
    let directoryOffset = record.readUInt32LE(16);
    let directoryEnd = end;
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
        const locatorAt = end - 20;
        const locator = locatorAt >= 0 ? file.read(locatorAt, 20) : undefined;
        if (!locator || locator.readUInt32LE(0) !== zip64EndLocator) {
            throw new ArchiveReadError("the end record says ZIP64, but there is no ZIP64 end locator");
        }
        const recordAt = safeNumber(locator.readBigUInt64LE(8), "ZIP64 end record offset");
        const record64 = recordAt + 56 <= locatorAt ? file.read(recordAt, 56) : undefined;
        if (!record64 || record64.readUInt32LE(0) !== zip64EndRecord) {
            throw new ArchiveReadError(`no ZIP64 end record at offset ${recordAt}`);
        }
        count = safeNumber(record64.readBigUInt64LE(32), "entry count");
        directorySize = safeNumber(record64.readBigUInt64LE(40), "central directory size");
        directoryOffset = safeNumber(record64.readBigUInt64LE(48), "central directory offset");
        directoryEnd = recordAt;
    }
    if (directoryOffset + directorySize > directoryEnd) {
        throw new ArchiveReadError(`central directory (offset ${directoryOffset}, ${directorySize} bytes) lies outside the archive`);
    }
    return { count, directoryOffset, directoryEnd };
}

function findEndRecord(file: FileReader): number {
    const tailStart = Math.max(0, file.size - endRecordSize - maxCommentSize);
    const tail = file.size >= endRecordSize ? file.read(tailStart, file.size - tailStart) : Buffer.alloc(0);
    for (let at = tail.length - endRecordSize; at >= 0; at--) {
        if (tail.readUInt32LE(at) === endOfCentralDirectory) {
            return tailStart + at;
        }
    }
    throw new ArchiveReadError("no end-of-central-directory record: not a zip file, or truncated");
}

function zip64Extra(extra: Buffer, name: string): Buffer {
    for (let at = 0; at + 4 <= extra.length; ) {
        const id = extra.readUInt16LE(at);
        const size = extra.readUInt16LE(at + 2);
        if (id === zip64ExtraField) {
            return extra.subarray(at + 4, at + 4 + size);
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

function readMember(file: FileReader, member: ArchiveMember, entry: Location, headOnly: boolean): Buffer {
    const at = entry.headerOffset;
    const header = at + 30 <= file.size ? file.read(at, 30) : undefined;
    if (!header || header.readUInt32LE(0) !== localFileHeader) {
        throw new ArchiveReadError(`${member.path}: local header at offset ${at} is missing`);
    }
    if (entry.flags & 0x1) {
        throw new ArchiveReadError(`${member.path}: encrypted entries cannot be read`);
    }
    const start = at + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > file.size) {
        throw new ArchiveReadError(`${member.path}: data runs past the end of the archive`);
    }
    if (entry.method === 0) {
        return file.read(start, headOnly ? Math.min(headBytes, entry.compressedSize) : entry.compressedSize);
    }
    if (entry.method !== 8) {
        throw new ArchiveReadError(`${member.path}: compression method ${entry.method} is not supported (only stored and deflate)`);
    }
    try {
        if (headOnly && entry.compressedSize > headInput) {
            // A deflate stream's start inflates on its own when flushed, not finished.
            const opening = zlib.inflateRawSync(file.read(start, headInput), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
            return opening.subarray(0, headBytes);
        }
        // The declared size bounds the output, so a zip bomb stops at what its directory admits to.
        const data = zlib.inflateRawSync(file.read(start, entry.compressedSize), { maxOutputLength: Math.max(1, member.size) });
        return headOnly ? data.subarray(0, headBytes) : data;
    } catch (error) {
        throw new ArchiveReadError(`${member.path}: cannot inflate (${(error as Error).message})`);
    }
}
