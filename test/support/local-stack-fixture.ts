import { routes } from "../../components/routes";
import { LocalStack, LocalStackOptions, startLocalStack } from "../../local/stack";

/** Every route served by the emulator's stand-in handler instead of the real one. */
export const fixtureEntries = Object.fromEntries(routes.map((route) => [route.name, "test/support/local-fixture-handler.ts"]));

export interface RecordedStack {
    stack: LocalStack;
    /** Every line the stack logged so far. */
    lines: string[];
}

/** Starts a local stack that records its log lines. */
export async function startRecordedStack(options: LocalStackOptions = {}): Promise<RecordedStack> {
    const lines: string[] = [];
    const stack = await startLocalStack({ ...options, log: (line) => lines.push(line) });
    return { stack, lines };
}

/**
 * Mocha hooks for a suite: a local stack that records its log lines, started before the suite's tests
 * and closed after them. `options` may be a function, for options made in an outer suite's `before`
 * or awaited when the suite starts.
 */
export function useRecordedStack(options: LocalStackOptions | (() => LocalStackOptions | Promise<LocalStackOptions>) = {}): RecordedStack {
    const fixture = {} as RecordedStack;
    before(async () => Object.assign(fixture, await startRecordedStack(typeof options === "function" ? await options() : options)));
    after(() => fixture.stack?.close());
    return fixture;
}

/** The REPORT lines logged for requests, newest last. */
export function reportLines(lines: string[]): string[] {
    return lines.filter((line) => line.includes("\tREPORT RequestId: "));
}

/**
 * Asserts a handler's error answer: the status, JSON content type and the one error shape,
 * `{"message": <non-empty string>, "code": <string>}` plus `problems` on a 400; returns the message.
 */
export function errorMessage(response: { status: number; headers: Record<string, unknown>; json(): unknown }, status: number): string {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.json())}`);
    if (response.headers["content-type"] !== "application/json") throw new Error(`error without JSON content type`);
    const body = response.json() as Record<string, unknown>;
    const keys = status === 400 ? "message,code,problems" : "message,code";
    if (Object.keys(body).join() !== keys || typeof body.message !== "string" || body.message === "" || typeof body.code !== "string") {
        throw new Error(`not the error shape: ${JSON.stringify(body)}`);
    }
    return body.message;
}
