import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cliDirectory, commandReader, lsofDirectory, procReader, readerFor } from "../inspection/cli-directory";

describe("reading the Pulumi CLI's working directory from the pack's process chain", () => {
    let dir: string;
    let child: ChildProcess;
    before(() => {
        dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "events-api-cli-dir-")));
        child = spawn("sleep", ["30"], { cwd: dir, stdio: "ignore" });
    });
    after(() => {
        child.kill();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("reads a process's parent and working directory from /proc on Linux", () => {
        assert.strictEqual(procReader.parentOf(child.pid as number), process.pid);
        assert.strictEqual(procReader.cwdOf(child.pid as number), dir);
    });

    it("reads the same through ps and lsof, as on macOS (Linux's ps and lsof here, same options)", () => {
        const reader = commandReader("/bin/ps", "/usr/bin/lsof");
        assert.strictEqual(reader.parentOf(child.pid as number), process.pid);
        assert.strictEqual(reader.cwdOf(child.pid as number), dir);
    });

    it("takes the grandparent's directory: the parent of the given process, and its working directory", () => {
        assert.deepStrictEqual(cliDirectory(procReader, child.pid as number), { dir: fs.realpathSync(process.cwd()), pid: process.pid });
    });

    it("parses lsof's field output (-Ffn): the n line after the fcwd line", () => {
        assert.strictEqual(lsofDirectory("p4242\nfcwd\nn/Users/dev/team app/infra\n"), "/Users/dev/team app/infra");
        assert.strictEqual(lsofDirectory("p4242\n"), undefined);
    });

    it("says why on a platform with neither /proc nor lsof, and when the process is gone", () => {
        assert.deepStrictEqual(cliDirectory(readerFor("win32")), { problem: "reading another process's working directory is not supported on win32" });
        assert.deepStrictEqual(cliDirectory(procReader, 999_999_999), {
            problem: "cannot read the working directory of the parent of process 999999999: ENOENT: no such file or directory, open '/proc/999999999/stat'",
        });
    });
});
