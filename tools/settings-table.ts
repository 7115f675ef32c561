import * as path from "path";
import * as ts from "typescript";
import { projectRoot } from "../components/bundle";
import { allowedBy } from "../components/setting-rules";
import { perRouteText } from "../components/per-route-text";
import { routes } from "../components/routes";
import { eventsApiSettings, SettingName, settingDefaults } from "../components/settings";

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
    try {
        return allowedBy(eventsApiSettings[name]);
    } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`);
    }
}

/** The first sentence of a doc comment, on one line. */
export function summary(doc: string): string {
    const text = doc.replace(/\s+/g, " ").trim();
    return /^(.*?\.)(\s|$)/.exec(text)?.[1] ?? text;
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** Whether `value` is a number for each route of the route table: a per-route default such as memorySize's. */
function isByRoute(value: unknown): value is Record<string, number> {
    if (typeof value !== "object" || value === null) return false;
    const names = Object.keys(value);
    return names.length === routes.length && routes.every((route) => typeof (value as Record<string, unknown>)[route.name] === "number");
}

/**
 * A setting's default as a table cell: a per-route default as its figures (from the route table, so the
 * doc follows them), else the `@default` tag, a value in code style or a `- <sentence>` as words.
 */
function defaultCell(name: SettingName, tag = ""): string {
    const value = (settingDefaults as Record<string, unknown>)[name];
    if (isByRoute(value)) return `by route: ${perRouteText(value)}`;
    return tag.startsWith("- ") ? tag.slice(2) : `\`${tag}\``;
}

/** The markdown table of every setting: key, default, allowed values and what it sets. */
export function configurationTable(docs: SettingDoc[] = settingDocs()): string {
    const rows = docs.map(
        (setting) =>
            `| \`${setting.name}\` | ${cell(defaultCell(setting.name as SettingName, setting.default))} | ${cell(allowedText(setting.name as SettingName))} | ${cell(summary(setting.doc))} |`,
    );
    return ["| key | default | allowed | what it sets |", "|---|---|---|---|", ...rows].join("\n");
}

if (require.main === module) {
    console.log(configurationTable());
}
