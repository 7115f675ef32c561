/** The files one `npm run tune` writes besides its report: the chart, and the JSON when asked for. */
import { mkdirSync, writeFileSync } from "fs";
import * as path from "path";
import { tuneChartSvg } from "./tune-chart";
import { TuneResults } from "./tune-results";

export function writeTuneFiles(results: TuneResults, files: { chartPath: string; jsonPath?: string }): string[] {
    const write = (file: string, text: string, what: string) => {
        mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        writeFileSync(file, text);
        return `${what}: ${file}`;
    };
    return [
        write(files.chartPath, tuneChartSvg(results), "chart"),
        ...(files.jsonPath === undefined ? [] : [write(files.jsonPath, `${JSON.stringify(results, null, 2)}\n`, `measurements and recommendations (${results.schema})`)]),
    ];
}
