import * as path from "path";
import * as ts from "typescript";
import { projectRoot } from "../components/bundle";
import { eventsApiSettings, SettingName } from "../components/settings";

/**
 * The configuration table of docs/configuration.md, derived from the settings schema: each setting's doc comment and
 * `@default` as an editor shows them on `EventsApiArgs` (read through the TypeScript compiler, from the
 * same source the editor reads), and what it accepts as the schema's own error message says it.
 *
 *   npx ts-node --transpile-only tools/settings-table.ts    prints the table
 */

export interface SettingDoc {
    name: string;
    /** The doc comment's text. */
    doc: string;
    /** The `@default` tag's text, `undefined` when there is none. */
    default?: string;
    /** The doc comments of the setting's own entries (a map's), by entry name. */
    entries: SettingDoc[];
}

/**
 * The doc comments of the settings' input type, which `EventsApiArgs` extends unchanged: what the
 * TypeScript language service shows on each of its properties.
 */
export function settingDocs(): SettingDoc[] {
    const file = path.join(projectRoot, "components", "settings.ts");
    const config = ts.readConfigFile(path.join(projectRoot, "tsconfig.json"), ts.sys.readFile).config;
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, projectRoot);
    // The settings need no ambient types; leaving node's and mocha's out keeps the program small.
    const program = ts.createProgram([file], { ...options, types: [], noEmit: true });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file)!;
    const args = source.statements.find((node) => ts.isTypeAliasDeclaration(node) && node.name.text === "SettingsInput");
    if (!args) throw new Error("components/settings.ts declares no SettingsInput type");
    const describe = (symbol: ts.Symbol, nested: boolean): SettingDoc => {
        const value = checker.getNonNullableType(checker.getTypeOfSymbol(symbol));
        return {
            name: symbol.name,
            doc: ts.displayPartsToString(symbol.getDocumentationComment(checker)),
            default: symbol
                .getJsDocTags(checker)
                .filter((tag) => tag.name === "default")
                .map((tag) => ts.displayPartsToString(tag.text))[0],
            // A map of named entries (the alarm thresholds) documents each entry too.
            entries:
                nested && value.getFlags() & ts.TypeFlags.Object && !checker.isArrayType(value)
                    ? value.getProperties().map((entry) => describe(entry, false))
                    : [],
        };
    };
    return checker.getTypeAtLocation(args).getProperties().map((symbol) => describe(symbol, true));
}

/** What a setting accepts, in the words of its own error message (`must be <this>; got ...`). */
export function allowedText(name: SettingName): string {
    const result = eventsApiSettings[name].safeParse(Symbol("not a setting value"));
    const message = result.success ? "" : result.error.issues[0].message;
    const allowed = /^must be (.*); got /.exec(message)?.[1];
    if (!allowed) throw new Error(`${name}: no "must be ...; got" message for a wrong type (${message})`);
    return allowed;
}

/** The first sentence of a doc comment, on one line. */
export function summary(doc: string): string {
    const text = doc.replace(/\s+/g, " ").trim();
    return /^(.*?\.)(\s|$)/.exec(text)?.[1] ?? text;
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** A `@default` tag as a table cell: a value in code style, a `- <sentence>` (no literal default) as words. */
function defaultCell(tag = ""): string {
    return tag.startsWith("- ") ? tag.slice(2) : `\`${tag}\``;
}

/** The markdown table of every setting: key, default, allowed values and what it sets. */
export function configurationTable(docs: SettingDoc[] = settingDocs()): string {
    const rows = docs.map(
        (setting) =>
            `| \`${setting.name}\` | ${cell(defaultCell(setting.default))} | ${cell(allowedText(setting.name as SettingName))} | ${cell(summary(setting.doc))} |`,
    );
    return ["| key | default | allowed | what it sets |", "|---|---|---|---|", ...rows].join("\n");
}

if (require.main === module) {
    console.log(configurationTable());
}
