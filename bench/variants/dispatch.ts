import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { routeKey, routes } from "../../components/routes";

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The monolith's router: one function serving every route, dispatching on the event's routeKey.
 * `handlers` are the route table's handlers, in the route table's order.
 */
export function dispatchByRouteKey(handlers: readonly Handler[]): Handler {
    if (handlers.length !== routes.length) {
        throw new Error(`expected ${routes.length} handlers, one per route, got ${handlers.length}`);
    }
    const byRouteKey = new Map(routes.map((route, index) => [routeKey(route), handlers[index]]));
    return async (event, context) => {
        const handler = byRouteKey.get(event.routeKey);
        if (!handler) return { statusCode: 404, body: JSON.stringify({ message: "Not Found" }) };
        return handler(event, context);
    };
}
