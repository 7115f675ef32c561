import { Report } from "./model";
import { packageList, tally, verdict, where } from "./text";

/**
 * The report as GitHub-flavoured markdown, for `$GITHUB_STEP_SUMMARY` or a pull-request comment: what was
 * checked, a table of the policies and a table of the findings, each with its file and line.
 */

/** Text safe in a table cell: no pipe ends a cell, no newline ends a row, no HTML is interpreted. */
export function cell(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** A code span; a backtick inside would end it, and pipes still need escaping in a table. */
const code = (text: string) => (text === "" ? "" : `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\r?\n/g, " ")}\``);

const icon: Record<Report["summary"]["result"], string> = { passed: "✅", failed: "❌", "nothing-checked": "⚠️" };

export function formatMarkdown(report: Report): string {
    const lines = [
        `### ${icon[report.summary.result]} Policy check: ${cell(report.project)}, stack ${cell(report.stack)}`,
        "",
        `**${cell(verdict(report))}**`,
        "",
        "| | |",
        "|---|---|",
        `| pack | ${code(`${report.pack.name}@${report.pack.version}`)} |`,
        `| program | ${code(report.program.folderInRepository)} (${report.program.language}${report.program.main ? `, main: ${code(report.program.main)}` : ""}) |`,
        `| stack config | ${code(report.stackConfig)} |`,
        `| packages | ${cell(packageList(report))} |`,
        `| resources | ${report.resources.total} (${report.resources.custom} custom) |`,
        "",
        "| level | policy | result |",
        "|---|---|---|",
        ...report.policies.map((p) => `| ${p.enforcementLevel} | ${code(p.name)} | ${cell(tally(p))} |`),
        "",
    ];
    if (report.findings.length > 0 || report.remediations.length > 0) {
        lines.push("| level | policy | resource | location | message |", "|---|---|---|---|---|");
        for (const f of report.findings) {
            const resource = f.resource ? `${code(f.resource.name)}<br>${cell(f.resource.type)}` : "the stack";
            lines.push(`| ${f.enforcementLevel} | ${code(f.policy)} | ${resource} | ${code(where(f))} | ${cell(f.message)} |`);
        }
        for (const r of report.remediations) {
            lines.push(`| remediated | ${code(r.policy)} | ${code(r.resource.name)}<br>${cell(r.resource.type)} | ${code(where(r))} | remediated by the pack |`);
        }
        lines.push("");
    }
    if (report.warnings.length > 0) {
        lines.push("**Not checked as `pulumi preview` would:**", "", ...report.warnings.map((w) => `- ${cell(w)}`), "");
    }
    return lines.join("\n");
}
