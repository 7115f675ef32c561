import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectRoot } from "../components/bundle";
import { brokenLinks, readMarkdownPage } from "./support/markdown-links";

const pages = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", ...fs.readdirSync(path.join(projectRoot, "docs")).filter((file) => file.endsWith(".md")).map((file) => `docs/${file}`)].filter((page) =>
    fs.existsSync(path.join(projectRoot, page)),
);

describe("the links between README.md and docs/", () => {
    for (const page of pages) {
        it(`${page}: every relative link names a file that exists, and every #anchor a heading of its page`, () => {
            assert.deepStrictEqual(brokenLinks(path.join(projectRoot, page)), []);
        });
    }

    it("README.md links every page of docs/", () => {
        const linked = new Set(readMarkdownPage(path.join(projectRoot, "README.md")).links.map((link) => link.href.split("#")[0]));
        const unlinked = pages.filter((page) => page.startsWith("docs/") && !linked.has(page));
        assert.deepStrictEqual(unlinked, []);
    });

    it("finds a missing file, a missing anchor and a heading's anchor as GitHub makes it", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docs-links-"));
        try {
            fs.writeFileSync(path.join(dir, "a.md"), "# Configuration (namespace `events-api`)\n\n[ok](#configuration-namespace-events-api) [gone](b.md) [bad](#nope) [web](https://example.com/x#y)\n\n```\n[in code](c.md)\n```\n");
            assert.deepStrictEqual(brokenLinks(path.join(dir, "a.md")), ["a.md:3 b.md: no file b.md", "a.md:3 #nope: a.md has no heading #nope"]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
