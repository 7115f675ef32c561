import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../components/bundle";
import { blockNamed } from "../tools/docs-blocks";
import { blockNames, docPages, regenerate } from "../tools/generate-docs";

describe("the generated blocks of README.md and docs/", function () {
    // Making them bundles the handlers, starts a local stack and runs both stacks under mocks.
    this.timeout(120_000);
    const pages = docPages();

    for (const page of pages) {
        it(`${page}: every generated block is what npm run docs makes from its source today`, async () => {
            const text = fs.readFileSync(path.join(projectRoot, page), "utf8");
            assert.strictEqual(await regenerate(text, page), text, `${page} is stale: run npm run docs`);
        });
    }

    it("use every fixed block, the settings table, npm start's banner and usage, npm run tune's usage, the cost table and the API's error and throttle tables among them", () => {
        const used = new Set(pages.flatMap((page) => blockNames(fs.readFileSync(path.join(projectRoot, page), "utf8"))));
        for (const name of ["settings", "config-errors", "prod-warnings", "start-usage", "tune-usage", "start-banner", "fixed-cost", "resting-prices", "listing-ceiling", "api-errors", "route-throttles", "listing-at-the-limit"]) {
            assert.ok(used.has(name), `no page uses ${name}`);
        }
    });

    it("refuses a marker that names no block, or one left open", async () => {
        assert.throws(() => blockNamed("nope"), /no generated block named "nope"/);
        await assert.rejects(regenerate("<!-- generated:settings -->\nold\n", "page.md"), /page\.md: 1 generated blocks opened, 0 closed/);
        await assert.rejects(regenerate("<!-- generated:bench:no-such-table -->\n<!-- /generated -->\n", "page.md"), /bench\/results\/bench\.json has no table "no-such-table"/);
    });

    it("replaces what a block held with what its source makes, and leaves the text around it as it was", async () => {
        const page = "before\n<!-- generated:listing-ceiling -->\nstale\n<!-- /generated -->\nafter\n";
        const made = await regenerate(page, "page.md");
        assert.match(made, /^before\n<!-- generated:listing-ceiling -->\n\| \| 1 shard \| 4 shards \(default\) \| 16 shards \(maximum\) \| N shards \|\n/);
        assert.match(made, /\| creates a second the index takes, events up to 1 KB \| ~1,000 \| ~4,000 \| ~16,000 \| ~N × 1,000 \|\n/);
        assert.match(made, /\n<!-- \/generated -->\nafter\n$/);
    });
});
