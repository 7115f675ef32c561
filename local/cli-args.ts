import { parseArgs } from "util";

export interface CliOptions {
    port: number;
    persistDir?: string;
    maxEnvironments: number;
    functionTimeoutMs: number;
    memorySizeMb: number;
    help: boolean;
}

export const usage = `usage: npm start -- [options]

  --port N              port of the API (default: $PORT, else 3000)
  --persist DIR         keep DynamoDB data in DIR between runs (default: in memory)
  --max-environments N  execution environments per function (default: 10; beyond, requests queue)
  --timeout S           function timeout in seconds, 1..29 (default: 10)
  --memory MB           memory size shown in REPORT lines, 128..10240 (default: 512)
  -h, --help            this text`;

function integer(name: string, value: string, min: number, max: number): number {
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
        throw new Error(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
    }
    return parsed;
}

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
            help: { type: "boolean", short: "h" },
        },
        strict: true,
    });
    const port = values.port ?? env.PORT;
    return {
        port: port === undefined ? 3000 : integer(values.port ? "--port" : "PORT", port, 0, 65535),
        persistDir: values.persist,
        maxEnvironments: integer("--max-environments", values["max-environments"] ?? "10", 1, 1000),
        functionTimeoutMs: integer("--timeout", values.timeout ?? "10", 1, 29) * 1000,
        memorySizeMb: integer("--memory", values.memory ?? "512", 128, 10240),
        help: values.help ?? false,
    };
}
