/**
 * The policy pack at organization scale: how long its stack analysis (`AnalyzeStack`, where the SDK and
 * binary checks read every function's code) takes as a stack grows, through the pack process as the
 * Pulumi CLI runs it (tools/analyzer). Two stacks: 1, 10 and 100 aws.lambda.CallbackFunctions, all
 * packing one generated node_modules (the pack reads each package folder once, whatever the count), and
 * 20 functions with 20 distinct zips written by Python's zipfile (every byte distinct, so read).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { programRootVariable } from "../../policy/inspection/program-root";
import { readLogVariable } from "../../policy/inspection/source-cache";
import { analyzeStackRequest, PolicyPackProcess } from "../../tools/analyzer/pack-process";
import { runDeployment } from "../../tools/analyzer/run";
import { median, percentile } from "../lib/stats";
import { ms, msSpread, Table, times } from "../lib/table";

export interface PolicyBenchOptions {
    /** Files in the generated node_modules (100 per package). */
    nodeModulesFiles: number;
    functionCounts: readonly number[];
    zips: number;
    /** Size of each zip, in MB (10^6 bytes), within a few percent. */
    zipMb: number;
    /** Timed analyses per stack, after one untimed. */
    samples: number;
}

export const policyBench: Record<"full" | "quick", PolicyBenchOptions> = {
    full: { nodeModulesFiles: 30_000, functionCounts: [1, 10, 100], zips: 20, zipMb: 50, samples: 5 },
    quick: { nodeModulesFiles: 3_000, functionCounts: [1, 10, 100], zips: 4, zipMb: 5, samples: 2 },
};

const filesPerPackage = 100;

export interface GeneratedCode {
    files: number;
    bytes: number;
    /** Folders (npm packages) or archives a function's code is built from. */
    sources: number;
}

/**
 * A program folder (Pulumi.yaml, package.json) whose node_modules holds `files` files in packages of
 * 100, as npm lays them out: package.json, index.js, lib/ and lib/internal/ modules, typings, a README
 * and an extensionless LICENSE, and in every tenth package a nested node_modules with its own copy of a
 * dependency. No AWS SDK anywhere.
 */
export function writeNodeModules(dir: string, files: number): GeneratedCode {
    const packages = Math.max(1, Math.round(files / filesPerPackage));
    const names = Array.from({ length: packages }, (_, i) => `bench-pkg-${String(i).padStart(4, "0")}`);
    let bytes = 0;
    let written = 0;
    const put = (file: string, content: string) => {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
        bytes += Buffer.byteLength(content);
        written++;
    };
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: bench\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-app", version: "1.0.0", dependencies: Object.fromEntries(names.map((name) => [name, "1.0.0"])) }));
    names.forEach((name, index) => {
        const root = path.join(dir, "node_modules", name);
        const module = (i: number) => `"use strict";\nconst helper = require("./internal/h${i % 7}");\nmodule.exports = function ${name.replace(/-/g, "_")}_${i}(value) {\n    return helper(value) + ${i};\n};\n`;
        put(path.join(root, "package.json"), JSON.stringify({ name, version: "1.0.0", main: "index.js", license: "MIT" }));
        put(path.join(root, "index.js"), `module.exports = require("./lib/m0");\n`);
        put(path.join(root, "README.md"), `# ${name}\n\nGenerated for the policy bench.\n`);
        put(path.join(root, "LICENSE"), "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy...\n");
        const nested = index % 10 === 0 ? 10 : 0;
        for (let i = 0; i < 7; i++) put(path.join(root, "lib", "internal", `h${i}.js`), `module.exports = (v) => String(v).length * ${i + 1};\n`);
        for (let i = 0; i < nested; i++) put(path.join(root, "node_modules", "nested-dep", i === 0 ? "package.json" : `lib/n${i}.js`), i === 0 ? '{"name":"nested-dep","version":"0.9.0"}' : `module.exports = ${i};\n`);
        const rest = filesPerPackage - 11 - nested;
        for (let i = 0; i < rest; i++) {
            put(path.join(root, i % 3 === 2 ? "types" : "lib", i % 3 === 2 ? `m${i}.d.ts` : `m${i}.js`), i % 3 === 2 ? `export declare function m${i}(value: unknown): number;\n` : module(i));
        }
    });
    return { files: written, bytes, sources: packages };
}

/** `count` zips of about `mb` MB each, by Python's zipfile: JavaScript (deflated) and assets (stored), distinct random content. */
export function writeZips(dir: string, count: number, mb: number): GeneratedCode & { paths: string[] } {
    const script = [
        "import base64, os, sys, zipfile",
        "out, count, mb = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])",
        "for z in range(count):",
        "    with zipfile.ZipFile(os.path.join(out, f'fn-{z}.zip'), 'w') as f:",
        "        f.writestr('index.js', 'exports.handler = async () => ({ statusCode: 200 });\\n', zipfile.ZIP_DEFLATED)",
        // Base64 text deflates to about 3/4: 27 files of 25 KB per MB fill half of it, assets of 0.5 MB the other half.
        "        for i in range(int(mb * 27)): f.writestr(f'lib/chunk-{i}.js', 'module.exports = \"' + base64.b64encode(os.urandom(18750)).decode() + '\";\\n', zipfile.ZIP_DEFLATED)",
        "        for i in range(int(mb)): f.writestr(f'assets/blob-{i}.dat', os.urandom(500_000), zipfile.ZIP_STORED)",
    ].join("\n");
    execFileSync("python3", ["-c", script, dir, String(count), String(mb)]);
    const paths = Array.from({ length: count }, (_, z) => path.join(dir, `fn-${z}.zip`));
    const entries = 1 + Math.trunc(mb * 27) + Math.trunc(mb);
    return { paths, files: entries * count, bytes: paths.reduce((sum, file) => sum + fs.statSync(file).size, 0), sources: count };
}

export interface PolicySample {
    stack: string;
    functions: number;
    code: GeneratedCode;
    /** Folders and archives the pack read in one analysis (its read log). */
    reads: number;
    analysisMs: number[];
    /** Of each analysis, the bench client's own encoding of the request (JavaScript protobuf; the CLI encodes in Go). */
    encodingMs: number[];
}

const settings = { role: "arn:aws:iam::123456789012:role/bench-fn", runtime: "nodejs22.x", memorySize: 1024, architectures: ["arm64"], tracingConfig: { mode: "Active" }, loggingConfig: { logFormat: "JSON", logGroup: "bench-logs" } };

/** One stack through the pack: registered under mocks and analysed once in full, then its AnalyzeStack timed `samples` times. */
async function measureStack(pack: PolicyPackProcess, log: string, program: string, declare: () => void, samples: number): Promise<Pick<PolicySample, "reads" | "analysisMs" | "encodingMs">> {
    const analysis = await runDeployment(pack, declare, { cwd: program, project: "bench", config: { "lambda-no-bundled-aws-sdk": { programRoot: program } } });
    const blocking = analysis.verdicts.filter((verdict) => verdict.enforcementLevel === "mandatory");
    if (blocking.length > 0) throw new Error(`the bench stack should pass, but: ${blocking.map((v) => v.message).join("; ")}`);
    const analysisMs: number[] = [];
    const encodingMs: number[] = [];
    let reads = 0;
    for (let i = 0; i < samples; i++) {
        fs.writeFileSync(log, "");
        analysisMs.push(await timed(() => pack.analyzeStack(analysis.stack)));
        encodingMs.push(await timed(async () => analyzeStackRequest(analysis.stack).serializeBinary()));
        reads = fs.readFileSync(log, "utf8").split("\n").filter(Boolean).length;
    }
    return { reads, analysisMs, encodingMs };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
    const started = performance.now();
    await run();
    return performance.now() - started;
}

export async function measurePolicy(workDir: string, options: PolicyBenchOptions, progress: (message: string) => void = () => undefined): Promise<PolicySample[]> {
    const program = path.join(workDir, "policy-bench-program");
    const zipsDir = path.join(program, "dist");
    fs.mkdirSync(zipsDir, { recursive: true });
    progress(`policy: writing node_modules of ${options.nodeModulesFiles} files and ${options.zips} zips of ${options.zipMb} MB...`);
    const nodeModules = writeNodeModules(program, options.nodeModulesFiles);
    const zips = writeZips(zipsDir, options.zips, options.zipMb);
    const log = path.join(workDir, "policy-bench-reads.log");
    const pack = await PolicyPackProcess.start({ env: { [programRootVariable]: undefined, [readLogVariable]: log }, cli: { cwd: program } });
    const samples: PolicySample[] = [];
    try {
        for (const functions of options.functionCounts) {
            progress(`policy: ${functions} CallbackFunction(s) over one node_modules...`);
            const declare = () => {
                for (let i = 0; i < functions; i++) new aws.lambda.CallbackFunction(`callback-${i}`, { ...settings, callback: async () => ({ statusCode: 200 }) });
            };
            samples.push({ stack: "CallbackFunctions over one node_modules", functions, code: nodeModules, ...(await measureStack(pack, log, program, declare, options.samples)) });
        }
        progress(`policy: ${options.zips} functions with distinct zips...`);
        const declare = () => zips.paths.forEach((zip, i) => new aws.lambda.Function(`zipped-${i}`, { ...settings, handler: "index.handler", code: new pulumi.asset.FileArchive(zip) }));
        samples.push({ stack: `functions with distinct ${options.zipMb} MB zips`, functions: options.zips, code: zips, ...(await measureStack(pack, log, program, declare, options.samples)) });
    } finally {
        pack.close();
    }
    return samples;
}

const mb = (bytes: number) => bytes / 1e6;

export function policyTable(samples: readonly PolicySample[], nodeVersion: string): Table {
    const rows = samples.map((sample) => {
        const p50 = median(sample.analysisMs);
        const sameStack = samples.filter((other) => other.stack === sample.stack);
        return [
            sample.stack,
            sample.functions,
            sample.code.files.toLocaleString("en-US"),
            `${mb(sample.code.bytes).toFixed(1)} MB`,
            sample.reads,
            msSpread(p50, percentile(sample.analysisMs, 25), percentile(sample.analysisMs, 75)),
            ms(median(sample.encodingMs)),
            `${(p50 / sample.functions).toFixed(1)} ms`,
            `${(p50 / mb(sample.code.bytes)).toFixed(1)} ms`,
            sameStack.length > 1 ? times(p50 / median(sameStack[0].analysisMs)) : "-",
        ];
    });
    return {
        title: "Policy pack: stack analysis time as a stack grows (AnalyzeStack through the pack process)",
        headers: ["stack", "functions", "files in the code", "code size", "folders/archives read", "AnalyzeStack", "of which request encoding", "per function", "per MB of code", "vs the fewest functions"],
        rows,
        notes: [
            `AnalyzeStack median (p25-p75) over ${samples[0]?.analysisMs.length ?? 0} analyses after an untimed one; each analysis reads afresh (the pack forgets what it read between analyses), from a warm page cache.`,
            "AnalyzeStack is timed from the bench's side: it includes encoding the request in JavaScript protobuf (the next column, timed apart), which the Pulumi CLI does in Go, and @pulumi/policy decoding it once per stack policy.",
            "Files and size are of the distinct code (the one node_modules however many functions pack it; the zips' own size); reads are the pack's own log (LAMBDA_POLICY_READ_LOG) of one analysis.",
            `The pack ran on Node ${nodeVersion}, started as the Pulumi CLI starts it (pulumi-analyzer-policy, ts-node), one process for every stack.`,
        ],
    };
}
