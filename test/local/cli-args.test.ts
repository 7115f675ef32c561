import * as assert from "assert";
import { parseCliArgs, usage } from "../../local/cli-args";

describe("npm start arguments", () => {
    it("defaults to port 3000, in memory, 10 environments, 10 s and 512 MB", () => {
        assert.deepStrictEqual(parseCliArgs([], {}), {
            port: 3000,
            persistDir: undefined,
            maxEnvironments: 10,
            functionTimeoutMs: 10_000,
            memorySizeMb: 512,
            listShards: 4,
            help: false,
        });
    });

    it("takes PORT from the environment and --port over it", () => {
        assert.strictEqual(parseCliArgs([], { PORT: "4000" }).port, 4000);
        assert.strictEqual(parseCliArgs(["--port", "5000"], { PORT: "4000" }).port, 5000);
    });

    it("reads --persist, --max-environments, --timeout and --memory", () => {
        const options = parseCliArgs(["--persist", ".data", "--max-environments", "2", "--timeout", "3", "--memory", "1024"], {});
        assert.deepStrictEqual([options.persistDir, options.maxEnvironments, options.functionTimeoutMs, options.memorySizeMb], [".data", 2, 3000, 1024]);
    });

    it("reads --list-shards, whose range and default are the listShards setting's", () => {
        assert.strictEqual(parseCliArgs(["--list-shards", "16"], {}).listShards, 16);
        assert.match(usage, /--list-shards N +shards of the listing index, 1\.\.16 \(default: 4\)/);
        assert.throws(() => parseCliArgs(["--list-shards", "0"], {}), { message: "--list-shards must be an integer from 1 to 16 (shards); got 0" });
        assert.throws(() => parseCliArgs(["--list-shards", "17"], {}), { message: "--list-shards must be an integer from 1 to 16 (shards); got 17" });
        assert.throws(() => parseCliArgs(["--list-shards", "four"], {}), { message: '--list-shards must be an integer from 1 to 16 (shards); got "four"' });
    });

    it("documents the stack settings' defaults and ranges for --timeout and --memory", () => {
        assert.match(usage, /--timeout S +function timeout in seconds, 1\.\.29 \(default: 10\)/);
        assert.match(usage, /--memory MB +memory size shown in REPORT lines, 128\.\.10240 \(default: 512\)/);
    });

    it("rejects a bad value with a message naming the option and the range", () => {
        assert.throws(() => parseCliArgs([], { PORT: "http" }), { message: 'PORT must be an integer from 0 to 65535 (TCP port); got "http"' });
        assert.throws(() => parseCliArgs(["--timeout", "30"], {}), { message: "--timeout must be an integer from 1 to 29 (seconds); got 30" });
        assert.throws(() => parseCliArgs(["--memory", "64"], {}), { message: "--memory must be an integer from 128 to 10240 (MB); got 64" });
        assert.throws(() => parseCliArgs(["--max-environments", "0"], {}), {
            message: "--max-environments must be an integer from 1 to 1000 (environments); got 0",
        });
        assert.throws(() => parseCliArgs(["--verbose"], {}), /verbose/);
    });
});
