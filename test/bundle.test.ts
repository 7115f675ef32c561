import * as assert from "assert";
import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";
import { Bundle, bundleHandler, projectRoot } from "../components/bundle";
import { routes } from "../components/routes";
import { inlinedSdkIn } from "../policy/inspection/sdk-markers";

type BundleModule = typeof import("../components/bundle");

/** The external modules a handler may load: the runtime-provided SDK v3 and Node built-ins. */
const allowedRequire = (specifier: string) =>
    /^@aws-sdk\/(client-dynamodb|lib-dynamodb)$/.test(specifier) || builtinModules.includes(specifier.replace(/^node:/, ""));

// Strings from @smithy/* internals (the retry middleware's header, the HTTP handler's own log prefix):
// present whenever the SDK's transport is bundled, which the control case below proves.
const smithyMarkers = [/amz-sdk-invocation-id/, /@smithy\//];

/**
 * Lib files that belong to one route: any other route's bundle that pulls one in carries code it
 * never runs (the list bundle must not carry create's validation, the get bundle no cursor code).
 */
const libOwner: Record<string, string> = {
    "handlers/lib/cursor.ts": "list-events",
    "handlers/lib/list-query.ts": "list-events",
    "handlers/lib/store/list-events.ts": "list-events",
    "handlers/lib/event-input.ts": "create-event",
    "handlers/lib/date-time.ts": "create-event",
    "handlers/lib/json-body.ts": "create-event",
    "handlers/lib/idempotency.ts": "create-event",
    "handlers/lib/store/create-event.ts": "create-event",
    "handlers/lib/store/get-event.ts": "get-event",
    "handlers/lib/store/delete-event.ts": "delete-event",
};

function requiredSpecifiers(code: string): string[] {
    return [...new Set([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]))].sort();
}

/** Issue 5's budget for every handler bundle, minified: less code for each cold start to load and parse. */
const maxBundleBytes = 5_000;

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

    it("only require the runtime's AWS SDK clients and Node built-ins", () => {
        routes.forEach((route, i) => {
            const specifiers = requiredSpecifiers(first[i].code);
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

    it(`are each at most ${maxBundleBytes} bytes`, () => {
        const sizes = routes.map((route, i) => `${route.name}: ${first[i].bytes}`);
        assert.ok(first.every((bundle) => bundle.bytes <= maxBundleBytes), sizes.join(", "));
    });

    it("each carry only their own handler's code", () => {
        routes.forEach((route, i) => {
            const { inputs } = first[i];
            assert.ok(inputs.includes(route.entry), route.name);
            const foreign = inputs.filter(
                (input) => routes.some((other) => other.entry === input && other !== route) || (libOwner[input] ?? route.name) !== route.name,
            );
            assert.deepStrictEqual(foreign, [], `${route.name} bundles another route's code`);
        });
    });

    it("assigns every owned lib file to a route of the route table, and every lib file exists", () => {
        for (const [file, owner] of Object.entries(libOwner)) {
            assert.ok(routes.some((route) => route.name === owner), `${file}: no route ${owner}`);
            assert.ok(fs.existsSync(path.join(projectRoot, file)), `${file} does not exist`);
        }
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
