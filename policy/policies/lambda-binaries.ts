import { PolicyResource, StackValidation } from "@pulumi/policy";
import { codeAnalysis } from "../inspection/code-analysis";
import { runsOn } from "../inspection/elf";
import { FoundBinary } from "../inspection/inspect-code";
import { arm64Builds, exemptionHint } from "./hints";
import { eachOwner, list } from "./lambda-code";

/** The architecture a function runs on, or undefined while it is unknown (at preview, from another resource). */
export type ArchitectureOf = (props: PolicyResource["props"]) => "arm64" | "x86_64" | undefined;

const describe = (binaries: FoundBinary[]) => list(binaries.map((binary) => `${binary.machine} ${binary.path}${binary.in ? ` (in ${binary.in})` : ""}`));

/** The npm package a file belongs to (`node_modules/@img/sharp-linux-x64`), else the file itself. */
function packageOf(file: string): string {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
    return match ? match[1] : file;
}

/**
 * The binaries a function on `architecture` cannot run and has no other build of: a package carrying
 * builds for several machines (prebuildify's prebuilds/linux-x64 and prebuilds/linux-arm64, Prisma's
 * engines) loads the one for the machine it runs on, so it passes when one of them is for that machine.
 */
function unusable(binaries: FoundBinary[], machines: readonly string[]): FoundBinary[] {
    const runnable = new Set(binaries.filter((b) => machines.includes(b.machine)).map((b) => `${b.in}\0${packageOf(b.path)}`));
    return binaries.filter((b) => !machines.includes(b.machine) && !runnable.has(`${b.in}\0${packageOf(b.path)}`));
}

/**
 * Native binaries against the architecture a function runs on, its layers' included: an x86-64 Go
 * `bootstrap` or `.node` addon cannot run on arm64 (nor an aarch64 one on x86_64), and a function on
 * x86_64 holding x86-64 binaries cannot simply switch. The code is what lambda-no-bundled-aws-sdk read
 * in this stack analysis (code-analysis.ts); what it could not read, it reports.
 */
export function binariesCheck(policy: string, architectureOf: ArchitectureOf): StackValidation {
    return async (args, reportViolation) => {
        const analysis = codeAnalysis(policy);
        await eachOwner(args.resources, reportViolation, async (owner, owners) => {
            const architecture = architectureOf(owner.resource.props);
            if (owner.kind !== "function" || architecture === undefined) {
                return;
            }
            const layers = owners.filter((layer) => layer.kind === "layer" && layer.usedBy.some((fn) => fn.urn === owner.resource.urn));
            const binaries = [
                ...(await analysis.inspect(owner)).binaries,
                ...(await Promise.all(layers.map(async (layer) => (await analysis.inspect(layer)).binaries.map((b) => ({ ...b, in: `layer "${layer.resource.name}", ${b.in ?? "its code"}` }))))).flat(),
            ];
            const name = owner.resource.name;
            const foreign = unusable(binaries, runsOn[architecture]);
            const blocking = unusable(binaries, runsOn.arm64);
            if (foreign.length > 0 && architecture === "arm64") {
                reportViolation(
                    `Lambda function "${name}": architectures is ["arm64"], but its code holds binaries built for another machine, which ` +
                        `cannot run on arm64: ${describe(foreign)}. Rebuild them for arm64: ${arm64Builds}. Until they are, set ` +
                        `architectures to ["x86_64"]. ${exemptionHint(policy, name)}`,
                    owner.resource.urn,
                );
            } else if (foreign.length > 0) {
                reportViolation(
                    `Lambda function "${name}": it runs on x86_64, but its code holds binaries built for another machine, which cannot ` +
                        `run there: ${describe(foreign)}. Set architectures to ["arm64"] if they are built for aarch64.`,
                    owner.resource.urn,
                );
            } else if (architecture === "x86_64" && blocking.length > 0) {
                reportViolation(
                    `Lambda function "${name}": its code holds binaries built for x86, so it cannot simply switch to arm64: ` +
                        `${describe(blocking)}. Rebuild them for arm64 (${arm64Builds}), then set architectures to ["arm64"]. ` +
                        `${exemptionHint(policy, name)}`,
                    owner.resource.urn,
                );
            }
        });
    };
}
