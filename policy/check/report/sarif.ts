import * as crypto from "crypto";
import * as path from "path";
import { EnforcementLevel } from "../analyzer/pack-process";
import { relativeToRepository, SourceLocation } from "../location";
import { Finding, Report } from "./model";

/**
 * The report as SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif): one run, one
 * rule per policy, one result per finding at the line that constructs its resource, paths relative to
 * the repository root. Code scanning shows a result only with a location
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
 * a finding about the stack, or about a resource no line of the repository constructs, points at the
 * project's Pulumi.yaml.
 */

const sarifLevel: Record<EnforcementLevel, "error" | "warning" | "none"> = { mandatory: "error", remediate: "error", advisory: "warning", disabled: "none" };

export function formatSarif(report: Report): string {
    const rules = report.policies.map((policy) => ({
        id: policy.name,
        shortDescription: { text: policy.description },
        fullDescription: { text: policy.description },
        defaultConfiguration: { level: sarifLevel[policy.enforcementLevel], enabled: policy.enforcementLevel !== "disabled" },
        properties: { tags: ["pulumi", "policy", policy.type], enforcementLevel: policy.enforcementLevel },
    }));
    const projectFile: SourceLocation = {
        path: relativeToRepository(report.repositoryRoot, path.join(report.program.folder, "Pulumi.yaml")) ?? "Pulumi.yaml",
        line: 1,
    };
    const result = (finding: Finding) => {
        const location = finding.location ?? projectFile;
        return {
            ruleId: finding.policy,
            ruleIndex: rules.findIndex((rule) => rule.id === finding.policy),
            level: finding.kind === "unknown-at-preview" ? "note" : sarifLevel[finding.enforcementLevel],
            message: { text: finding.message },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: location.path },
                        region: { startLine: location.line, ...(location.column ? { startColumn: location.column } : {}) },
                    },
                    ...(finding.resource ? { logicalLocations: [{ name: finding.resource.name, fullyQualifiedName: finding.resource.urn, kind: "resource" }] } : {}),
                },
            ],
            // Stable while the resource keeps its URN, wherever its line moves.
            partialFingerprints: {
                "pulumiPolicyFinding/v1": crypto.createHash("sha256").update([finding.policy, finding.resource?.urn ?? report.stack, finding.message].join("\n")).digest("hex"),
            },
        };
    };
    const sarif = {
        $schema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: { driver: { name: report.pack.name, version: report.pack.version, semanticVersion: report.pack.version, rules } },
                automationDetails: { id: `policy-check/${report.project}/${report.stack}/` },
                results: report.findings.map(result),
                invocations: [{ executionSuccessful: true, exitCode: report.summary.result === "failed" ? 1 : 0 }],
            },
        ],
    };
    return JSON.stringify(sarif, null, 2);
}
