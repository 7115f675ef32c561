/**
 * Lambda Node.js runtimes the component accepts. nodejs24.x is the default: Node 24 is supported
 * until 2028, while nodejs22.x reaches end of support in 2027 (AWS Lambda runtimes page).
 */
export const supportedRuntimes = ["nodejs22.x", "nodejs24.x"] as const;
export type NodeRuntime = (typeof supportedRuntimes)[number];
export const defaultRuntime: NodeRuntime = "nodejs24.x";

/** esbuild's target for a runtime: `nodejs24.x` gives `node24`. */
export function esbuildTarget(runtime: NodeRuntime): string {
    const match = /^nodejs(\d+)\.x$/.exec(runtime);
    if (!match) {
        throw new Error(`unsupported runtime "${runtime}": expected one of ${supportedRuntimes.join(", ")}`);
    }
    return `node${match[1]}`;
}

/**
 * Every function's `loggingConfig.logFormat`: the runtime writes each console call as one JSON record
 * that Logs Insights can filter on. The local runtime formats its console the same way.
 */
export const functionLogFormat = "JSON";

/** The application log level Lambda applies to a JSON-format function that sets none (DEBUG and TRACE dropped). */
export const defaultApplicationLogLevel = "INFO";
