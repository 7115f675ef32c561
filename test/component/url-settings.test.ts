import * as assert from "assert";
import fc from "fast-check";
import { advisories, placeholders } from "../../components/deployment-checks";
import { eventsApiSettings, parseSettings } from "../../components/settings";
import { isLoopbackHost } from "../../components/url-rules";
import { localIssuerRule } from "../../local/oidc-discovery";

const stackAccepts = (issuer: string) => eventsApiSettings.jwtIssuer.safeParse(issuer).success;
const localAccepts = (issuer: string) => localIssuerRule.safeParse(issuer).success;

/** An issuer's host as the URL parser reads it, or undefined when it does not parse. */
function hostOf(text: string): string | undefined {
    try {
        return new URL(text).hostname;
    } catch {
        return undefined;
    }
}

describe("URL settings, checked by parsing", () => {
    describe("the stack's jwtIssuer and npm start's --jwt-issuer", () => {
        // [issuer, the stack accepts it, npm start accepts it]
        const answers: [string, boolean, boolean][] = [
            ["https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123", true, true],
            ["https://tenant.auth0.com/", true, true],
            ["https://login.acme.io:8443/realms/prod", true, true],
            // The four the issue found the two rules disagreeing on: a port no URL has, an underscore in
            // the host, a space in the path, an IPv6 loopback address over https.
            ["https://issuer.acme.io:99999", false, false],
            ["https://issuer_acme.io/", false, false],
            ["https://issuer.acme.io/a b", false, false],
            ["https://[::1]/x", false, true],
            // What the URL parser would rewrite (the token's iss would then never match).
            ["https://Issuer.acme.io/", false, false],
            ["https://issuer.acme.io:443/x", false, false],
            ["https://issuer.acme.io/\tx", false, false],
            ["https://issuer.acme.io/é", false, false],
            // No IP address, no single-label host, no empty or hyphen-edged label.
            ["https://203.0.113.7/", false, false],
            ["https://issuer/", false, false],
            ["https://issuer..acme.io/", false, false],
            ["https://-issuer.acme.io/", false, false],
            // Credentials, query and fragment, even empty ones.
            ["https://u:p@issuer.acme.io/", false, false],
            ["https://issuer.acme.io/?", false, false],
            ["https://issuer.acme.io/#", false, false],
            ["http://issuer.acme.io/", false, false],
            ["issuer.acme.io", false, false],
            // Loopback: only npm start, and there http too.
            ["http://127.0.0.1:9000", false, true],
            ["http://localhost:8080/realms/dev", false, true],
            ["https://localhost:8443/", false, true],
            ["http://[::1]:9000", false, true],
            ["http://127.1:9000", false, false],
            ["http://127.0.0.1:99999", false, false],
        ];
        for (const [issuer, stack, local] of answers) {
            it(`${stack ? "accept" : "refuse"} ${JSON.stringify(issuer)}${stack === local ? " alike" : `, which npm start ${local ? "accepts" : "refuses"} on loopback`}`, () => {
                assert.deepStrictEqual([stackAccepts(issuer), localAccepts(issuer)], [stack, local]);
            });
        }

        it("differ only on loopback hosts, for any URL", () => {
            const urls = fc
                .tuple(
                    fc.constantFrom("http://", "https://", "ftp://", "https://u:p@", ""),
                    fc.oneof(fc.domain(), fc.constantFrom("localhost", "127.0.0.1", "127.0.0.9", "[::1]", "203.0.113.7", "a_b.io", "Acme.io", "issuer")),
                    fc.option(fc.integer({ min: 0, max: 99999 }).map((port) => `:${port}`), { nil: "" }),
                    fc.constantFrom("", "/", "/pool", "/realms/dev/", "/a b", "/é", "/?x=1", "/#f", "?", "#"),
                    fc.string({ maxLength: 3 }),
                )
                .map((parts) => parts.join(""));
            fc.assert(
                fc.property(urls, (url) => {
                    const loopback = isLoopbackHost(hostOf(url) ?? "");
                    assert.ok(!stackAccepts(url) || localAccepts(url), `npm start refuses ${url}, which the stack accepts`);
                    assert.ok(loopback || stackAccepts(url) === localAccepts(url), `the rules disagree on ${url}, which is not on loopback`);
                    assert.ok(!loopback || !stackAccepts(url), `the stack accepts ${url}, on loopback`);
                }),
                { numRuns: 2000 },
            );
        });

        it("say how the URL parser would write an issuer that parses only after a rewrite", () => {
            assert.deepStrictEqual(parseSettings({ jwtIssuer: "https://Issuer.acme.io", jwtAudiences: ["app"] }, (key) => key).problems, [
                'jwtIssuer must be an https:// issuer URL on a DNS name, without credentials, query or fragment, such as "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"; got "https://Issuer.acme.io" (the URL parser writes it "https://issuer.acme.io/")',
            ]);
        });
    });

    describe("corsAllowOrigins", () => {
        const accepts = (origin: string) => eventsApiSettings.corsAllowOrigins.safeParse([origin]).success;

        it("accepts an origin as a browser sends it, on any scheme", () => {
            for (const origin of ["*", "https://example.com", "http://localhost:5173", "http://127.0.0.1:5173", "https://app.acme.io:8443", "http://[::1]:3000", "capacitor://localhost"]) {
                assert.strictEqual(accepts(origin), true, origin);
            }
        });

        it("refuses what no browser sends: a port no URL has, a path or slash, a default port, upper case, credentials", () => {
            for (const origin of ["https://example.com:99999", "https://example.com/", "https://example.com/app", "https://example.com:443", "https://Example.com", "https://u@example.com", "https://a..b", "example.com", "https://example.com?x", ""]) {
                assert.strictEqual(accepts(origin), false, origin);
            }
        });
    });

    it("no value the schema accepts makes the deployment checks throw", () => {
        // Near-valid values: the shapes the old patterns accepted (any port of up to five digits), and noise.
        const port = fc.option(fc.integer({ min: 0, max: 99999 }).map((n) => `:${n}`), { nil: "" });
        const host = fc.oneof(fc.domain(), fc.constantFrom("localhost", "a_b.io", "Acme.io", "[::1]", "203.0.113.7"));
        const origin = fc.oneof(fc.tuple(fc.constantFrom("http", "https", "capacitor"), host, port).map(([scheme, name, p]) => `${scheme}://${name}${p}`), fc.string());
        const issuer = fc.oneof(fc.tuple(host, port, fc.constantFrom("", "/", "/pool", "/a b", "/é", "/?q", "#f")).map(([name, p, path]) => `https://${name}${p}${path}`), fc.string());
        const oneSetting = fc.oneof(
            fc.array(fc.oneof(fc.constant("*"), origin), { minLength: 1, maxLength: 3 }).map((corsAllowOrigins) => ({ corsAllowOrigins })),
            issuer.map((jwtIssuer) => ({ jwtIssuer, jwtAudiences: ["app"] })),
            fc.oneof(fc.domain(), fc.string()).map((domainName) => ({ customDomain: { domainName, certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0f8fad5b-d9cb-469f-a165-70867728950e" } })),
        );
        let accepted = 0;
        fc.assert(
            fc.property(oneSetting, (given) => {
                const { settings } = parseSettings(given, (key) => key);
                if (!settings) return;
                accepted += 1;
                placeholders(settings);
                advisories(settings, "111122223333");
            }),
            { numRuns: 1000 },
        );
        // The property speaks of accepted settings: enough of the generated ones must be.
        assert.ok(accepted > 200, `only ${accepted} of the generated settings were accepted`);
    });
});
