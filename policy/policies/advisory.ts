import { ReportViolation } from "@pulumi/policy";

/**
 * Reports a violation as advisory whatever level the policy runs at (a mandatory policy's early warning).
 * @pulumi/policy 1.21's reportViolation also takes an object whose `enforcementLevel` overrides the
 * policy's (server.js `makeReportViolationFun`), though its types declare only the string form; the
 * message is built as the string form builds it, the policy's description, a newline, then the message.
 */
export function reportAdvisory(reportViolation: ReportViolation, description: string, message: string, urn?: string): void {
    const report = reportViolation as unknown as (violation: { message: string; enforcementLevel: "advisory"; urn?: string }) => void;
    report({ message: `${description}\n${message}`, enforcementLevel: "advisory", urn });
}
