/**
 * What a URL-valued setting must be, decided by parsing it with the WHATWG URL parser (`new URL`, what
 * Node.js and browsers use) rather than by a pattern: a value these accept parses, so nothing that reads
 * it later (`new URL(...)` in the deployment checks, the local issuer's discovery) can fail on it. The
 * stack's settings and the local CLI's flags share them.
 */

/**
 * A DNS name a public certificate can be issued for: two or more labels of lowercase letters, digits and
 * inner hyphens, 63 characters at most each and 253 in all, the last starting with a letter (RFC 1123,
 * section 2.1). No IP address, no underscore, no wildcard.
 */
export const dnsNamePattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** One or more LDH labels, or an IPv6 literal: the hosts a browser's `Origin` header can name. */
const originHostPattern = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])$/;

/** `localhost`, 127.0.0.0/8 or `[::1]` (as `URL.hostname` writes them): addresses that never leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
    return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** `text` parsed, or undefined when the URL parser refuses it (a port above 65535, no scheme, ...). */
export function parsedUrl(text: string): URL | undefined {
    try {
        return new URL(text);
    } catch {
        return undefined;
    }
}

/**
 * `text` parsed, when it is written as the URL parser writes it back (a URL with an empty path may leave
 * out its `/`). The parser lowercases the host, drops a default port, escapes spaces and strips tabs and
 * newlines; API Gateway compares the text as given (an issuer with the token's `iss`, an origin with the
 * request's `Origin`), so a value that parses only after such a change would never match.
 */
export function canonicalUrl(text: string): URL | undefined {
    const url = parsedUrl(text);
    if (url === undefined) return undefined;
    return url.href === text || (url.pathname === "/" && url.href === `${text}/`) ? url : undefined;
}

/** For an error message: how the URL parser writes `text`, when that differs from `text`. */
export function canonicalHint(text: string): string | undefined {
    const url = parsedUrl(text);
    return url === undefined || canonicalUrl(text) !== undefined ? undefined : `the URL parser writes it ${JSON.stringify(url.href)}`;
}

/**
 * An OIDC issuer as API Gateway's JWT authorizer takes it: https, on a DNS name, without credentials,
 * query or fragment, written canonically
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html). With
 * `loopback`, the local emulator's rule: an issuer on this machine too, where http is allowed (nothing
 * leaves the machine, and a local issuer has no certificate Node.js trusts).
 */
export function isIssuerUrl(text: string, options: { loopback?: boolean } = {}): boolean {
    const url = canonicalUrl(text);
    if (url === undefined || url.username || url.password || text.includes("?") || text.includes("#")) return false;
    if (options.loopback && isLoopbackHost(url.hostname)) return url.protocol === "https:" || url.protocol === "http:";
    return url.protocol === "https:" && dnsNamePattern.test(url.hostname);
}

/**
 * An origin as a browser sends it in `Origin`: `scheme://host[:port]`, nothing after it, lowercase, no
 * default port (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin);
 * any scheme, since apps such as Capacitor's (`capacitor://localhost`) send their own.
 */
export function isOrigin(text: string): boolean {
    const url = parsedUrl(text);
    return (
        url !== undefined &&
        !url.username &&
        !url.password &&
        (url.pathname === "" || url.pathname === "/") &&
        !text.includes("?") &&
        !text.includes("#") &&
        originHostPattern.test(url.hostname) &&
        text === `${url.protocol}//${url.host}`
    );
}
