import * as assert from "assert";
import { eventsApiSettings, settingDefaults } from "../components/settings";
import { SettingDoc, settingDocs } from "../tools/settings-table";

/** A literal `@default` must be the value the schema fills in; `- <sentence>` marks a setting without one. */
function assertDefault(where: string, tag: string | undefined, value: unknown): void {
    assert.ok(tag, `${where} has no @default tag`);
    if (tag.startsWith("- ")) {
        assert.ok(value === undefined || (typeof value === "object" && !Array.isArray(value)), `${where}: @default ${tag}, but the schema fills in ${JSON.stringify(value)}`);
    } else {
        assert.deepStrictEqual(JSON.parse(tag), value, `${where}: @default ${tag}`);
    }
}

describe("the settings' documentation", () => {
    let docs: SettingDoc[];
    before(function () {
        this.timeout(60_000);
        docs = settingDocs();
    });

    it("documents every setting on EventsApiArgs, in the schema's order", () => {
        assert.deepStrictEqual(
            docs.map((doc) => doc.name),
            Object.keys(eventsApiSettings),
        );
        for (const doc of docs) assert.ok(doc.doc.length > 20, `${doc.name} has no doc comment`);
    });

    it("gives every setting and every alarm threshold the @default the schema applies", () => {
        const defaults = settingDefaults as Record<string, unknown>;
        for (const setting of docs) {
            assertDefault(setting.name, setting.default, defaults[setting.name]);
            for (const entry of setting.entries) {
                // A setting without a default (customDomain) has no default entries either.
                assertDefault(`${setting.name}.${entry.name}`, entry.default, (defaults[setting.name] as Record<string, unknown> | undefined)?.[entry.name]);
            }
        }
        assert.deepStrictEqual(
            docs.find((doc) => doc.name === "alarmThresholds")?.entries.map((entry) => entry.name),
            Object.keys(settingDefaults.alarmThresholds),
        );
    });
});
