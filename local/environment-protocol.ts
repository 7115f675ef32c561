/** Messages between the emulator and an execution environment (IPC, JSON-serialised). */

export interface InvokeMessage {
    type: "invoke";
    requestId: string;
    event: unknown;
    invokedFunctionArn: string;
    /** Epoch ms when the function times out (for `context.getRemainingTimeInMillis`). */
    deadlineMs: number;
}

export type ParentMessage = InvokeMessage;

export type ChildMessage =
    | {
          type: "ready";
          /** Node's own start-up, until the bootstrap ran. */
          bootMs: number;
          /** Loading the function's module (and awaiting its init): Lambda's Init Duration. */
          initDurationMs: number;
      }
    | { type: "init-error"; initDurationMs: number; errorType: string; errorMessage: string }
    | { type: "result"; requestId: string; durationMs: number; maxMemoryMb: number; payload?: string }
    | {
          type: "error";
          requestId: string;
          durationMs: number;
          maxMemoryMb: number;
          errorType: string;
          errorMessage: string;
      };
