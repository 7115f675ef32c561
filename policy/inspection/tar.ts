import * as zlib from "zlib";
import { ArchiveEntry, ArchiveReadError, normaliseEntryPath } from "./archive-entry";

// Header layout: POSIX ustar (https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06),
// plus GNU long names ("L", "K") and base-256 numbers, and pax extended headers ("x" for the next entry,
// "g" global) whose path and size records override the header's; `npm pack` writes pax headers.
const block = 512;

/** True when the buffer starts like a gzip stream (a .tgz or .tar.gz). */
export function looksLikeGzip(data: Buffer): boolean {
    return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/** True when the buffer carries a ustar (POSIX, pax, GNU "ustar  ") header in its first block. */
export function looksLikeTar(data: Buffer): boolean {
    return data.length >= block && data.toString("latin1", 257, 262) === "ustar";
}

/** Decompresses a gzip stream, refusing output above `maxBytes`. */
export function gunzipBounded(data: Buffer, maxBytes: number): Buffer {
    try {
        return zlib.gunzipSync(data, { maxOutputLength: maxBytes });
    } catch (error) {
        throw new ArchiveReadError(`cannot gunzip (${(error as Error).message})`);
    }
}

/** The entries of an uncompressed tar archive, one at a time. */
export function* tarEntries(data: Buffer): Generator<ArchiveEntry> {
    let at = 0;
    let longName: string | undefined;
    let pax: Record<string, string> = {};
    let global: Record<string, string> = {};
    while (at + block <= data.length) {
        const header = data.subarray(at, at + block);
        if (header.every((byte) => byte === 0)) {
            return;
        }
        verifyChecksum(header, at);
        const type = String.fromCharCode(header[156]);
        const paxSize = (type === "x" || type === "g") ? undefined : (pax.size ?? global.size);
        const size = paxSize !== undefined && /^\d+$/.test(paxSize) ? Number(paxSize) : numeric(header, 124, 12, at);
        const dataStart = at + block;
        if (dataStart + size > data.length) {
            throw new ArchiveReadError(`entry at offset ${at} declares ${size} bytes, past the end of the archive`);
        }
        const content = data.subarray(dataStart, dataStart + size);
        at = dataStart + Math.ceil(size / block) * block;
        if (type === "L") {
            longName = content.toString("utf8").replace(/\0.*$/s, "");
            continue;
        }
        if (type === "K") {
            continue;
        }
        if (type === "x" || type === "g") {
            const records = paxRecords(content, at);
            if (type === "x") pax = records;
            else global = { ...global, ...records };
            continue;
        }
        const path = normaliseEntryPath(pax.path ?? longName ?? global.path ?? headerPath(header));
        longName = undefined;
        pax = {};
        yield {
            path: path.replace(/\/$/, ""),
            isDirectory: type === "5" || path.endsWith("/"),
            size,
            read: () => content,
        };
    }
}

function headerPath(header: Buffer): string {
    const name = cString(header, 0, 100);
    // Only POSIX ustar ("ustar\0") has the prefix field; GNU's "ustar  " keeps times there.
    const prefix = header.toString("latin1", 257, 263) === "ustar\0" ? cString(header, 345, 155) : "";
    return prefix ? `${prefix}/${name}` : name;
}

function cString(header: Buffer, offset: number, length: number): string {
    const field = header.subarray(offset, offset + length);
    const nul = field.indexOf(0);
    return field.toString("utf8", 0, nul === -1 ? length : nul);
}

/** Pax records: `<length> <key>=<value>\n`, each length counting the whole record. */
function paxRecords(content: Buffer, at: number): Record<string, string> {
    const records: Record<string, string> = {};
    for (let offset = 0; offset < content.length && content[offset] !== 0; ) {
        const space = content.indexOf(0x20, offset);
        const length = Number(content.toString("latin1", offset, space));
        if (space === -1 || !Number.isInteger(length) || length <= 0 || offset + length > content.length) {
            throw new ArchiveReadError(`pax header at offset ${at} has a malformed record`);
        }
        const record = content.toString("utf8", space + 1, offset + length - 1);
        const equals = record.indexOf("=");
        records[record.slice(0, equals)] = record.slice(equals + 1);
        offset += length;
    }
    return records;
}

/** A numeric field: octal text, or GNU's base-256 (high bit set) for values octal cannot hold. */
function numeric(header: Buffer, offset: number, length: number, at: number): number {
    if (header[offset] & 0x80) {
        let value = header[offset] & 0x7f;
        for (let i = 1; i < length; i++) {
            value = value * 256 + header[offset + i];
        }
        if (!Number.isSafeInteger(value)) {
            throw new ArchiveReadError(`header at offset ${at} has a size too large to read`);
        }
        return value;
    }
    return octal(header, offset, length, at);
}

function octal(header: Buffer, offset: number, length: number, at: number): number {
    const text = cString(header, offset, length).trim();
    if (!/^[0-7]*$/.test(text)) {
        throw new ArchiveReadError(`header at offset ${at} has a malformed numeric field "${text}"`);
    }
    return text === "" ? 0 : parseInt(text, 8);
}

function verifyChecksum(header: Buffer, at: number): void {
    const expected = octal(header, 148, 8, at);
    let sum = 0;
    for (let i = 0; i < block; i++) {
        sum += i >= 148 && i < 156 ? 0x20 : header[i];
    }
    if (sum !== expected) {
        throw new ArchiveReadError(`header at offset ${at} fails its checksum: not a tar file, or corrupt`);
    }
}
