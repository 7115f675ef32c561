/**
 * The day the pack's tests judge Lambda runtimes as of, so that their verdicts do not change when a
 * runtime in a fixture reaches its deprecation date: `lambda-supported-runtime`'s `analysisDate` setting,
 * added to a case's pack config unless the case sets one itself (`analysisDate: undefined` asks for the
 * day the analysis runs).
 */
export const testAnalysisDay = "2026-12-01";

const policy = "lambda-supported-runtime";

export function withTestAnalysisDay(config: unknown = {}): unknown {
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
        return config;
    }
    const entry = (config as Record<string, unknown>)[policy];
    const settings = typeof entry === "string" ? { enforcementLevel: entry } : entry === undefined ? {} : entry;
    if (settings === null || typeof settings !== "object") {
        return config;
    }
    if ("analysisDate" in settings) {
        const { analysisDate, ...rest } = settings as Record<string, unknown>;
        return analysisDate === undefined ? { ...config, [policy]: rest } : config;
    }
    return { ...config, [policy]: { analysisDate: testAnalysisDay, ...settings } };
}
