import * as fs from "fs";
import { ArchiveReadError, headBytes } from "./archive-entry";

/** Bytes read ahead for sequential records (a zip's central directory), so memory stays at one window. */
const windowBytes = 1024 * 1024;

/** A file read at offsets with `fs.readSync`, never whole: memory stays bounded whatever its size. */
export class FileReader {
    private windowStart = 0;
    private windowData: Buffer = Buffer.alloc(0);
    /** Bytes read from the file so far. */
    bytesRead = 0;

    private constructor(
        private readonly fd: number,
        readonly size: number,
    ) {}

    /** Runs `use` with the file open, and closes it whatever happens. */
    static with<T>(file: string, use: (reader: FileReader) => T): T {
        const fd = fs.openSync(file, "r");
        try {
            return use(new FileReader(fd, fs.fstatSync(fd).size));
        } finally {
            fs.closeSync(fd);
        }
    }

    /** `length` bytes at `position`; an archive that claims bytes past its end is unreadable. */
    read(position: number, length: number): Buffer {
        if (position < 0 || position + length > this.size) {
            throw new ArchiveReadError(`${length} bytes at offset ${position} run past the end of the file (${this.size} bytes)`);
        }
        const data = Buffer.allocUnsafe(length);
        let done = 0;
        while (done < length) {
            const read = fs.readSync(this.fd, data, done, length - done, position + done);
            if (read === 0) throw new ArchiveReadError(`the file ended at ${position + done} bytes, shorter than its ${this.size}`);
            done += read;
        }
        this.bytesRead += length;
        return data;
    }

    /** As `read`, served from a read-ahead window: for many small sequential records. */
    window(position: number, length: number): Buffer {
        const offset = position - this.windowStart;
        if (position + length > this.size) {
            return this.read(position, length);
        }
        if (offset < 0 || offset + length > this.windowData.length) {
            this.windowStart = position;
            this.windowData = this.read(position, Math.min(Math.max(length, windowBytes), this.size - position));
            return this.windowData.subarray(0, length);
        }
        return this.windowData.subarray(offset, offset + length);
    }
}

/** A file's first `headBytes` (fewer when it is shorter). */
export function firstBytes(file: string): Buffer {
    const fd = fs.openSync(file, "r");
    try {
        const head = Buffer.alloc(headBytes);
        return head.subarray(0, fs.readSync(fd, head, 0, headBytes, 0));
    } finally {
        fs.closeSync(fd);
    }
}
