/**
 * What `pulumi.log.warn` prints when a program runs under mocks, with no engine to send it to
 * (@pulumi/pulumi log/index.js). Every suite that runs index.ts on the committed stacks gets
 * Pulumi.prod.yaml's placeholder warnings and dev's open-writes warning printed into the test report.
 */
export const runtimeWarningPrefix = "warning: [runtime] ";

/**
 * A console.warn that drops the Pulumi runtime's warnings and passes everything else on. The suites
 * that check those warnings replace console.warn while they run (test/support/console-capture.ts), so
 * they still see every one.
 */
export function withoutRuntimeWarnings(warn: (...args: unknown[]) => void): (...args: unknown[]) => void {
    return (...args: unknown[]) => {
        if (typeof args[0] === "string" && args[0].startsWith(runtimeWarningPrefix)) return;
        warn(...args);
    };
}
