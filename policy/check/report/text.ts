import { Finding, PolicyOutcome, Report } from "./model";

/** The report for a terminal or a CI log: what was checked, each policy's tally, each finding with its file and line. */

export function where(finding: Pick<Finding, "location">): string {
    return finding.location ? `${finding.location.path}:${finding.location.line}${finding.location.column ? `:${finding.location.column}` : ""}` : "";
}

export function tally(policy: PolicyOutcome): string {
    if (policy.outcome === "disabled") return "disabled: not run";
    const r = policy.resources;
    if (policy.type === "stack") {
        return policy.outcome === "failed" ? `stack policy: failed${r.failed > 0 ? ` on ${r.failed} resource(s)` : ""}` : `stack policy: ${policy.outcome === "passed" ? "passed" : "not applicable"}`;
    }
    const parts = [
        [r.passed, "passed"],
        [r.failed, "failed"],
        [r.remediated, "remediated"],
        [r.unknown, "unknown at preview"],
    ].filter(([n]) => Number(n) > 0);
    if (parts.length === 0) return `not applicable to any of the ${r.notApplicable} resources`;
    return `${parts.map(([n, what]) => `${n} ${what}`).join(", ")} (${r.notApplicable} not applicable)`;
}

export function verdict(report: Report): string {
    const { summary } = report;
    const counts = `${summary.mandatory} mandatory, ${summary.advisory} advisory violation(s), ${summary.remediations} remediation(s)`;
    if (summary.result === "nothing-checked") {
        return `${counts}: nothing checked: no policy of ${report.pack.name} applied to any of the ${report.resources.total} resources`;
    }
    return `${counts}: ${summary.result === "failed" ? "FAILED" : "passed"}`;
}

export function packageList(report: Report): string {
    return report.program.packages.map((p) => `${p.name} ${p.version} (${p.fromProgram ? p.path : `not the program's: ${p.path}`})`).join(", ");
}

export function formatText(report: Report): string {
    const lines = [
        `${report.pack.name}@${report.pack.version} on project ${report.project}, stack ${report.stack}: a preview under Pulumi's mocks, no cloud, no credentials`,
        `  program:    ${report.program.folder} (${report.program.language}${report.program.main ? `, main: ${report.program.main}` : ""})`,
        `  config:     ${report.stackConfig}`,
        `  packages:   ${packageList(report)}`,
        `  resources:  ${report.resources.total} (${report.resources.custom} custom)`,
        "",
        `Policies (${report.policies.length}):`,
    ];
    const width = Math.max(...report.policies.map((p) => p.name.length));
    for (const policy of report.policies) {
        lines.push(`  ${policy.enforcementLevel.padEnd(9)}  ${policy.name.padEnd(width)}  ${tally(policy)}`);
    }
    lines.push("", `Findings (${report.findings.length}):`);
    for (const finding of report.findings) {
        const resource = finding.resource ? `  (${finding.resource.type}: ${finding.resource.name})` : "  (the stack)";
        lines.push(`    - [${finding.enforcementLevel}]  ${finding.policy}${resource}${finding.location ? `  ${where(finding)}` : ""}`);
        lines.push(...finding.message.split("\n").map((line) => `          ${line}`));
    }
    for (const remediation of report.remediations) {
        lines.push(`    - [remediated]  ${remediation.policy}  (${remediation.resource.type}: ${remediation.resource.name})${remediation.location ? `  ${where(remediation)}` : ""}`);
    }
    if (report.warnings.length > 0) {
        lines.push("", "Warnings (what the check could not take as pulumi preview would):", ...report.warnings.map((w) => `  - ${w}`));
    }
    lines.push("", verdict(report));
    return lines.join("\n");
}
