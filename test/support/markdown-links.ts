import * as fs from "fs";
import GithubSlugger from "github-slugger";
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import * as path from "path";

const markdown = new MarkdownIt({ html: true });

/** A link in a markdown file: where it points, as written, and the line its paragraph or table row starts on. */
export interface MarkdownLink {
    href: string;
    line: number;
}

export interface MarkdownPage {
    links: MarkdownLink[];
    /** The anchors GitHub gives the page's headings (github-slugger, duplicates numbered as GitHub numbers them). */
    anchors: Set<string>;
}

const inlineText = (token: Token): string => (token.children ?? []).map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : inlineText(child))).join("");

/** The links and heading anchors of one markdown file, as markdown-it parses it (code blocks hold no links). */
export function readMarkdownPage(file: string): MarkdownPage {
    const tokens = markdown.parse(fs.readFileSync(file, "utf8"), {});
    const slugger = new GithubSlugger();
    const links: MarkdownLink[] = [];
    const anchors = new Set<string>();
    let line = 1;
    tokens.forEach((token, index) => {
        // Table cells' inline tokens carry no line map: they take their row's.
        if (token.map) line = token.map[0] + 1;
        if (token.type === "heading_open") anchors.add(slugger.slug(inlineText(tokens[index + 1])));
        if (token.type !== "inline") return;
        for (const child of token.children ?? []) {
            const href = child.type === "link_open" ? child.attrGet("href") : child.type === "image" ? child.attrGet("src") : null;
            if (href !== null) links.push({ href, line });
        }
    });
    return { links, anchors };
}

/**
 * Every relative link of `file` that does not resolve: a path with no file or folder behind it, or a
 * `#anchor` that no heading of the target page has. Links with a scheme (https:, mailto:) are not followed.
 */
export function brokenLinks(file: string): string[] {
    const broken: string[] = [];
    for (const { href, line } of readMarkdownPage(file).links) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
        const [target, anchor] = href.split("#", 2) as [string, string | undefined];
        const resolved = target === "" ? file : path.resolve(path.dirname(file), decodeURI(target));
        const where = `${path.basename(file)}:${line} ${href}`;
        if (!fs.existsSync(resolved)) broken.push(`${where}: no file ${target}`);
        else if (anchor !== undefined && (!resolved.endsWith(".md") || !readMarkdownPage(resolved).anchors.has(decodeURIComponent(anchor)))) {
            broken.push(`${where}: ${path.basename(resolved)} has no heading #${anchor}`);
        }
    }
    return broken;
}
