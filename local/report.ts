import type { Invocation } from "./environment";

export interface ReportInput {
    requestId: string;
    invocation: Invocation;
    memorySizeMb: number;
    /** Present on a cold start. */
    initDurationMs?: number;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

/**
 * Lambda's `REPORT` log line. Billed Duration is rounded up to the millisecond and, since
 * 1 August 2025, includes the init phase of on-demand functions
 * (https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/).
 */
export function reportLine({ requestId, invocation, memorySizeMb, initDurationMs }: ReportInput): string {
    const fields = [
        `REPORT RequestId: ${requestId}`,
        `Duration: ${ms(invocation.durationMs)}`,
        `Billed Duration: ${Math.ceil(invocation.durationMs + (initDurationMs ?? 0))} ms`,
        `Memory Size: ${memorySizeMb} MB`,
    ];
    if (invocation.maxMemoryMb !== undefined) fields.push(`Max Memory Used: ${invocation.maxMemoryMb} MB`);
    if (initDurationMs !== undefined) fields.push(`Init Duration: ${ms(initDurationMs)}`);
    // Lambda adds a status only when the runtime or sandbox failed, not when the handler threw.
    if (invocation.status === "error" && /^(Runtime|Sandbox)\./.test(invocation.errorType)) {
        fields.push(`Status: ${invocation.errorType === "Sandbox.Timedout" ? "timeout" : "error"}`);
        fields.push(`Error Type: ${invocation.errorType}`);
    }
    return fields.join("\t");
}

/** The emulator's one line per request: what the client saw, then the function's REPORT. */
export function requestLine(method: string, path: string, statusCode: number, totalMs: number, report?: string): string {
    const line = `${method} ${path} ${statusCode} ${totalMs.toFixed(1)} ms`;
    return report ? `${line}\t${report}` : line;
}
