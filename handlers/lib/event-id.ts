import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { BadRequestError } from "./errors";

/** Canonical lowercase UUID, the only form the server makes; anything else cannot name an event. */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isEventId(value: string): boolean {
    return uuidPattern.test(value);
}

/** The `{id}` path parameter, checked before it goes near a key (`x#y`, `../x`, NUL, overlong). */
export function eventIdFromPath(event: APIGatewayProxyEventV2): string {
    const id = event.pathParameters?.id;
    if (id === undefined || !isEventId(id)) {
        throw new BadRequestError("Event id must be a lowercase UUID, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e");
    }
    return id;
}
