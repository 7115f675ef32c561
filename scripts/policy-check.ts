import * as fs from "fs";
import * as path from "path";
import { PolicyPackConfig } from "@pulumi/policy";
import { evaluatePolicies, Evaluation, PolicyViolation } from "../policy/evaluate";
import { policies } from "../policy/policies";
import { DeclaredResource } from "../policy/validation-args";
import { mockState, projectRoot, RecordedResource, runProgramUnderMocks } from "../tools/mock-program";

/**
 * `npm run policy:check [-- --stack <name>] [--config <pack-config.json>]`: the policy pack without
 * Pulumi Cloud or cloud credentials. Runs the stack program under Pulumi's mocks with the stack's config
 * file, evaluates every policy on the declared resources, prints violations as `pulumi preview` does,
 * and exits 1 when a mandatory policy fails (2 when the check itself cannot run).
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pack = require("../policy/package.json") as { name: string; version: string };

export interface CheckOptions {
    stack: string;
    /** Pack config, in the shape `pulumi policy enable --config` takes. */
    config?: PolicyPackConfig;
}

/** The resources a program declared, as the pack's policies see them. */
export function declaredResources(recorded: RecordedResource[]): DeclaredResource[] {
    return recorded
        .filter((r) => r.urn !== "")
        .map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            props: r.inputs,
            parent: r.parent,
            // Custom resources get the state the mocks gave the program (ids and ARNs included), as stack
            // policies see resource state in a real preview; components have none.
            outputs: r.id !== "" ? mockState(r.type, r.name, r.inputs).state : r.inputs,
        }));
}

export function stackNames(root: string = projectRoot): string[] {
    return fs
        .readdirSync(root)
        .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
        .filter((name): name is string => name !== undefined)
        .sort();
}

export async function checkStack(options: CheckOptions): Promise<{ evaluation: Evaluation; resources: DeclaredResource[] }> {
    if (!stackNames().includes(options.stack)) {
        throw new UsageError(`unknown stack "${options.stack}": no Pulumi.${options.stack}.yaml (stacks: ${stackNames().join(", ")})`);
    }
    const { resources: recorded } = await runProgramUnderMocks("index.ts", { stack: options.stack });
    const resources = declaredResources(recorded);
    const evaluation = await evaluatePolicies(policies, resources, { config: options.config, packEnforcementLevel: "advisory" });
    return { evaluation, resources };
}

/** The report, laid out like `pulumi preview`'s "Policies:" section, with a summary line. */
export function formatReport(stack: string, evaluation: Evaluation, resources: DeclaredResource[]): string {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const failed = evaluation.violations.some((v) => v.enforcementLevel === "mandatory");
    const lines = [`Policies (stack ${stack}, ${resources.length} resources, ${policies.length} policies):`];
    lines.push(`    ${failed ? "❌" : "✅"} ${pack.name}@v${pack.version}`);
    const ordered = [...evaluation.violations].sort((a, b) => rank(a) - rank(b));
    for (const violation of ordered) {
        const resource = violation.urn ? byUrn.get(violation.urn) : undefined;
        const where = resource ? `  (${resource.type}: ${resource.name})` : "";
        lines.push(`        - [${violation.enforcementLevel}]  ${violation.policyName}${where}`);
        lines.push(`          ${violation.description}`);
        lines.push(`          ${violation.message}`);
    }
    const count = (level: PolicyViolation["enforcementLevel"]) => evaluation.violations.filter((v) => v.enforcementLevel === level).length;
    lines.push("");
    lines.push(`${count("mandatory")} mandatory, ${count("advisory")} advisory violation(s): ${failed ? "FAILED" : "passed"}`);
    return lines.join("\n");
}

function rank(violation: PolicyViolation): number {
    return violation.enforcementLevel === "mandatory" ? 0 : 1;
}

class UsageError extends Error {}

export function parseArguments(argv: string[]): CheckOptions {
    const options: CheckOptions = { stack: "dev" };
    for (let i = 0; i < argv.length; i++) {
        const [flag, value] = [argv[i], argv[i + 1]];
        if ((flag === "--stack" || flag === "--config") && (value === undefined || value.startsWith("--"))) {
            throw new UsageError(`${flag} needs a value`);
        }
        if (flag === "--stack") {
            options.stack = value;
        } else if (flag === "--config") {
            options.config = readPackConfig(value);
        } else {
            throw new UsageError(`unknown argument "${flag}" (usage: npm run policy:check -- [--stack <name>] [--config <file.json>])`);
        }
        i++;
    }
    return options;
}

function readPackConfig(file: string): PolicyPackConfig {
    try {
        return JSON.parse(fs.readFileSync(path.resolve(file), "utf8")) as PolicyPackConfig;
    } catch (error) {
        throw new UsageError(`cannot read policy config ${file}: ${(error as Error).message}`);
    }
}

async function main(): Promise<number> {
    try {
        const options = parseArguments(process.argv.slice(2));
        const { evaluation, resources } = await checkStack(options);
        console.log(formatReport(options.stack, evaluation, resources));
        return evaluation.violations.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0;
    } catch (error) {
        console.error(`policy:check: ${(error as Error).message.split("\n")[0]}`);
        return 2;
    }
}

if (require.main === module) {
    main().then((code) => process.exit(code), () => process.exit(2));
}
