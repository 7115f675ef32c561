import { formatMarkdown } from "./markdown";
import { Report } from "./model";
import { formatSarif } from "./sarif";
import { formatText } from "./text";

/** Every `--format` of the check, by name. `json` is the report as it is (report.schema.json). */
export const formats = {
    text: formatText,
    json: (report: Report) => JSON.stringify(report, null, 2),
    markdown: formatMarkdown,
    sarif: formatSarif,
} satisfies Record<string, (report: Report) => string>;

export type FormatName = keyof typeof formats;

export const formatNames = Object.keys(formats) as FormatName[];
