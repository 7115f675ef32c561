/**
 * Preview cost: how long the stack program takes to evaluate under Pulumi's mocks, esbuild bundling
 * of the four handlers included, one fresh `node -r ts-node/register/transpile-only` per sample.
 */
import { spawn } from "child_process";
import * as path from "path";
import { projectRoot } from "../../components/bundle";
import { median, percentile } from "../lib/stats";
import { msSpread, Table } from "../lib/table";

export interface PreviewSample {
    wallMs: number;
    startedMs: number;
    loadMs: number;
    evaluateMs: number;
    resources: number;
}

function previewSample(node: string): Promise<PreviewSample> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
        const child = spawn(node, ["-r", "ts-node/register/transpile-only", path.join(__dirname, "..", "preview-sample.ts"), "dev"], {
            cwd: projectRoot,
            stdio: ["ignore", "ignore", "pipe", "pipe"],
        });
        let stderr = "";
        let result = "";
        child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
        (child.stdio[3] as NodeJS.ReadableStream).on("data", (chunk: Buffer) => (result += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => {
            if (code !== 0 || !result) return reject(new Error(`preview sample failed (exit ${code}): ${stderr.trim()}`));
            resolve({ wallMs: performance.now() - started, ...(JSON.parse(result) as Omit<PreviewSample, "wallMs">) });
        });
    });
}

export async function measurePreview(node: string, samples: number): Promise<PreviewSample[]> {
    const results: PreviewSample[] = [];
    for (let i = 0; i < samples; i++) results.push(await previewSample(node));
    return results;
}

export function previewTable(samples: readonly PreviewSample[], nodeVersion: string): Table {
    const cell = (values: number[]) => msSpread(median(values), percentile(values, 25), percentile(values, 75));
    return {
        title: `Preview cost: the stack program under mocks (${samples.length} fresh processes)`,
        headers: ["whole process", "node + ts-node start", "load Pulumi SDK + mock harness", "evaluate index.ts (bundling included)", "resources"],
        rows: [
            [
                cell(samples.map((s) => s.wallMs)),
                cell(samples.map((s) => s.startedMs)),
                cell(samples.map((s) => s.loadMs)),
                cell(samples.map((s) => s.evaluateMs)),
                samples[0].resources,
            ],
        ],
        notes: [`median (p25-p75). Node ${nodeVersion}, ts-node transpile-only (no type check), as tools/mock-program.ts runs the program.`],
    };
}
