#!/usr/bin/env node
"use strict";
/**
 * `events-api-policies check [options]`: the pack's credential-free check of a Pulumi program, from the
 * installed package (npx events-api-policies check --program . --stack dev). Everything it runs is in
 * this package: check/ and the pack itself.
 */
const [command, ...args] = process.argv.slice(2);
const cli = { command: "events-api-policies check", defaultProgram: ".", name: "events-api-policies" };

if (command !== "check") {
    const help = command === undefined || command === "--help" || command === "help";
    (help ? console.log : console.error)(
        `Usage: events-api-policies check [options]\n\nRun "events-api-policies check --help" for the options.`,
    );
    process.exit(help ? 0 : 2);
}
require("../check/register");
require("../check/cli.ts")
    .main(args, cli)
    .then(
        (code) => process.exit(code),
        () => process.exit(2),
    );
