/**
 * What Lambda's Node.js runtime does with `console` calls, so that the lines the local stack prints are
 * the records CloudWatch stores. Follows the runtime interface client
 * (aws/aws-lambda-nodejs-runtime-interface-client, `src/logging/`: `formatter.ts`, `stdout-logger.ts`,
 * `log-patch.ts`, `constants.ts`, and `src/utils/error.ts`, `src/utils/env.ts`):
 *
 * - `AWS_LAMBDA_LOG_FORMAT=JSON`: one JSON object per call, `{"timestamp","level","requestId","message"}`.
 *   With one argument, `message` is that argument as JSON: a string stays a string, an object stays an
 *   object (its fields are under `message`, not at the top level), and an Error anywhere inside it becomes
 *   `{errorType, errorMessage, stackTrace, ...its own enumerable properties}`; a value JSON cannot hold
 *   (a cycle, a BigInt) becomes its `util.format` text. With more arguments, `message` is `util.format` of
 *   them all, and the first Error after the first argument adds `errorType`, `errorMessage` and
 *   `stackTrace` at the top level.
 * - Otherwise (TEXT): `timestamp<TAB>requestId<TAB>LEVEL<TAB>util.format(...)`, newlines as `\r`.
 * - Levels: `console.trace` TRACE, `debug` DEBUG, `info` and `log` INFO, `warn` WARN, `error` ERROR,
 *   `fatal` FATAL. `AWS_LAMBDA_LOG_LEVEL` silences the calls below it (unset: none).
 * - `requestId` is the current invocation's id, `-` outside an invocation (Init).
 * - An error that escapes the handler is logged as `Invoke Error` (Init: `Init Error`): in JSON, as
 *   `console.error(error)`, so its fields are under `message`.
 */
import { format } from "util";

const levels = {
    TRACE: { name: "TRACE", priority: 1 },
    DEBUG: { name: "DEBUG", priority: 2 },
    INFO: { name: "INFO", priority: 3 },
    WARN: { name: "WARN", priority: 4 },
    ERROR: { name: "ERROR", priority: 5 },
    FATAL: { name: "FATAL", priority: 6 },
} as const;

export type LogLevelName = keyof typeof levels;

/** The request id outside an invocation, as the runtime's invoke store reports it. */
export const noRequestId = "-";

function errorType(error: Error): string {
    return error?.constructor?.name ?? "UnknownError";
}

/** An Error as the JSON format renders it wherever it appears in a logged value. */
function jsonErrorReplacer(_key: string, value: unknown): unknown {
    if (value instanceof Error) {
        return Object.assign(
            {
                errorType: errorType(value),
                errorMessage: value.message,
                stackTrace: typeof value.stack === "string" ? value.stack.split("\n") : value.stack,
            },
            value,
        );
    }
    return value;
}

/** One console call as the JSON record the runtime writes. */
export function formatJsonRecord(timestamp: string, requestId: string, level: LogLevelName, message: unknown, ...params: unknown[]): string {
    const record: Record<string, unknown> = { timestamp, level, requestId };
    if (params.length === 0) {
        record.message = message;
        try {
            return JSON.stringify(record, jsonErrorReplacer);
        } catch {
            record.message = format(record.message);
            return JSON.stringify(record);
        }
    }
    record.message = format(message, ...params);
    const error = params.find((param): param is Error => param instanceof Error);
    if (error) {
        record.errorType = errorType(error);
        record.errorMessage = error.message;
        record.stackTrace = typeof error.stack === "string" ? error.stack.split("\n") : [];
    }
    return JSON.stringify(record);
}

/** One console call as the TEXT line the runtime writes. */
export function formatTextLine(timestamp: string, requestId: string, level: LogLevelName, message: unknown, ...params: unknown[]): string {
    return [timestamp, requestId, level, format(message, ...params)].join("\t");
}

/** An error in TEXT format's `Invoke Error` line: a tab, then its JSON with its own properties. */
function textError(error: Error): string {
    try {
        return `\t${JSON.stringify(error, (_key, value: unknown) =>
            value instanceof Error
                ? Object.assign({ errorType: value.name, errorMessage: value.message, code: (value as { code?: unknown }).code }, value, {
                      ...(typeof value.stack === "string" && { stack: value.stack.split("\n") }),
                  })
                : value,
        )}`;
    } catch {
        return `\t${JSON.stringify({ errorType: error.name, errorMessage: error.message, trace: error.stack?.split("\n") ?? [] })}`;
    }
}

function intoError(error: unknown): Error {
    return error instanceof Error ? error : new Error(String(error));
}

export interface LogPatchSettings {
    /** `AWS_LAMBDA_LOG_FORMAT`: `JSON` (any case) or anything else for TEXT. */
    format?: string;
    /** `AWS_LAMBDA_LOG_LEVEL`: the lowest level written. @default - every level */
    level?: string;
    /** The current invocation's request id, {@link noRequestId} outside one. */
    requestId(): string;
    /** Writes one line, without its newline. @default - process.stdout */
    write?(line: string): void;
}

type ErrorLabel = "Invoke Error" | "Init Error";

/** What `logRuntimeError` does: set by `patchConsole`; in a process whose console is not patched, a plain console.error. */
let logError = (label: ErrorLabel, error: unknown): void => console.error(label, error);

/** Logs an error that escaped the handler (`Invoke Error`) or the module load (`Init Error`), as the runtime does. */
export function logRuntimeError(label: ErrorLabel, error: unknown): void {
    logError(label, error);
}

/** Replaces the console methods with the runtime's, as Lambda does before it loads the function. */
export function patchConsole(settings: LogPatchSettings): void {
    const json = settings.format?.toUpperCase() === "JSON";
    const minimum = levels[settings.level?.toUpperCase() as LogLevelName] ?? levels.TRACE;
    const write = settings.write ?? ((line: string) => process.stdout.write(`${line}\n`));
    const formatLine = json ? formatJsonRecord : formatTextLine;
    const logAt =
        (level: LogLevelName) =>
        (message?: unknown, ...params: unknown[]): void => {
            write(formatLine(new Date().toISOString(), settings.requestId(), level, message, ...params).replace(/\n/g, "\r"));
        };
    const method = (level: LogLevelName) => (levels[level].priority >= minimum.priority ? logAt(level) : () => undefined);
    const patched = console as Console & { fatal?: (...args: unknown[]) => void };
    patched.trace = method("TRACE");
    patched.debug = method("DEBUG");
    patched.info = method("INFO");
    patched.warn = method("WARN");
    patched.error = method("ERROR");
    patched.fatal = method("FATAL");
    patched.log = patched.info;
    logError = (label, error) => (json ? console.error(intoError(error)) : console.error(label, textError(intoError(error))));
}
