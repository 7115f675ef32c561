import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { randomUUID } from "crypto";
import * as path from "path";
import { lambdaHandler, projectRoot } from "../components/bundle";
import { defaultApplicationLogLevel, defaultRuntime, functionLogFormat } from "../components/runtime";
import { localAwsEnv } from "./dynalite";
import { ExecutionEnvironment } from "./environment";
import { EnvironmentPool } from "./environment-pool";
import { reportLine } from "./report";
import { gatewayResponses, HttpResponse, MalformedResultError, toHttpResponse } from "./response";
import type { RouteMatch } from "./router";

export interface LocalFunctionOptions {
    functionName: string;
    /** Directory holding the bundle as `index.mjs`, like `/var/task`. */
    taskRoot: string;
    bootstrapFile: string;
    /** The function's own variables (table name, endpoint, ...), on top of Lambda's. */
    variables: Record<string, string>;
    timeoutMs: number;
    memorySizeMb: number;
    maxEnvironments: number;
    log(line: string): void;
}

/** Where the execution environments find the runtime-provided SDK: the project's own copy. */
export const runtimeNodePath = path.join(projectRoot, "node_modules");

/** The AWS account the local stack and the benchmarks act as: none of AWS's. */
export const localAccountId = "000000000000";

/** A local function's ARN, its context's `invokedFunctionArn`, in the local region. */
export function localFunctionArn(functionName: string): string {
    return `arn:aws:lambda:${localAwsEnv.AWS_REGION}:${localAccountId}:function:${functionName}`;
}

/** The variables Lambda's Node.js runtime sets in every execution environment. */
export function lambdaVariables(options: Pick<LocalFunctionOptions, "functionName" | "taskRoot" | "memorySizeMb">) {
    return {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        TZ: ":UTC",
        LANG: "en_US.UTF-8",
        LAMBDA_TASK_ROOT: options.taskRoot,
        _HANDLER: lambdaHandler,
        // Lambda resolves the runtime-provided SDK through NODE_PATH; here it is the project's own copy.
        NODE_PATH: runtimeNodePath,
        AWS_EXECUTION_ENV: `AWS_Lambda_${defaultRuntime}`,
        AWS_LAMBDA_FUNCTION_NAME: options.functionName,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memorySizeMb),
        AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${options.functionName}`,
        AWS_LAMBDA_LOG_STREAM_NAME: `local/[$LATEST]${randomUUID().replace(/-/g, "")}`,
        // What Lambda sets for the component's loggingConfig: the console writes JSON records at INFO and above.
        AWS_LAMBDA_LOG_FORMAT: functionLogFormat,
        AWS_LAMBDA_LOG_LEVEL: defaultApplicationLogLevel,
    };
}

/** One Lambda function: its pool of execution environments and the API Gateway integration in front of it. */
export class LocalFunction {
    private readonly pool: EnvironmentPool;

    constructor(private readonly options: LocalFunctionOptions) {
        const env = { ...lambdaVariables(options), ...options.variables };
        this.pool = new EnvironmentPool(options.maxEnvironments, () =>
            ExecutionEnvironment.start({
                functionName: options.functionName,
                bootstrapFile: options.bootstrapFile,
                env,
                timeoutMs: options.timeoutMs,
                onLog: (line) => options.log(`${options.functionName}: ${line}`),
            }),
        );
    }

    get environments(): number {
        return this.pool.size;
    }

    get pids(): number[] {
        return this.pool.pids;
    }

    /** Invokes the function with the event and maps its result as the AWS_PROXY integration does. */
    async invoke(_match: RouteMatch, event: APIGatewayProxyEventV2): Promise<{ response: HttpResponse; report: string }> {
        const requestId = randomUUID();
        const { functionName, memorySizeMb, log } = this.options;
        const { invocation, initDurationMs } = await this.pool.invoke((environment) =>
            environment.invoke({
                requestId,
                event,
                invokedFunctionArn: localFunctionArn(functionName),
            }),
        );
        let response = gatewayResponses.internalError();
        if (invocation.status === "success") {
            try {
                response = toHttpResponse(invocation.payload);
            } catch (error) {
                if (!(error instanceof MalformedResultError)) throw error;
                log(`${functionName}: ${error.message}`);
            }
        } else {
            log(`${functionName}: ${invocation.errorType}: ${invocation.errorMessage}`);
        }
        return { response, report: reportLine({ requestId, invocation, memorySizeMb, initDurationMs }) };
    }

    close(): Promise<void> {
        return this.pool.close();
    }
}
