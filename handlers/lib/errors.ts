import type { ErrorCode, ErrorStatus } from "./error-codes";

/** One thing wrong with a request: the field (a body field, `body`, a query parameter, `id`, a header) and why. */
export interface Problem {
    field: string;
    reason: string;
}

/** What every error a handler answers looks like: API Gateway's own `{"message"}`, extended. */
export interface ErrorBody {
    /** Human text. */
    message: string;
    /** Stable, for clients to branch on (error-codes.ts, docs/api.md). */
    code: ErrorCode;
    /** Every problem found, on a 400 for wrong fields. */
    problems?: Problem[];
}

/**
 * A refusal whose message is safe to show to the client: its HTTP status and the body that says why.
 * Thrown, and caught only by `httpHandler`, which answers it; not an Error, since no one needs its stack.
 */
export class HttpError<C extends ErrorCode = ErrorCode> {
    // Declared, not parameter properties: ES2022 class fields would emit each name twice in every bundle.
    declare readonly statusCode: number;
    declare readonly body: ErrorBody;

    /** `statusCode` is the one error-codes.ts gives `code`: a type check, so the table stays out of the bundle. */
    constructor(statusCode: ErrorStatus<C>, code: C, message: string, problems?: Problem[]) {
        this.statusCode = statusCode;
        this.body = { message, code, problems };
    }
}

/** The 400 for a request with wrong fields: every problem, and a message that lists them. */
export function invalidRequest(problems: Problem[]): HttpError {
    return new HttpError(400, "invalid-request", problems.map(({ field, reason }) => `${field} ${reason}`).join("; "), problems);
}
