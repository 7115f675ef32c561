import * as assert from "assert";
import { parseCliArgs, usage } from "../../local/cli-args";

describe("npm start arguments", () => {
    it("defaults to port 3000, in memory, 10 environments, 10 s and each route's own memory", () => {
        assert.deepStrictEqual(parseCliArgs([], {}), {
            port: 3000,
            persistDir: undefined,
            maxEnvironments: 10,
            functionTimeoutMs: 10_000,
            memorySizeMb: { "list-events": 1024, "create-event": 1024, "get-event": 1024, "delete-event": 1024 },
            listShards: 4,
            auth: undefined,
            devAuth: false,
            help: false,
        });
    });

    it("takes PORT from the environment and --port over it", () => {
        assert.strictEqual(parseCliArgs([], { PORT: "4000" }).port, 4000);
        assert.strictEqual(parseCliArgs(["--port", "5000"], { PORT: "4000" }).port, 5000);
    });

    it("reads --persist, --max-environments, --timeout and --memory", () => {
        const options = parseCliArgs(["--persist", ".data", "--max-environments", "2", "--timeout", "3", "--memory", "512"], {});
        assert.deepStrictEqual([options.persistDir, options.maxEnvironments, options.functionTimeoutMs, options.memorySizeMb], [
            ".data",
            2,
            3000,
            { "list-events": 512, "create-event": 512, "get-event": 512, "delete-event": 512 },
        ]);
    });

    it("reads --memory as a JSON map by route name, as the memorySize setting: a route it leaves out keeps its default", () => {
        assert.deepStrictEqual(parseCliArgs(["--memory", '{"list-events": 2048, "get-event": 256}'], {}).memorySizeMb, {
            "list-events": 2048,
            "create-event": 1024,
            "get-event": 256,
            "delete-event": 1024,
        });
    });

    it("rejects a bad --memory naming the entry, the range or the routes, and the value", () => {
        assert.throws(() => parseCliArgs(["--memory", '{"get-event": 64}'], {}), { message: "--memory.get-event must be an integer from 128 to 10240 (MB); got 64" });
        assert.throws(() => parseCliArgs(["--memory", '{"list-event": 1024}'], {}), {
            message: '--memory has "list-event", which is not a route: the routes are list-events, create-event, get-event, delete-event',
        });
        assert.throws(() => parseCliArgs(["--memory", "lots"], {}), {
            message:
                '--memory must be an integer from 128 to 10240 (MB) for every route, or a map from route name (list-events, create-event, get-event, delete-event) to such an integer; got "lots"',
        });
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
        assert.ok(
            usage.includes(
                "  --memory MB|MAP       memory size shown in REPORT lines, 128..10240: one for every route, or a JSON\n" +
                    "                        map by route name such as '{\"list-events\":2048}' (default: 1024 for every route)\n",
            ),
            usage,
        );
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

    describe("authorization flags", () => {
        const issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";

        it("read --jwt-issuer, repeated --jwt-audience and --write-scope, and --authorize-reads", () => {
            const options = parseCliArgs(
                ["--jwt-issuer", issuer, "--jwt-audience", "app-1", "--jwt-audience", "12345", "--write-scope", "events-api/write", "--authorize-reads"],
                {},
            );
            assert.deepStrictEqual(options.auth, { jwtIssuer: issuer, jwtAudiences: ["app-1", "12345"], writeScopes: ["events-api/write"], authorizeReads: true, adminScopes: [] });
            assert.strictEqual(options.devAuth, false);
        });

        it("read repeated --admin-scope, checked by the adminScopes setting's rule", () => {
            const options = parseCliArgs(["--dev-auth", "--admin-scope", "events-api/admin", "--admin-scope", "ops"], {});
            assert.deepStrictEqual(options.auth?.adminScopes, ["events-api/admin", "ops"]);
        });

        it("allow an http issuer on loopback", () => {
            assert.strictEqual(parseCliArgs(["--jwt-issuer", "http://127.0.0.1:9000", "--jwt-audience", "a"], {}).auth?.jwtIssuer, "http://127.0.0.1:9000");
        });

        it("leave the issuer and audience to --dev-auth, which may take scopes and --authorize-reads", () => {
            const options = parseCliArgs(["--dev-auth", "--write-scope", "w", "--authorize-reads"], {});
            assert.deepStrictEqual([options.devAuth, options.auth], [true, { jwtIssuer: undefined, jwtAudiences: undefined, writeScopes: ["w"], authorizeReads: true, adminScopes: [] }]);
        });

        it("reject a bad or half combination with a message naming the flags", () => {
            const cases: [string[], string][] = [
                [["--jwt-issuer", "http://issuer.example.com", "--jwt-audience", "a"], '--jwt-issuer must be an https:// issuer URL as in the stack config, or an http:// or https:// one on loopback such as "http://127.0.0.1:9000"; got "http://issuer.example.com"'],
                [["--jwt-issuer", issuer], "--jwt-audience must be given with --jwt-issuer: a token must be issued for one of them"],
                [["--jwt-audience", "a"], "--jwt-issuer must be given with --jwt-audience: it names whose tokens to accept"],
                [["--jwt-issuer", issuer, "--jwt-audience", " a"], '--jwt-audience must be an audience, text without surrounding whitespace such as an app client id; got " a"'],
                [["--dev-auth", "--write-scope", "two words"], '--write-scope must be an OAuth scope such as "events-api/write" (no spaces or quotes); got "two words"'],
                [["--write-scope", "w"], "--write-scope needs --jwt-issuer and --jwt-audience, or --dev-auth: without them no token is checked"],
                [["--authorize-reads"], "--authorize-reads needs --jwt-issuer and --jwt-audience, or --dev-auth: without them no token is checked"],
                [["--admin-scope", "a"], "--admin-scope needs --jwt-issuer and --jwt-audience, or --dev-auth: without them no token is checked"],
                [["--dev-auth", "--admin-scope", "a b"], '--admin-scope must be an OAuth scope such as "events-api/admin" (no spaces or quotes); got "a b"'],
                [["--dev-auth", "--jwt-issuer", issuer, "--jwt-audience", "a"], "--dev-auth starts its own issuer: leave out --jwt-issuer and --jwt-audience, or --dev-auth"],
            ];
            for (const [argv, message] of cases) assert.throws(() => parseCliArgs(argv, {}), { message }, argv.join(" "));
        });

        it("are documented in the usage", () => {
            for (const flag of ["--jwt-issuer URL", "--jwt-audience AUD", "--write-scope S", "--admin-scope S", "--authorize-reads", "--dev-auth"]) assert.ok(usage.includes(`  ${flag} `), flag);
        });
    });
});
