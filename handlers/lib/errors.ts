/** An error whose message is safe to show to the client, with the HTTP status it maps to. */
export class HttpError extends Error {
    // Declared, not a parameter property: ES2022 class fields would emit the name twice in every bundle.
    declare readonly statusCode: number;

    constructor(statusCode: number, message: string) {
        super(message);
        this.statusCode = statusCode;
    }
}

/** The most common refusal: the request itself is wrong, and the message says how. */
export function badRequest(message: string): HttpError {
    return new HttpError(400, message);
}
