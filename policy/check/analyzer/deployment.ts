import type { RecordedResource } from "../program/mocks";
import { engineView } from "./engine-view";
import { AnalyzedResource, Diagnostic, PolicyPackProcess, WireProperties } from "./pack-process";

/**
 * Plays the engine's part in a deployment with a policy pack, over the resources a program registered
 * under mocks, in registration order (as the engine generates steps):
 * 1. for each resource, `Remediate` first and, when a policy returns new properties, continue with them;
 *    then `Analyze` those final inputs (pkg/resource/deploy/step_generator.go: "first we perform
 *    remediations, and *then* we do analysis");
 * 2. once every resource is registered, `AnalyzeStack` over all of them with their outputs
 *    (`AnalyzeResources`, run after previews too). For a resource the preview would create, the
 *    provider's preview answers its inputs plus unknown computed outputs (pkg/resource/deploy/step.go,
 *    `CreateStep.Apply` with `Preview`); remediated inputs reach the provider, so they win.
 */

/** A verdict as the CLI shows it: which policy, at which level, on which resource. */
export interface Verdict extends Diagnostic {
    /** The resource the verdict is attached to: the analyzed one, or the one a stack policy named. */
    resource?: { type: string; name: string; urn: string };
}

export interface AppliedRemediation {
    policyName: string;
    resource: { type: string; name: string; urn: string };
    /** The inputs the policy handed back, which the engine continues with. */
    after: WireProperties;
}

export interface DeploymentAnalysis {
    verdicts: Verdict[];
    remediations: AppliedRemediation[];
    /** What `AnalyzeStack` was given, for a caller that wants to inspect it. */
    stack: AnalyzedResource[];
    /** For each resource's URN, the policies that said in `Analyze` that they do not apply to it. */
    notApplicable: Map<string, string[]>;
    /** The policies that said in `AnalyzeStack` that they do not apply to the stack. */
    stackNotApplicable: string[];
}

/** Runs remediation, resource analysis and stack analysis as the engine does, and returns every verdict. */
export async function analyzeDeployment(pack: PolicyPackProcess, registered: Array<Pick<RecordedResource, "type" | "name" | "urn" | "parent" | "wire">>): Promise<DeploymentAnalysis> {
    const notApplicable = new Map<string, string[]>();
    const verdicts: Verdict[] = [];
    const remediations: AppliedRemediation[] = [];
    const stack: AnalyzedResource[] = [];
    const byUrn = new Map<string, { type: string; name: string; urn: string }>();
    for (const recorded of registered) {
        const wire = recorded.wire;
        if (!wire) {
            continue;
        }
        const resource = { type: recorded.type, name: recorded.name, urn: recorded.urn };
        byUrn.set(resource.urn, resource);
        const options = {
            parent: recorded.parent,
            protect: wire.protect,
            ignoreChanges: wire.ignoreChanges,
            additionalSecretOutputs: wire.additionalSecretOutputs,
            deleteBeforeReplace: wire.deleteBeforeReplace,
        };
        let inputs = engineView(wire.inputs) as WireProperties;
        for (const remediation of await pack.remediate({ ...resource, properties: inputs, options })) {
            if (remediation.diagnostic) {
                // The engine shows a remediation's diagnostic as an advisory violation.
                verdicts.push({ policyName: remediation.policyName, enforcementLevel: "advisory", message: remediation.diagnostic, description: "", urn: resource.urn, resource });
            } else if (remediation.properties) {
                remediations.push({ policyName: remediation.policyName, resource, after: remediation.properties });
                inputs = remediation.properties;
            }
        }
        const analysis = await pack.analyzeFully({ ...resource, properties: inputs, options });
        for (const diagnostic of analysis.diagnostics) {
            verdicts.push({ ...diagnostic, urn: resource.urn, resource });
        }
        notApplicable.set(resource.urn, analysis.notApplicable.map((entry) => entry.policyName));
        stack.push({
            ...resource,
            properties: { ...(engineView(wire.outputs) as WireProperties), ...inputs },
            options,
            dependencies: wire.dependencies,
            propertyDependencies: wire.propertyDependencies,
        });
    }
    const stackAnalysis = await pack.analyzeStackFully(stack);
    for (const diagnostic of stackAnalysis.diagnostics) {
        verdicts.push({ ...diagnostic, resource: diagnostic.urn ? byUrn.get(diagnostic.urn) : undefined });
    }
    return { verdicts, remediations, stack, notApplicable, stackNotApplicable: stackAnalysis.notApplicable.map((entry) => entry.policyName) };
}

/** A diagnostic's own message: @pulumi/policy sends the policy's description, a newline, then the message. */
export function violationMessage(verdict: Diagnostic): string {
    const prefix = `${verdict.description}\n`;
    return verdict.description && verdict.message.startsWith(prefix) ? verdict.message.slice(prefix.length) : verdict.message;
}
