"use strict";
/**
 * Stands in for the Pulumi CLI process in the chain the CLI makes for a Node.js policy pack: this process
 * runs in the program's folder (or wherever the CLI was started), and starts `pulumi-analyzer-policy`
 * (`#!/bin/sh`) with the pack's folder as working directory and its own environment, as
 * sdk/go/common/resource/plugin/plugin.go `execPlugin` does (`cmd.Dir = pwd`, `cmd.Env = env`); the
 * script then runs node on @pulumi/pulumi's run-policy-pack.
 *
 * argv: <chdir or ""> <pack folder> <script> <plugin args...>. A non-empty chdir is applied first, as
 * `pulumi -C <dir>` / `--cwd <dir>` makes the CLI change its own working directory. Over the IPC channel
 * `{ chdir: dir }` moves this process (as a CLI started elsewhere would be), answered with `{ cwd }`.
 */
const { spawn } = require("child_process");

const [chdir, packDir, script, ...args] = process.argv.slice(2);
if (chdir) process.chdir(chdir);

// The IPC channel is this stand-in's, not the CLI's: the plugin must not inherit it.
const env = { ...process.env };
delete env.NODE_CHANNEL_FD;
delete env.NODE_CHANNEL_SERIALIZATION_MODE;

const plugin = spawn("/bin/sh", [script, ...args], { cwd: packDir, env, stdio: ["pipe", "inherit", "inherit"] });
plugin.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
process.on("message", (message) => {
    try {
        process.chdir(message.chdir);
        process.send({ cwd: process.cwd() });
    } catch (error) {
        process.send({ error: error.message });
    }
});
process.on("disconnect", () => plugin.kill());
