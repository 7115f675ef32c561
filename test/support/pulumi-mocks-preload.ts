/**
 * Preloaded (`node -r ts-node/register -r ./test/support/pulumi-mocks-preload.ts index.ts`) to run the
 * stack program the way the Pulumi CLI loads it, through ts-node with type checking, but against the
 * recording mocks instead of an engine. When the program has finished it prints one JSON line: the
 * TypeScript and ts-node settings that compiled it and the resources it registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { REGISTER_INSTANCE } from "ts-node";
import { readStackConfig, RecordingMocks } from "../../tools/mock-program";

const stack = process.env.EVENTS_API_STACK ?? "dev";
const mocks = new RecordingMocks();
mocks.install("events-api", stack);
pulumi.runtime.setAllConfig(readStackConfig(stack), []);

process.once("beforeExit", () => {
    const service = process[REGISTER_INSTANCE];
    const report = {
        typescript: service?.ts.version,
        transpileOnly: service?.options.transpileOnly ?? false,
        tsconfig: service?.config.options.configFilePath,
        strict: service?.config.options.strict,
        resources: mocks.resources.map((r) => `${r.type} ${r.name}`),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
});
