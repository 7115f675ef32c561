/** Collects what the code under test logs with console.warn/console.error, instead of printing it. */
export function captureConsole(): { lines: string[]; restore(): void } {
    const lines: string[] = [];
    const original = { warn: console.warn, error: console.error };
    console.warn = (...args: unknown[]) => lines.push(args.map(String).join(" "));
    console.error = (...args: unknown[]) => lines.push(args.map(String).join(" "));
    return {
        lines,
        restore() {
            Object.assign(console, original);
        },
    };
}
