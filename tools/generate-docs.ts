import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { projectRoot } from "../components/bundle";
import { blockNamed } from "./docs-blocks";
import { requireSupportedNode } from "./node-version";
import { withoutRuntimeWarnings } from "./runtime-warnings";

/**
 * `npm run docs`: rewrites every generated block of README.md and docs/*.md from its source
 * (tools/docs-blocks.ts). A block is the text between `<!-- generated:NAME -->` and `<!-- /generated -->`.
 */

const block = /(<!-- generated:([\w:-]+) -->\n)([\s\S]*?)(<!-- \/generated -->)/g;

/** The pages that may hold generated blocks, relative to the project root. */
export function docPages(root: string = projectRoot): string[] {
    const docs = fs.readdirSync(path.join(root, "docs")).filter((file) => file.endsWith(".md"));
    return ["README.md", ...docs.sort().map((file) => `docs/${file}`)];
}

/** The names of the blocks a page holds, in order. */
export function blockNames(text: string): string[] {
    return [...text.matchAll(block)].map((match) => match[2]);
}

/** `text` with every generated block made again; a marker left open is an error. */
export async function regenerate(text: string, where: string): Promise<string> {
    const opened = (text.match(/<!-- generated:/g) ?? []).length;
    const names = blockNames(text);
    if (opened !== names.length) throw new Error(`${where}: ${opened} generated blocks opened, ${names.length} closed by <!-- /generated -->`);
    const contents = new Map<string, string>();
    for (const name of names) if (!contents.has(name)) contents.set(name, (await blockNamed(name)()).trimEnd());
    return text.replace(block, (_, open: string, name: string, _old: string, close: string) => `${open}${contents.get(name)}\n${close}`);
}

const usage = `usage: npm run docs [-- --help]

Rewrites every generated block of README.md and docs/*.md (<!-- generated:NAME --> ... <!-- /generated -->)
from its source: the settings schema, npm start's usage and bundles, both stacks under mocks, and the
tables npm run bench and npm run tune recorded in bench/results/. Prints each page it changed.`;

async function main(): Promise<void> {
    requireSupportedNode("npm run docs");
    const { values } = parseArgs({ args: process.argv.slice(2), options: { help: { type: "boolean", short: "h" } }, strict: true });
    if (values.help) {
        console.log(usage);
        return;
    }
    // The cost table runs both stacks under mocks: their preview warnings are not this command's output.
    console.warn = withoutRuntimeWarnings(console.warn);
    for (const page of docPages()) {
        const file = path.join(projectRoot, page);
        const text = fs.readFileSync(file, "utf8");
        const updated = await regenerate(text, page);
        if (updated !== text) {
            fs.writeFileSync(file, updated);
            console.log(`updated ${page}`);
        }
    }
}

if (require.main === module) {
    main().then(
        () => process.exit(0),
        (error: unknown) => {
            process.stderr.write(`npm run docs: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(1);
        },
    );
}
