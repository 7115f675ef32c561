import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/**
 * A policy pack process started as the Pulumi CLI starts a Node.js pack, and a client for its Analyzer
 * gRPC service. The process chain is the CLI's (sdk/go/common/resource/plugin/analyzer_plugin.go
 * `NewPolicyAnalyzer`, plugin.go `execPlugin`): the CLI process, in the program's folder, runs the
 * `pulumi-analyzer-policy` script (`#!/bin/sh`) with `<engine address> .` and the pack's folder as working
 * directory; the script runs node on @pulumi/pulumi's `cmd/run-policy-pack`, which loads the pack's
 * `index.ts` through ts-node (type checking included), constructs the `PolicyPack` and prints the gRPC
 * port on stdout. Here `cli-process.js` stands in for the CLI process and the script is the CLI's own
 * (pulumi-analyzer-policy.NOTICE), so the pack sees the parent and grandparent it has under the CLI.
 */

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** Wire-form properties: the JSON the engine marshals, signatures and unknown sentinels included. */
export type WireProperties = Record<string, unknown>;

export interface ResourceOptions {
    parent?: string;
    protect?: boolean;
    ignoreChanges?: string[];
    additionalSecretOutputs?: string[];
    deleteBeforeReplace?: boolean;
}

/** A resource as the engine describes it to an analyzer. */
export interface AnalyzedResource {
    urn: string;
    type: string;
    name: string;
    properties: WireProperties;
    options?: ResourceOptions;
    /** Stack analysis only. */
    dependencies?: string[];
    /** Stack analysis only: URNs each property's value came from. */
    propertyDependencies?: Record<string, string[]>;
}

export interface Diagnostic {
    policyName: string;
    enforcementLevel: EnforcementLevel;
    /** The resource the policy reported; a stack policy may report none. */
    urn?: string;
    /** As @pulumi/policy sends it: the policy's description, a newline, then the violation's message. */
    message: string;
    description: string;
}

/** A policy that said it does not apply to what it was given (`args.notApplicable()`), and why. */
export interface NotApplicable {
    policyName: string;
    reason: string;
}

/** An Analyze or AnalyzeStack response in full. */
export interface Analysis {
    diagnostics: Diagnostic[];
    notApplicable: NotApplicable[];
}

export interface Remediation {
    policyName: string;
    /** The resource's new inputs; absent when the policy could not remediate (see `diagnostic`). */
    properties?: WireProperties;
    diagnostic?: string;
}

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    type: "resource" | "stack";
    /** The JSON schema of the policy's settings, as the pack reports it (without `enforcementLevel`). */
    configSchema?: { properties: Record<string, unknown>; required: string[] };
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    policies: PolicyInfo[];
}

/** One policy's settings, as the CLI passes them in `Configure`. */
export interface PolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

const levels: Record<EnforcementLevel, analyzer.EnforcementLevel> = {
    advisory: analyzer.EnforcementLevel.ADVISORY,
    mandatory: analyzer.EnforcementLevel.MANDATORY,
    remediate: analyzer.EnforcementLevel.REMEDIATE,
    disabled: analyzer.EnforcementLevel.DISABLED,
};

function levelName(level: analyzer.EnforcementLevel): EnforcementLevel {
    const found = (Object.keys(levels) as EnforcementLevel[]).find((name) => levels[name] === level);
    if (!found) {
        throw new Error(`unknown enforcement level ${level}`);
    }
    return found;
}

/** The pack package this analyzer ships in (policy/ in this repository, or where it is installed). */
export const defaultPackDir = path.resolve(__dirname, "..", "..");

/** How long the pack may take to print its port: ts-node type-checks the pack first. */
const startTimeoutMs = 90_000;

export interface PackStartOptions {
    /** The pack's folder. @default this repository's policy/ */
    packDir?: string;
    /** Added to this process's environment, as the CLI passes its own on (`constructEnv`); `undefined` removes one. */
    env?: Record<string, string | undefined>;
    /** Where the stand-in CLI process runs. */
    cli?: {
        /** Its working directory when started. @default the folder holding the pack (this repository's root for policy/) */
        cwd?: string;
        /** A folder it changes into first, as `pulumi -C <dir>` (`--cwd`) does, relative to `cwd`. */
        chdir?: string;
    };
}

export class PolicyPackProcess {
    private analyzerInfo: Promise<AnalyzerInfo> | undefined;

    private constructor(
        private readonly cli: ChildProcess,
        private readonly client: AnalyzerClient,
        private readonly stderr: () => string,
        /** The pack's folder. */
        readonly packDir: string,
    ) {}

    /**
     * Starts the pack in `packDir` behind a stand-in CLI process, in the CLI's process chain. The node
     * that runs the pack is the first `node` on PATH, as under the CLI; this process's own node is put
     * first so the pack runs on the same one.
     */
    static start(options: PackStartOptions = {}): Promise<PolicyPackProcess> {
        const packDir = options.packDir ?? defaultPackDir;
        const script = path.join(__dirname, "pulumi-analyzer-policy");
        const env = { ...process.env, PATH: [path.dirname(process.execPath), process.env.PATH].join(path.delimiter), ...options.env };
        // The engine address is only used by packs that log through the engine; nothing listens here.
        const cli = spawn(process.execPath, [path.join(__dirname, "cli-process.js"), options.cli?.chdir ?? "", packDir, script, "127.0.0.1:1", "."], {
            cwd: options.cli?.cwd ?? path.dirname(packDir),
            env,
            // Its own process group, so that stopping it stops the shell and the pack too (the CLI kills the plugin's children).
            detached: true,
            stdio: ["ignore", "pipe", "pipe", "ipc"],
        });
        const stop = () => killGroup(cli);
        // A caller that never closes it (a test runner's worker ending) must not leave it running.
        process.once("exit", stop);
        cli.once("exit", () => process.off("exit", stop));
        let stderr = "";
        cli.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        return new Promise((resolve, reject) => {
            let stdout = "";
            const fail = (reason: string) => {
                clearTimeout(timer);
                stop();
                reject(new Error(`policy pack in ${packDir} did not start: ${reason}\n${stderr}`.trimEnd()));
            };
            const timer = setTimeout(() => fail(`no port after ${startTimeoutMs / 1000} s`), startTimeoutMs);
            cli.once("exit", (code, signal) => fail(`exited (${signal ?? code}) before printing its port`));
            cli.stdout?.on("data", (chunk: Buffer) => {
                stdout += chunk.toString();
                const port = /^(\d+)\s*$/m.exec(stdout)?.[1];
                if (port) {
                    clearTimeout(timer);
                    cli.removeAllListeners("exit");
                    cli.once("exit", () => process.off("exit", stop));
                    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
                        "grpc.max_receive_message_length": 400 * 1024 * 1024,
                    });
                    resolve(new PolicyPackProcess(cli, client, () => stderr, packDir));
                }
            });
        });
    }

    /**
     * Moves the stand-in CLI process to `dir`, as if the CLI had been started there: one pack process can
     * then serve several layouts. The pack reads the CLI's working directory at each stack analysis.
     */
    moveCli(dir: string): Promise<string> {
        return new Promise((resolve, reject) => {
            this.cli.once("message", (answer: { cwd?: string; error?: string }) =>
                answer.cwd ? resolve(answer.cwd) : reject(new Error(`the stand-in CLI cannot move to ${dir}: ${answer.error}`)),
            );
            this.cli.send({ chdir: dir });
        });
    }

    /** The stand-in CLI process's id: the pack's grandparent. */
    get cliPid(): number {
        return this.cli.pid as number;
    }

    /** The pack's `GetAnalyzerInfo`: its name, version, and each policy's level and settings schema. */
    info(): Promise<AnalyzerInfo> {
        this.analyzerInfo ??= this.fetchInfo();
        return this.analyzerInfo;
    }

    private async fetchInfo(): Promise<AnalyzerInfo> {
        const info = await this.call<Empty, analyzer.AnalyzerInfo>("getAnalyzerInfo", new Empty());
        return {
            name: info.getName(),
            version: info.getVersion(),
            policies: info.getPoliciesList().map((policy) => {
                const schema = policy.getConfigschema();
                return {
                    name: policy.getName(),
                    description: policy.getDescription(),
                    enforcementLevel: levelName(policy.getEnforcementlevel()),
                    type: policy.getPolicyType() === analyzer.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
                    configSchema: schema
                        ? { properties: schema.getProperties()?.toJavaScript() ?? {}, required: schema.getRequiredList() }
                        : undefined,
                };
            }),
        };
    }

    /** Replaces the pack's whole configuration, as the CLI's `Configure` call does. */
    async configure(config: Record<string, PolicyConfig>): Promise<void> {
        const request = new analyzer.ConfigureAnalyzerRequest();
        const map = request.getPolicyconfigMap();
        for (const [name, policy] of Object.entries(config)) {
            const entry = new analyzer.PolicyConfig();
            entry.setEnforcementlevel(levels[policy.enforcementLevel]);
            entry.setProperties(Struct.fromJavaScript(policy.properties as never));
            map.set(name, entry);
        }
        await this.call("configure", request);
    }

    async configureStack(stack: { stack: string; project: string; organization?: string; dryRun: boolean; tags?: Record<string, string> }): Promise<void> {
        const request = new analyzer.AnalyzerStackConfigureRequest();
        request.setStack(stack.stack);
        request.setProject(stack.project);
        request.setOrganization(stack.organization ?? "organization");
        request.setDryRun(stack.dryRun);
        for (const [key, value] of Object.entries(stack.tags ?? {})) {
            request.getTagsMap().set(key, value);
        }
        await this.call("configureStack", request);
    }

    async analyze(resource: AnalyzedResource): Promise<Diagnostic[]> {
        return (await this.analyzeFully(resource)).diagnostics;
    }

    /** `Analyze`, with the policies that said they do not apply. */
    async analyzeFully(resource: AnalyzedResource): Promise<Analysis> {
        return analysis(await this.call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>("analyze", analyzeRequest(resource)));
    }

    async remediate(resource: AnalyzedResource): Promise<Remediation[]> {
        return (await this.remediateFully(resource)).remediations;
    }

    /** `Remediate`, with the policies that said they do not apply (@pulumi/policy: "Policy does not implement remediateResource"). */
    async remediateFully(resource: AnalyzedResource): Promise<{ remediations: Remediation[]; notApplicable: NotApplicable[] }> {
        const response = await this.call<analyzer.AnalyzeRequest, analyzer.RemediateResponse>("remediate", analyzeRequest(resource));
        return {
            remediations: response.getRemediationsList().map((remediation) => ({
                policyName: remediation.getPolicyname(),
                properties: remediation.getProperties()?.toJavaScript(),
                diagnostic: remediation.getDiagnostic() || undefined,
            })),
            notApplicable: notApplicable(response),
        };
    }

    async analyzeStack(resources: AnalyzedResource[]): Promise<Diagnostic[]> {
        return (await this.analyzeStackFully(resources)).diagnostics;
    }

    /** `AnalyzeStack`, with the policies that said they do not apply. */
    async analyzeStackFully(resources: AnalyzedResource[]): Promise<Analysis> {
        return analysis(await this.call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>("analyzeStack", analyzeStackRequest(resources)));
    }

    /** Stops the process and closes the client. */
    close(): void {
        this.client.close();
        killGroup(this.cli);
    }

    private call<Request, Response>(method: keyof AnalyzerClient, request: Request): Promise<Response> {
        return new Promise((resolve, reject) => {
            const invoke = this.client[method] as unknown as (request: Request, callback: (error: Error | null, response: Response) => void) => void;
            invoke.call(this.client, request, (error, response) => {
                if (error) {
                    const stderr = this.stderr().trim();
                    reject(new Error(`${String(method)} failed: ${error.message}${stderr ? `\npack stderr:\n${stderr}` : ""}`));
                } else {
                    resolve(response);
                }
            });
        });
    }
}

/** The AnalyzeStack request the engine sends for `resources`. */
export function analyzeStackRequest(resources: AnalyzedResource[]): analyzer.AnalyzeStackRequest {
    const request = new analyzer.AnalyzeStackRequest();
    request.setResourcesList(
        resources.map((resource) => {
            const message = describe(new analyzer.AnalyzerResource(), resource);
            message.setParent(resource.options?.parent ?? "");
            message.setDependenciesList(resource.dependencies ?? []);
            for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
                // The engine leaves out properties with no dependencies.
                if (urns.length > 0) {
                    const dependencies = new analyzer.AnalyzerPropertyDependencies();
                    dependencies.setUrnsList(urns);
                    message.getPropertydependenciesMap().set(key, dependencies);
                }
            }
            return message;
        }),
    );
    return request;
}

/** Stops a process started with `detached` and everything in its process group. */
function killGroup(child: ChildProcess): void {
    try {
        process.kill(-(child.pid as number), "SIGKILL");
    } catch {
        // The whole group is gone already.
    }
}

function resourceOptions(options: ResourceOptions = {}): analyzer.AnalyzerResourceOptions {
    const message = new analyzer.AnalyzerResourceOptions();
    message.setParent(options.parent ?? "");
    message.setProtect(options.protect ?? false);
    message.setIgnorechangesList(options.ignoreChanges ?? []);
    message.setAdditionalsecretoutputsList(options.additionalSecretOutputs ?? []);
    if (options.deleteBeforeReplace !== undefined) {
        message.setDeletebeforereplacedefined(true);
        message.setDeletebeforereplace(options.deleteBeforeReplace);
    }
    message.setCustomtimeouts(new analyzer.AnalyzerResourceOptions.CustomTimeouts());
    return message;
}

/** Fills what `AnalyzeRequest` (for Analyze and Remediate) and `AnalyzerResource` (for AnalyzeStack) share. */
function describe<Message extends analyzer.AnalyzeRequest | analyzer.AnalyzerResource>(message: Message, resource: AnalyzedResource): Message {
    message.setUrn(resource.urn);
    message.setType(resource.type);
    message.setName(resource.name);
    message.setProperties(Struct.fromJavaScript(resource.properties as never));
    message.setOptions(resourceOptions(resource.options));
    return message;
}

function analyzeRequest(resource: AnalyzedResource): analyzer.AnalyzeRequest {
    return describe(new analyzer.AnalyzeRequest(), resource);
}

function notApplicable(response: analyzer.AnalyzeResponse | analyzer.RemediateResponse): NotApplicable[] {
    return response.getNotApplicableList().map((entry) => ({ policyName: entry.getPolicyName(), reason: entry.getReason() }));
}

function analysis(response: analyzer.AnalyzeResponse): Analysis {
    return {
        diagnostics: response.getDiagnosticsList().map((diagnostic) => ({
            policyName: diagnostic.getPolicyname(),
            enforcementLevel: levelName(diagnostic.getEnforcementlevel()),
            urn: diagnostic.getUrn() || undefined,
            message: diagnostic.getMessage(),
            description: diagnostic.getDescription(),
        })),
        notApplicable: notApplicable(response),
    };
}
