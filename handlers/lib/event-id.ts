import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { HttpError, invalidRequest } from "./errors";

/** Canonical lowercase UUID, the only form the server makes; anything else cannot name an event. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isEventId(value: unknown): value is string {
    return typeof value === "string" && uuidPattern.test(value);
}

/** The `{id}` path parameter, checked before it goes near a key (`x#y`, `../x`, NUL, overlong). */
export function eventIdFromPath(event: APIGatewayProxyEventV2): string {
    const id = event.pathParameters?.id;
    if (!isEventId(id)) throw invalidRequest([{ field: "id", reason: "must be a lowercase UUID, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e" }]);
    return id;
}

export function notFound(id: string): HttpError {
    return new HttpError(404, "not-found", `Event ${id} not found`);
}
