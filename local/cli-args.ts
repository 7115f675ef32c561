import { parseArgs } from "util";
import { integer } from "../components/setting-rules";
import { eventsApiSettings, optionValue as option, settingDefaults } from "../components/settings";

export interface CliOptions {
    port: number;
    persistDir?: string;
    maxEnvironments: number;
    functionTimeoutMs: number;
    memorySizeMb: number;
    listShards: number;
    help: boolean;
}

const { timeout, memorySize, listShards } = eventsApiSettings;
const range = (setting: typeof timeout | typeof memorySize | typeof listShards) => `${setting.unwrap().minValue}..${setting.unwrap().maxValue}`;

export const usage = `usage: npm start -- [options]

  --port N              port of the API (default: $PORT, else 3000)
  --persist DIR         keep DynamoDB data in DIR between runs (default: in memory)
  --max-environments N  execution environments per function (default: 10; beyond, requests queue)
  --timeout S           function timeout in seconds, ${range(timeout)} (default: ${settingDefaults.timeout})
  --memory MB           memory size shown in REPORT lines, ${range(memorySize)} (default: ${settingDefaults.memorySize})
  --list-shards N       shards of the listing index, ${range(listShards)} (default: ${settingDefaults.listShards})
  -h, --help            this text`;

/** Parses `npm start` arguments; a bad value throws an error whose message names the option. */
export function parseCliArgs(argv: string[], env: Record<string, string | undefined>): CliOptions {
    const { values } = parseArgs({
        args: argv,
        options: {
            port: { type: "string" },
            persist: { type: "string" },
            "max-environments": { type: "string" },
            timeout: { type: "string" },
            memory: { type: "string" },
            "list-shards": { type: "string" },
            help: { type: "boolean", short: "h" },
        },
        strict: true,
    });
    return {
        port: option(values.port ? "--port" : "PORT", values.port ?? env.PORT, integer(0, 65535, "TCP port").default(3000)),
        persistDir: values.persist,
        maxEnvironments: option("--max-environments", values["max-environments"], integer(1, 1000, "environments").default(10)),
        functionTimeoutMs: option("--timeout", values.timeout, timeout) * 1000,
        memorySizeMb: option("--memory", values.memory, memorySize),
        listShards: option("--list-shards", values["list-shards"], listShards),
        help: values.help ?? false,
    };
}
