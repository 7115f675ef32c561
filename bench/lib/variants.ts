/**
 * The functions the bench compares, all built by the project's one build function
 * (`bundleHandler`) and written outside the project, where only NODE_PATH leads to the SDK.
 */
import { deflateRawSync } from "zlib";
import { mkdirSync, writeFileSync } from "fs";
import * as path from "path";
import { bundleFileName, bundleHandler, BundleOptions } from "../../components/bundle";
import type { RouteDefinition } from "../../components/routes";
import { monolithEntrySource } from "../variants/monolith";
import { tracedEntrySource } from "../variants/xray";

export interface Variant {
    /** Short id, also the output folder. */
    id: string;
    label: string;
    /** Build options passed to `bundleHandler`. */
    options: BundleOptions;
    /**
     * A generated entry instead of the route's own: one per route, or one serving every route
     * (the monolith). Generated from the route table, never a second list of routes.
     */
    generated?:
        | { kind: "per-route"; source: (route: RouteDefinition) => string }
        | { kind: "one-for-all"; source: (table: readonly RouteDefinition[]) => string };
}

export const ours: Variant = { id: "ours", label: "this project", options: {} };

/** The variants a user might otherwise pick; each differs from ours in one respect. */
export const naiveVariants: readonly Variant[] = [
    { id: "sdk-bundled", label: "(a) SDK bundled", options: { bundleAwsSdk: true } },
    { id: "monolith", label: "(b) monolith", options: {}, generated: { kind: "one-for-all", source: monolithEntrySource } },
    { id: "unminified", label: "(c) unminified", options: { minify: false } },
];

/** Ours without priming: the module has no top-level await, and the first invocation makes the client's first call. */
export const unprimed: Variant = { id: "unprimed", label: "not primed", options: { primeDuringInit: false } };

/** Ours with the DynamoDB client traced by the X-Ray SDK (bench/variants/xray.ts). */
export const traced: Variant = {
    id: "xray",
    label: "DynamoDB client traced (aws-xray-sdk-core)",
    // aws-xray-sdk-core is CommonJS and requires Node's built-ins.
    options: { requireShim: true },
    generated: { kind: "per-route", source: tracedEntrySource },
};

/**
 * The peer: the handlers on aws-lite instead of the AWS SDK, every file but handlers/lib/dynamo.ts
 * unchanged (bench/variants/aws-lite/dynamo.ts takes its place). aws-lite is bundled: the runtime has
 * no copy of it.
 */
export const peer: Variant = {
    id: "aws-lite",
    label: "aws-lite (@aws-lite/client + @aws-lite/dynamodb)",
    // @aws-lite/client is CommonJS and requires Node's built-ins.
    options: { substitute: { "handlers/lib/dynamo.ts": "bench/variants/aws-lite/dynamo.ts" }, requireShim: true },
};

export interface BuiltBundle {
    variant: Variant;
    route: RouteDefinition;
    /** Absolute path of the bundle's index.mjs. */
    file: string;
    bytes: number;
    zippedBytes: number;
}

/**
 * Size of a zip archive holding `code` as the bundle file, deflated at zlib's default level (as
 * Pulumi's archive writer does): local file header (30 B + name), data, central directory
 * entry (46 B + name), end of central directory record (22 B). PKWARE APPNOTE 4.3.
 */
export function zippedSize(code: string, fileName = bundleFileName): number {
    const name = Buffer.byteLength(fileName);
    return 30 + name + deflateRawSync(Buffer.from(code)).length + 46 + name + 22;
}

async function writeBundle(entry: string, options: BundleOptions, dir: string) {
    const bundle = await bundleHandler(entry, options);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, bundleFileName);
    writeFileSync(file, bundle.code);
    return { file, bytes: bundle.bytes, zippedBytes: zippedSize(bundle.code) };
}

/** Builds `variant` for every route into `workDir/<variant id>/...`. */
export async function buildVariant(variant: Variant, table: readonly RouteDefinition[], workDir: string): Promise<BuiltBundle[]> {
    const dir = path.join(workDir, variant.id);
    mkdirSync(dir, { recursive: true });
    const generate = (name: string, source: string) => {
        const entry = path.join(dir, `${name}-entry.ts`);
        writeFileSync(entry, source);
        return entry;
    };
    const generated = variant.generated;
    if (generated?.kind === "one-for-all") {
        const built = await writeBundle(generate("all-routes", generated.source(table)), variant.options, path.join(dir, "function"));
        return table.map((route) => ({ variant, route, ...built }));
    }
    return Promise.all(
        table.map(async (route) => {
            const entry = generated ? generate(route.name, generated.source(route)) : route.entry;
            return { variant, route, ...(await writeBundle(entry, variant.options, path.join(dir, route.name))) };
        }),
    );
}

/** Builds a single-purpose entry (a floor, which primes nothing) into `workDir/<id>/index.mjs`. */
export async function buildFloor(id: string, entry: string, workDir: string): Promise<string> {
    return (await writeBundle(entry, { primeDuringInit: false }, path.join(workDir, id))).file;
}
