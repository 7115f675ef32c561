import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { elfMachine, mayBeBinary } from "../inspection/elf";
import { resourceTypes } from "../policies/resource-types";
import { compliantFunction, resource, verdictsOf } from "./harness";
import { arm64Addon, goExecutable, installClassicLevel, place, x64Addon, zipFolder } from "./native-binaries";

const arm64 = "lambda-arm64-architecture";
const builds =
    "Go, GOOS=linux GOARCH=arm64 go build -o bootstrap; npm packages with native modules (sharp, bcrypt, ...), npm ci --os=linux --cpu=arm64 " +
    "(or build in an arm64 container); Python wheels, pip install --platform manylinux2014_aarch64 --only-binary=:all: --target package/";
const exemption = (name: string) =>
    `If it cannot comply yet, ask for an exemption: {"policy-exemptions": {"exemptions": [{"policy": "${arm64}", "resources": ["${name}"], "reason": "<why>"}]}} in the pack config.`;

describe("native binaries against the architecture a function runs on", function () {
    this.timeout(120_000);
    let dir: string;
    before(() => {
        dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "events-api-binaries-")));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** A fresh folder under the test's, holding `build`'s files. */
    const folder = (name: string, build: (at: string) => void): string => {
        const at = path.join(dir, name);
        fs.mkdirSync(at, { recursive: true });
        fs.writeFileSync(path.join(at, "index.js"), "exports.handler = async () => 1;\n");
        build(at);
        return at;
    };
    const fn = (name: string, code: string, props: Record<string, unknown> = {}) =>
        resource(resourceTypes.lambdaFunction, name, compliantFunction({ code: new pulumi.asset.FileArchive(code), ...props }));
    const verdicts = (declare: () => unknown) => verdictsOf(declare, { policy: arm64 });

    describe("recognising them", () => {
        it("reads the machine from real ELF headers: x86-64 and aarch64 addons, an x86-64 Go executable; not JavaScript or a zip", () => {
            const head = (file: string) => fs.readFileSync(file).subarray(0, 64);
            assert.deepStrictEqual([x64Addon, arm64Addon, goExecutable].map((file) => elfMachine(head(file))), ["x86-64", "aarch64", "x86-64"]);
            assert.strictEqual(elfMachine(Buffer.from("exports.handler = async () => 1;\n".repeat(3))), undefined);
            assert.strictEqual(elfMachine(head(zipFolder(folder("not-elf", () => undefined), path.join(dir, "not-elf.zip")))), undefined);
        });

        it("looks only at files a binary can be named as: no extension, .node, .so and versioned .so", () => {
            const names = ["bootstrap", "bin/ffmpeg", "build/Release/addon.node", "lib/libvips.so.42.17.1", "_cffi.cpython-312-x86_64-linux-gnu.so", "index.js", "README.md", "model.bin", "lib.so.d.ts"];
            assert.deepStrictEqual(names.filter(mayBeBinary), ["bootstrap", "bin/ffmpeg", "build/Release/addon.node", "lib/libvips.so.42.17.1", "_cffi.cpython-312-x86_64-linux-gnu.so"]);
        });
    });

    it("rejects an arm64 function whose zip (Info-ZIP) holds a Go bootstrap built for amd64, naming it and how to rebuild", async () => {
        const zip = zipFolder(folder("go-src", (at) => place(goExecutable, at, "bootstrap")), path.join(dir, "go.zip"));
        assert.deepStrictEqual(await verdicts(() => fn("go-fn", zip, { runtime: "provided.al2023", handler: "bootstrap" })), [
            [
                "mandatory",
                arm64,
                "go-fn",
                `Lambda function "go-fn": architectures is ["arm64"], but its code holds binaries built for another machine, which cannot run on arm64: ` +
                    `x86-64 bootstrap (in ${zip}). Rebuild them for arm64: ${builds}. Until they are, set architectures to ["x86_64"]. ${exemption("go-fn")}`,
            ],
        ]);
    });

    it("tells an x86_64 function with an amd64 bootstrap it cannot simply switch, beside the architecture violation", async () => {
        const code = folder("go-x86", (at) => place(goExecutable, at, "bootstrap"));
        const rows = await verdicts(() => fn("go-x86", code, { architectures: ["x86_64"] }));
        assert.deepStrictEqual(rows.map((row) => row.slice(0, 3)), [["mandatory", arm64, "go-x86"], ["mandatory", arm64, "go-x86"]]);
        assert.match(rows[0][3], /^Lambda function "go-x86": architectures is \["x86_64"\]\. Set architectures to \["arm64"\]\./);
        assert.strictEqual(
            rows[1][3],
            `Lambda function "go-x86": its code holds binaries built for x86, so it cannot simply switch to arm64: x86-64 bootstrap (in ${code}). ` +
                `Rebuild them for arm64 (${builds}), then set architectures to ["arm64"]. ${exemption("go-x86")}`,
        );
    });

    it("still blocks a function remediated to arm64 whose code holds an amd64 bootstrap", async () => {
        const code = folder("go-remediated", (at) => place(goExecutable, at, "bootstrap"));
        const rows = await verdictsOf(() => fn("go-remediated", code, { architectures: ["x86_64"] }), { policy: arm64, config: { [arm64]: "remediate" } });
        assert.deepStrictEqual(rows.map((row) => [row[0], row[3].split(". ")[0]]), [
            ["mandatory", `Lambda function "go-remediated": architectures is ["arm64"], but its code holds binaries built for another machine, which cannot run on arm64: x86-64 bootstrap (in ${code})`],
        ]);
    });

    it("passes a package carrying prebuilt addons for every platform (classic-level's prebuilds), on arm64 and on x86_64", async () => {
        const code = folder("prebuilds", installClassicLevel);
        assert.deepStrictEqual(await verdicts(() => [fn("on-arm64", code), fn("on-x86", code, { architectures: ["x86_64"] })]), [
            ["mandatory", arm64, "on-x86", 'Lambda function "on-x86": architectures is ["x86_64"]. Set architectures to ["arm64"]. ' + `Code with native x86_64 binaries needs an arm64 build too: ${builds}. If it cannot comply yet, ask for an exemption: {"policy-exemptions": {"exemptions": [{"policy": "${arm64}", "resources": ["<resource name>"], "reason": "<why>"}]}} in the pack config.`],
        ]);
    });

    it("rejects an arm64 function whose only build of an addon is for x86-64, and an x86_64 one whose only build is for aarch64", async () => {
        const x64 = folder("x64-only", (at) => place(x64Addon, at, "node_modules/level-addon/build/Release/addon.node"));
        const aarch64 = folder("arm64-only", (at) => place(arm64Addon, at, "node_modules/level-addon/build/Release/addon.node"));
        const rows = await verdicts(() => [fn("arm64-fn", x64), fn("x86-fn", aarch64, { architectures: ["x86_64"] })]);
        assert.deepStrictEqual(
            rows.map((row) => [row[2], row[3].split(". ")[0]]),
            [
                ["arm64-fn", `Lambda function "arm64-fn": architectures is ["arm64"], but its code holds binaries built for another machine, which cannot run on arm64: x86-64 node_modules/level-addon/build/Release/addon.node (in ${x64})`],
                ["x86-fn", 'Lambda function "x86-fn": architectures is ["x86_64"]'],
                ["x86-fn", `Lambda function "x86-fn": it runs on x86_64, but its code holds binaries built for another machine, which cannot run there: aarch64 node_modules/level-addon/build/Release/addon.node (in ${aarch64})`],
            ],
        );
    });

    it("finds an x86-64 addon in a GNU tar layer the arm64 function uses, and names the layer", async () => {
        const layerSrc = folder("layer-src", (at) => place(x64Addon, at, "nodejs/node_modules/level-addon/build/Release/addon.node"));
        const tgz = path.join(dir, "layer.tgz");
        execFileSync("tar", ["--format=gnu", "-czf", tgz, "-C", layerSrc, "."]);
        const app = folder("app", () => undefined);
        const rows = await verdicts(() => {
            const layer = resource(resourceTypes.lambdaLayerVersion, "addon-layer", { layerName: "addon-layer", code: new pulumi.asset.FileArchive(tgz), arn: undefined });
            return fn("layered", app, { layers: [(layer as unknown as { arn: pulumi.Output<string> }).arn] });
        });
        assert.deepStrictEqual(rows.map((row) => row[3].split(". ")[0]), [
            `Lambda function "layered": architectures is ["arm64"], but its code holds binaries built for another machine, which cannot run on arm64: x86-64 nodejs/node_modules/level-addon/build/Release/addon.node (in layer "addon-layer", ${tgz})`,
        ]);
    });
});
