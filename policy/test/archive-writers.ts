import * as zlib from "zlib";

/** Minimal zip and tar writers, so tests can build archives (healthy and broken) without tools. */

export interface FileSpec {
    path: string;
    /** Omitted for a folder entry. */
    content?: string | Buffer;
}

/** A zip with stored (method 0) or deflated (method 8) entries; folders end in `/`. */
export function writeZip(files: FileSpec[], options: { deflate?: boolean } = {}): Buffer {
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const file of files) {
        const name = Buffer.from(file.content === undefined && !file.path.endsWith("/") ? `${file.path}/` : file.path);
        const raw = file.content === undefined ? Buffer.alloc(0) : Buffer.from(file.content);
        const method = options.deflate && raw.length > 0 ? 8 : 0;
        const data = method === 8 ? zlib.deflateRawSync(raw) : raw;
        const crc = zlib.crc32(raw);
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(20, 4);
        local.writeUInt16LE(method, 8);
        local.writeUInt32LE(crc, 14);
        local.writeUInt32LE(data.length, 18);
        local.writeUInt32LE(raw.length, 22);
        local.writeUInt16LE(name.length, 26);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt16LE(20, 4);
        central.writeUInt16LE(20, 6);
        central.writeUInt16LE(method, 10);
        central.writeUInt32LE(crc, 16);
        central.writeUInt32LE(data.length, 20);
        central.writeUInt32LE(raw.length, 24);
        central.writeUInt16LE(name.length, 28);
        central.writeUInt32LE(offset, 42);
        locals.push(local, name, data);
        centrals.push(central, name);
        offset += local.length + name.length + data.length;
    }
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(files.length, 8);
    end.writeUInt16LE(files.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
}

/** A ustar archive; paths over 100 bytes use a GNU long-name entry. */
export function writeTar(files: FileSpec[]): Buffer {
    const blocks: Buffer[] = [];
    for (const file of files) {
        const isDirectory = file.content === undefined;
        const content = isDirectory ? Buffer.alloc(0) : Buffer.from(file.content as string | Buffer);
        const name = isDirectory && !file.path.endsWith("/") ? `${file.path}/` : file.path;
        if (Buffer.byteLength(name) > 100) {
            const longName = Buffer.from(`${name}\0`);
            blocks.push(tarHeader("././@LongLink", longName.length, "L"), padded(longName));
        }
        blocks.push(tarHeader(name.slice(0, 100), content.length, isDirectory ? "5" : "0"), padded(content));
    }
    blocks.push(Buffer.alloc(1024));
    return Buffer.concat(blocks);
}

function tarHeader(name: string, size: number, type: string): Buffer {
    const header = Buffer.alloc(512);
    header.write(name, 0, 100, "utf8");
    header.write("0000644\0", 100);
    header.write("0000000\0", 108);
    header.write("0000000\0", 116);
    header.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
    header.write("00000000000\0", 136);
    header.write(type, 156);
    header.write("ustar\0", 257);
    header.write("00", 263);
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const byte of header) {
        sum += byte;
    }
    header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    return header;
}

function padded(content: Buffer): Buffer {
    const remainder = content.length % 512;
    return remainder === 0 ? content : Buffer.concat([content, Buffer.alloc(512 - remainder)]);
}
