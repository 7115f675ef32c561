import * as zlib from "zlib";
import { ArchiveEntry, ArchiveReadError, normaliseEntryPath } from "./archive-entry";

// Header layout: POSIX ustar (https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06),
// plus GNU long names ("L") and pax extended headers ("x") that carry a long path.
const block = 512;

/** True when the buffer starts like a gzip stream (a .tgz or .tar.gz). */
export function looksLikeGzip(data: Buffer): boolean {
    return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/** True when the buffer carries a ustar header in its first block. */
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
    while (at + block <= data.length) {
        const header = data.subarray(at, at + block);
        if (header.every((byte) => byte === 0)) {
            return;
        }
        verifyChecksum(header, at);
        const size = octal(header, 124, 12, at);
        const type = String.fromCharCode(header[156]);
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
        if (type === "x") {
            longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(content.toString("utf8"))?.[1] ?? longName;
            continue;
        }
        if (type === "g") {
            continue;
        }
        const path = normaliseEntryPath(longName ?? headerPath(header));
        longName = undefined;
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
    const prefix = header.toString("latin1", 257, 262) === "ustar" ? cString(header, 345, 155) : "";
    return prefix ? `${prefix}/${name}` : name;
}

function cString(header: Buffer, offset: number, length: number): string {
    const field = header.subarray(offset, offset + length);
    const nul = field.indexOf(0);
    return field.toString("utf8", 0, nul === -1 ? length : nul);
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
