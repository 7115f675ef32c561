import type { ExecFileException } from "child_process";

/**
 * A child's exit status as execFile reports it: 0, its exit code, or how it was stopped. A process killed
 * by execFile's timeout has no exit code (`error.code` is null), and must not read as 0.
 */
export function exitStatus(error: ExecFileException | null, timeoutMs: number): number | string {
    if (!error) return 0;
    if (typeof error.code === "number") return error.code;
    if (error.killed) return `killed by ${error.signal} after ${timeoutMs} ms`;
    return String(error.code ?? error.signal);
}
