import * as assert from "assert";
import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { readResults, tableRecorder } from "../../bench/lib/results";

describe("the results a bench or tune run records", () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), "events-api-results-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("keep each table with the run's command, machine and day, and replace only the tables of the same id", () => {
        const table = (title: string) => ({ title, headers: ["a"], rows: [["1"]] });
        const first = tableRecorder("bench", "npm run bench", "machine A", dir);
        first.keep("cold-start", table("old cold start"));
        first.keep("warm", table("warm"));
        first.write();
        const second = tableRecorder("bench", "npm run bench -- --only list", "machine B", dir);
        assert.deepStrictEqual(second.keep("cold-start", table("new cold start")), table("new cold start"));
        second.write();

        const day = new Date().toISOString().slice(0, 10);
        assert.deepStrictEqual(readResults("bench", dir), {
            "cold-start": { table: table("new cold start"), command: "npm run bench -- --only list", machine: "machine B", recorded: day },
            warm: { table: table("warm"), command: "npm run bench", machine: "machine A", recorded: day },
        });
    });
});
