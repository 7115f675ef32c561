import * as assert from "assert";
import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";
import * as esbuild from "esbuild";
import { Bundle, bundleHandler, cachedBundle, esbuildOptions, projectRoot } from "../components/bundle";
import { routes } from "../components/routes";
import { inlinedSdkIn } from "../policy/inspection/sdk-markers";
import { localAwsEnv } from "../local/dynalite";
import { applyEnv, loadBundledHandler } from "./support/bundled-handlers";
import { maxBundleBytes } from "./support/bundle-budget";
import { closedPortEndpoint } from "./support/fake-dynamo";

type BundleModule = typeof import("../components/bundle");

/** The external modules a handler may load: the runtime-provided SDK v3 and Node built-ins. */
const allowedRequire = (specifier: string) =>
    /^@aws-sdk\/(client-dynamodb|lib-dynamodb)$/.test(specifier) || builtinModules.includes(specifier.replace(/^node:/, ""));

// Strings from @smithy/* internals (the retry middleware's header, the HTTP handler's own log prefix):
// present whenever the SDK's transport is bundled, which the control case below proves.
const smithyMarkers = [/amz-sdk-invocation-id/, /@smithy\//];

/** Each project file of a bundle, with the project files it imports (esbuild's metafile). */
type ImportGraph = Map<string, string[]>;

async function importGraph(entry: string): Promise<ImportGraph> {
    const { metafile } = await esbuild.build(esbuildOptions(entry));
    return new Map(
        Object.entries(metafile!.inputs).map(([file, input]) => [file, input.imports.map((i) => i.path).filter((p) => !p.startsWith("node_modules/") && !p.startsWith("@"))]),
    );
}

/**
 * The files that belong to one route, derived from the handlers' imports rather than listed: what a
 * route's handler imports and no other handler does, unless another route's own code imports it too
 * (then it is shared), plus what only such files import. Any other route's bundle that pulls one in
 * carries code it never runs (the list bundle must not carry create's validation, the get bundle no
 * cursor code), even when a shared module is what pulls it in.
 */
function ownFiles(graphs: ImportGraph[]): Set<string>[] {
    const importers = new Map<string, Set<string>>();
    for (const graph of graphs) {
        for (const [file, imports] of graph) for (const imported of imports) importers.set(imported, (importers.get(imported) ?? new Set()).add(file));
    }
    const direct = graphs.map((graph, i) => graph.get(routes[i].entry) ?? []);
    const unique = direct.map((imports, i) => imports.filter((file) => direct.every((other, j) => j === i || !other.includes(file))));
    const usedByAnotherRoute = (file: string, i: number) => [...(importers.get(file) ?? [])].some((by) => unique.some((other, j) => j !== i && other.includes(by)));
    const own = unique.map((files, i) => new Set(files.filter((file) => !usedByAnotherRoute(file, i))));
    for (let grew = true; grew; ) {
        grew = false;
        own.forEach((files, i) => {
            for (const [file, by] of importers) {
                if (!files.has(file) && file !== routes[i].entry && [...by].every((importer) => files.has(importer) || importer === routes[i].entry)) {
                    files.add(file);
                    grew = true;
                }
            }
        });
    }
    return own;
}


/** A second checkout of what bundling reads, at another path, sharing node_modules. */
function copyCheckout(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "events-api-checkout-"));
    for (const dir of ["components", "handlers"]) fs.cpSync(path.join(projectRoot, dir), path.join(root, dir), { recursive: true });
    for (const file of ["package.json", "tsconfig.json"]) fs.copyFileSync(path.join(projectRoot, file), path.join(root, file));
    fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(root, "node_modules"), "dir");
    return root;
}

const buildAll = (build: BundleModule["bundleHandler"]) => Promise.all(routes.map((route) => build(route.entry)));

describe("handler bundles", () => {
    let first: Bundle[];
    let second: Bundle[];
    let otherCheckout: string;
    let copied: BundleModule;

    before(async () => {
        otherCheckout = copyCheckout();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        copied = require(path.join(otherCheckout, "components", "bundle.ts")) as BundleModule;
        assert.strictEqual(copied.projectRoot, otherCheckout);
        [first, second] = [await buildAll(bundleHandler), await buildAll(bundleHandler)];
    });
    after(() => fs.rmSync(otherCheckout, { recursive: true, force: true }));

    it("are byte-identical across two builds", () => {
        routes.forEach((route, i) => assert.strictEqual(first[i].code, second[i].code, route.name));
    });

    it("are byte-identical when built from a checkout at another path", async () => {
        const elsewhere = await buildAll(copied.bundleHandler);
        routes.forEach((route, i) => {
            assert.strictEqual(elsewhere[i].code, first[i].code, route.name);
            assert.deepStrictEqual(elsewhere[i].inputs, first[i].inputs, route.name);
        });
    });

    it("only import the runtime's AWS SDK clients and Node built-ins, by esbuild's metafile", () => {
        routes.forEach((route, i) => {
            // A banner's imports are text esbuild prepends, not in the metafile: the deployed bundles have none.
            assert.strictEqual(esbuildOptions(route.entry).banner, undefined, route.name);
            const specifiers = first[i].imports;
            assert.ok(specifiers.includes("@aws-sdk/lib-dynamodb"), `${route.name}: ${specifiers}`);
            assert.deepStrictEqual(specifiers.filter((s) => !allowedRequire(s)), [], route.name);
            assert.ok(first[i].inputs.every((input) => !input.startsWith("node_modules/")), `${route.name}: ${first[i].inputs}`);
        });
    });

    it("carry no SDK code, by the markers a bundle with the SDK inlined shows", async () => {
        const withSdk = await bundleHandler(routes[0].entry, { bundleAwsSdk: true });
        assert.ok(inlinedSdkIn(withSdk.code), "the control bundle shows the SDK");
        for (const marker of smithyMarkers) assert.match(withSdk.code, marker);
        routes.forEach((route, i) => {
            assert.strictEqual(inlinedSdkIn(first[i].code), undefined, route.name);
            for (const marker of smithyMarkers) assert.doesNotMatch(first[i].code, marker, route.name);
        });
    });

    it("load as ES modules with the SDK inlined too, as the benchmark's variant (a) builds them (CommonJS packages get a require)", async () => {
        const restore = applyEnv({ ...localAwsEnv, TABLE_NAME: "events", AWS_ENDPOINT_URL_DYNAMODB: await closedPortEndpoint() });
        try {
            const inlined = await bundleHandler("handlers/get-event.ts", { bundleAwsSdk: true });
            assert.ok(inlined.code.startsWith('import { createRequire } from "module";'));
            assert.strictEqual(typeof (await loadBundledHandler(inlined.code, "get-event-sdk-bundled")), "function");
        } finally {
            restore();
        }
    });

    it(`are each at most ${maxBundleBytes} bytes`, () => {
        const sizes = routes.map((route, i) => `${route.name}: ${first[i].bytes}`);
        assert.ok(first.every((bundle) => bundle.bytes <= maxBundleBytes), sizes.join(", "));
    });

    it("each carry only their own handler's code, and no file that belongs to another route", async () => {
        const own = ownFiles(await Promise.all(routes.map((route) => importGraph(route.entry))));
        // The derivation finds what each route alone uses: its store module, the list route's cursor and
        // query parsing, the create route's validation and idempotency (every route owns something, so
        // the check below is never vacuous).
        const owned = Object.fromEntries(routes.map((route, i) => [route.name, [...own[i]].sort()]));
        assert.deepStrictEqual(
            { "list-events": owned["list-events"], "create-event": owned["create-event"], "get-event": owned["get-event"], "delete-event": owned["delete-event"] },
            {
                "list-events": ["handlers/lib/cursor.ts", "handlers/lib/list-merge.ts", "handlers/lib/list-query.ts", "handlers/lib/store/list-events.ts"],
                "create-event": [
                    "handlers/lib/date-time.ts",
                    "handlers/lib/event-input.ts",
                    "handlers/lib/idempotency.ts",
                    "handlers/lib/json-body.ts",
                    "handlers/lib/store/create-event.ts",
                    "handlers/lib/text-rules.ts",
                ],
                "get-event": ["handlers/lib/store/get-event.ts"],
                "delete-event": ["handlers/lib/store/delete-event.ts"],
            },
        );
        routes.forEach((route, i) => assert.ok(own[i].size > 0, `${route.name} owns no file`));
        routes.forEach((route, i) => {
            const { inputs } = first[i];
            assert.ok(inputs.includes(route.entry), route.name);
            const foreign = inputs.filter((input) => routes.some((other, j) => j !== i && (other.entry === input || own[j].has(input))));
            assert.deepStrictEqual(foreign, [], `${route.name} bundles another route's code`);
        });
    });

    it("fail with a BundleError naming the file and line of a syntax error", async () => {
        const entry = "handlers/broken-handler.ts";
        fs.writeFileSync(path.join(otherCheckout, entry), 'export const handler = async () => {\n    return {\n        statusCode: 200,,\n    };\n};\n');
        await assert.rejects(copied.bundleHandler(entry), (error: Error) => {
            assert.ok(error instanceof copied.BundleError, `${error.name}: ${error.message}`);
            assert.match(error.message, /handlers\/broken-handler\.ts:3:\d+/);
            return true;
        });
    });
});

describe("bundleHandler's substitute", () => {
    const substitute = { "handlers/lib/dynamo.ts": "bench/variants/aws-lite/dynamo.ts" };

    it("builds the entry with the replacing file wherever the replaced one is imported, every other file unchanged", async () => {
        const plain = await bundleHandler("handlers/get-event.ts");
        const substituted = await bundleHandler("handlers/get-event.ts", { substitute, requireShim: true });
        const project = (inputs: string[]) => inputs.filter((input) => !input.startsWith("node_modules/"));
        assert.deepStrictEqual(
            project(substituted.inputs),
            project(plain.inputs).map((input) => (input === "handlers/lib/dynamo.ts" ? "bench/variants/aws-lite/dynamo.ts" : input)).sort(),
        );
        assert.deepStrictEqual(plain.imports, ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb"]);
        assert.ok(!substituted.imports.some((specifier) => specifier.startsWith("@aws-sdk/")), substituted.imports.join(", "));
    });

    it("is part of what cachedBundle keys its builds by: two substitutes, otherwise the same options, build twice", async () => {
        const awsLite = await cachedBundle("handlers/get-event.ts", { substitute, requireShim: true });
        const itself = await cachedBundle("handlers/get-event.ts", { substitute: { "handlers/lib/dynamo.ts": "handlers/lib/dynamo.ts" }, requireShim: true });
        assert.ok(awsLite.inputs.includes("bench/variants/aws-lite/dynamo.ts"));
        assert.ok(itself.inputs.includes("handlers/lib/dynamo.ts") && !itself.inputs.includes("bench/variants/aws-lite/dynamo.ts"), itself.inputs.join(", "));
    });

    it("fails with a SubstituteError naming a file that does not exist", async () => {
        await assert.rejects(bundleHandler("handlers/get-event.ts", { substitute: { "handlers/lib/dynamo.ts": "bench/variants/nope.ts" } }), {
            name: "SubstituteError",
            message: 'substitute "handlers/lib/dynamo.ts": the replacing file "bench/variants/nope.ts" does not exist (paths are relative to the project root)',
        });
        await assert.rejects(bundleHandler("handlers/get-event.ts", { substitute: { "handlers/lib/nope.ts": "bench/variants/bare.ts" } }), {
            name: "SubstituteError",
            message: 'substitute "handlers/lib/nope.ts": the replaced file "handlers/lib/nope.ts" does not exist (paths are relative to the project root)',
        });
    });

    it("fails with a SubstituteError when the entry never imports the replaced file", async () => {
        await assert.rejects(bundleHandler("bench/variants/bare.ts", { substitute, primeDuringInit: false }), {
            name: "SubstituteError",
            message: 'substitute "handlers/lib/dynamo.ts": bench/variants/bare.ts never imports handlers/lib/dynamo.ts, so nothing was replaced',
        });
    });
});
