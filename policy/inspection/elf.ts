/**
 * Native binaries in function code: ELF executables and shared objects (System V gABI, "ELF Header":
 * https://refspecs.linuxfoundation.org/elf/gabi4+/ch4.eheader.html), recognised from their first bytes.
 * Only files whose name a binary can have are looked at, and only their first bytes are read.
 */

/** The e_machine values of the CPUs Lambda runs, and their 32-bit forebears. */
const machines: Record<number, string> = { 3: "x86", 40: "arm", 62: "x86-64", 183: "aarch64" };

/** The machines each Lambda architecture runs. */
export const runsOn: Record<"arm64" | "x86_64", readonly string[]> = { arm64: ["aarch64"], x86_64: ["x86-64", "x86"] };

/**
 * Names a binary Lambda loads goes by: no extension (Go's and Rust's `bootstrap`, tools under bin/), a
 * Node.js addon (`.node`), a shared library (`.so`, `.so.1.2`, Python's `*.cpython-312-x86_64-linux-gnu.so`).
 */
export function mayBeBinary(path: string): boolean {
    const name = path.slice(path.lastIndexOf("/") + 1);
    return name !== "" && (!name.includes(".") || /\.node$/i.test(name) || /\.so(\.\d+)*$/.test(name));
}

/** The machine an ELF executable or shared object is built for (`x86-64`, `aarch64`, ...), or undefined when `head` is not one. */
export function elfMachine(head: Buffer): string | undefined {
    if (head.length < 20 || head.readUInt32BE(0) !== 0x7f454c46) {
        return undefined;
    }
    const bigEndian = head[5] === 2;
    const type = bigEndian ? head.readUInt16BE(16) : head.readUInt16LE(16);
    // ET_EXEC (2) and ET_DYN (3: shared objects and position-independent executables); object files are never loaded.
    if (type !== 2 && type !== 3) {
        return undefined;
    }
    const machine = bigEndian ? head.readUInt16BE(18) : head.readUInt16LE(18);
    return machines[machine] ?? `machine ${machine}`;
}
