/**
 * The tracing experiment: each route's handler with its DynamoDB client instrumented by the X-Ray SDK
 * (`captureAWSv3Client`, aws-xray-sdk-core), so that every GetItem/PutItem/Query/DeleteItem becomes a
 * subsegment of the function's trace. The SDK is not in the Lambda runtime: it is bundled.
 */
import * as path from "path";
import { projectRoot } from "../../components/bundle";
import type { RouteDefinition } from "../../components/routes";

/**
 * What Lambda sets for an invocation with Active tracing (the X-Ray SDK reads it in Lambda): a sampled
 * trace, so the SDK records and sends (UDP to the daemon address, unanswered here) every subsegment.
 */
export const sampledTraceEnv = { _X_AMZN_TRACE_ID: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1" };

/** TypeScript source of the traced entry for one route. */
export function tracedEntrySource(route: RouteDefinition): string {
    const importPath = (file: string) => JSON.stringify(path.join(projectRoot, file).replace(/\.ts$/, ""));
    return [
        // The entry is written outside the project: import the SDK by its resolved path.
        `import { captureAWSv3Client } from ${JSON.stringify(require.resolve("aws-xray-sdk-core"))};`,
        `import { documentClient } from ${importPath("handlers/lib/dynamo.ts")};`,
        `import { handler as untraced } from ${importPath(route.entry)};`,
        // DynamoDBDocument shares its client's middleware stack, so this traces the handler's own calls.
        "captureAWSv3Client(documentClient as never);",
        "export const handler = untraced;",
        // Primed as ours is: the route's own request, through the traced client.
        `export { prime } from ${importPath(route.entry)};`,
        "",
    ].join("\n");
}
