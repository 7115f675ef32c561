/** An error whose message is safe to show to the client, with the HTTP status it maps to. */
export class HttpError extends Error {
    constructor(
        readonly statusCode: number,
        message: string,
    ) {
        super(message);
    }
}

/** The most common refusal: the request itself is wrong, and the message says how. */
export function badRequest(message: string): HttpError {
    return new HttpError(400, message);
}
