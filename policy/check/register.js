"use strict";
/**
 * Loads the check's TypeScript through ts-node, transpile only (npm test type-checks it), and only the
 * files of this package: `scope` leaves every other file (a team's program, which the Pulumi SDK compiles
 * with its own ts-node and tsconfig, as under the CLI) to the loaders registered after this one.
 */
const path = require("path");

const packDir = path.resolve(__dirname, "..");
require("ts-node").register({ transpileOnly: true, scope: true, scopeDir: packDir, project: path.join(packDir, "tsconfig.json") });
