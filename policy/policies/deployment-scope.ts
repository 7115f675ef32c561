import { ResourceValidation } from "@pulumi/policy";
import { endCodeAnalysis } from "../inspection/code-analysis";
import { PackPolicy } from "./exemptions";

/**
 * An Analyze call means a deployment is under way whose AnalyzeStack has not run yet (the engine analyzes
 * each resource first): what the last stack analysis read of the code is forgotten, so this one reads the
 * files as they are now.
 */
export function forgettingCodeOnAnalyze(policies: PackPolicy[]): PackPolicy[] {
    return policies.map((policy) => {
        if (!policy.validateResource) {
            return policy;
        }
        const validations: ResourceValidation[] = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
        return {
            ...policy,
            validateResource: async (args, reportViolation) => {
                endCodeAnalysis();
                for (const validation of validations) {
                    await validation(args, reportViolation);
                }
            },
        };
    });
}
