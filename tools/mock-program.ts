import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { projectRoot } from "../components/bundle";

/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks`, the way the Pulumi CLI runs it but with no
 * engine, no cloud and no credentials: the component tests, the program tests and `npm run policy:check`
 * all use it.
 *
 * Limitations (what a real `pulumi preview` does that this does not):
 * - The provider fills in no defaults: a property the program leaves unset is absent from `inputs`.
 * - Computed outputs (ARNs, names, URLs) are synthesised by `mockState` from the resource's name; auto-names
 *   get a deterministic 7-character suffix instead of a random one.
 * - Secret config values (`secure:` in the stack file) cannot be decrypted: they arrive JSON-encoded.
 * - TypeScript is loaded by whatever require hook the calling process registered (mocha's ts-node, for
 *   instance); the program is not type-checked here (test/program.test.ts checks that separately).
 * - Only the invokes in `mockCall` are answered; any other makes the run fail, naming the token.
 */

/** Resource properties: whatever the provider schema allows, so untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Inputs = Record<string, any>;

export interface RecordedResource {
    type: string;
    name: string;
    urn: string;
    id: string;
    inputs: Inputs;
    parent?: string;
}

export interface MockRunOptions {
    /** Stack name; its `Pulumi.<stack>.yaml` config is loaded when the file exists. @default "dev" */
    stack?: string;
    /** Config entries (`"events-api:memorySize": "1024"`), applied over the stack file's. */
    config?: Record<string, string>;
    /** Project name. @default the `name` in Pulumi.yaml */
    project?: string;
}

export { projectRoot };

const mockAccount = "123456789012";

function readYaml(file: string): Inputs {
    return YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
}

function projectName(root: string): string {
    return String(readYaml(path.join(root, "Pulumi.yaml")).name);
}

/**
 * A stack file's `config:` as the Pulumi CLI passes it to a program: keys namespaced (a bare key gets
 * the project's namespace), strings as they are, every other value JSON-encoded.
 */
export function readStackConfig(stack: string, root: string = projectRoot): Record<string, string> {
    const file = path.join(root, `Pulumi.${stack}.yaml`);
    const config: Record<string, unknown> = readYaml(file).config ?? {};
    const project = projectName(root);
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => [
            key.includes(":") ? key : `${project}:${key}`,
            typeof value === "string" ? value : JSON.stringify(value),
        ]),
    );
}

function suffix(seed: string, length: number): string {
    return crypto.createHash("sha256").update(seed).digest("hex").slice(0, length);
}

function region(): string {
    return pulumi.runtime.getConfig("aws:region") ?? "us-east-1";
}

/**
 * The state a real provider would return for a custom resource: its inputs plus the computed outputs
 * the program reads (names, ARNs, ids, URLs), made up deterministically from the resource's name.
 */
export function mockState(type: string, name: string, inputs: Inputs): { id: string; state: Inputs } {
    const physical = inputs.name ?? `${name}-${suffix(name, 7)}`;
    const id = suffix(`${type}::${name}`, 10);
    const r = region();
    const arnOf: Record<string, () => Inputs> = {
        "aws:dynamodb/table:Table": () => ({ arn: `arn:aws:dynamodb:${r}:${mockAccount}:table/${physical}` }),
        "aws:iam/role:Role": () => ({ arn: `arn:aws:iam::${mockAccount}:role/${physical}` }),
        "aws:cloudwatch/logGroup:LogGroup": () => ({ arn: `arn:aws:logs:${r}:${mockAccount}:log-group:${physical}` }),
        "aws:lambda/function:Function": () => {
            const arn = `arn:aws:lambda:${r}:${mockAccount}:function:${physical}`;
            // A function with `publish: true` has a first published version; otherwise only $LATEST.
            return { arn, invokeArn: invokeArnOf(arn), version: inputs.publish ? "1" : "$LATEST" };
        },
        "aws:lambda/alias:Alias": () => {
            const arn = `arn:aws:lambda:${r}:${mockAccount}:function:${inputs.functionName}:${inputs.name}`;
            return { arn, invokeArn: invokeArnOf(arn) };
        },
        "aws:apigatewayv2/api:Api": () => ({
            arn: `arn:aws:apigateway:${r}::/apis/${id}`,
            apiEndpoint: `https://${id}.execute-api.${r}.amazonaws.com`,
            executionArn: `arn:aws:execute-api:${r}:${mockAccount}:${id}`,
        }),
        "aws:apigatewayv2/stage:Stage": () => ({
            invokeUrl: `https://${inputs.apiId}.execute-api.${r}.amazonaws.com/${inputs.name === "$default" ? "" : inputs.name}`,
            executionArn: `arn:aws:execute-api:${r}:${mockAccount}:${inputs.apiId}/${inputs.name}`,
        }),
    };
    const computed = arnOf[type]?.() ?? { arn: `arn:aws:${type.split(":")[1]?.split("/")[0]}:${r}:${mockAccount}:${physical}` };
    return { id, state: { ...inputs, name: physical, ...computed } };
}

function invokeArnOf(lambdaArn: string): string {
    return `arn:aws:apigateway:${region()}:lambda:path/2015-03-31/functions/${lambdaArn}/invocations`;
}

/** Answers for the invokes a program may make; any other token fails the run with its name. */
export function mockCall(token: string): Inputs {
    const r = region();
    switch (token) {
        case "aws:index/getRegion:getRegion":
            return { id: r, name: r, region: r, description: r, endpoint: `ec2.${r}.amazonaws.com` };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { id: mockAccount, accountId: mockAccount, arn: `arn:aws:iam::${mockAccount}:user/mock`, userId: "MOCK" };
        case "aws:index/getPartition:getPartition":
            return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsSuffix: "com.amazonaws" };
        default:
            throw new Error(`unmocked invoke ${token}: add it to mockCall in tools/mock-program.ts`);
    }
}

/** The parts of the mock monitor's gRPC-shaped registerResource that the recorder reads. */
interface MockMonitor {
    registerResource(
        req: { getType(): string; getName(): string; getParent(): string },
        callback: (err: unknown, resp: { getUrn(): string }) => void,
    ): Promise<void>;
}

/**
 * Mocks that record every resource registered, components included, with its inputs as Pulumi passed
 * them (assets stay `@pulumi/pulumi` asset objects) and its parent's URN.
 */
export class RecordingMocks implements pulumi.runtime.Mocks {
    readonly resources: RecordedResource[] = [];

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const { id, state } = args.custom ? mockState(args.type, args.name, args.inputs) : { id: "", state: {} };
        this.resources.push({ type: args.type, name: args.name, urn: "", id, inputs: args.inputs });
        return { id, state };
    }

    call(args: pulumi.runtime.MockCallArgs): Inputs {
        return mockCall(args.token);
    }

    /**
     * Installs these mocks, synchronously (setMocks does all its work before returning its promise), so a
     * preload script can install them before the program's first resource. The mock monitor does not tell
     * `newResource` a resource's parent or URN, so its `registerResource` is wrapped to read both.
     */
    install(project: string, stack: string): void {
        void pulumi.runtime.setMocks(this, project, stack, false);
        const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req, callback) =>
            register(req, (err, resp) => {
                const recorded = this.resources.findLast((r) => r.type === req.getType() && r.name === req.getName());
                if (!err && recorded) {
                    recorded.urn = resp.getUrn();
                    recorded.parent = req.getParent() || undefined;
                }
                callback(err, resp);
            });
    }
}

/**
 * Runs `declare` (which declares resources), waits until every registration has finished, and fails
 * with the first error, whether thrown, rejected, or left unhandled by a resource registration: the
 * Pulumi CLI reports the latter as the program's failure too.
 */
export async function settle<T>(declare: () => T | Promise<T>): Promise<T> {
    const failures: unknown[] = [];
    const onFailure = (error: unknown) => failures.push(error);
    process.on("unhandledRejection", onFailure);
    try {
        let result: T | undefined;
        let thrown: unknown;
        try {
            result = await declare();
        } catch (error) {
            thrown = error;
        }
        // Registrations not reachable from the result still run: wait for the RPC queue to drain.
        await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
        await new Promise((resolve) => setImmediate(resolve));
        const failure = failures[0] ?? thrown;
        if (failure !== undefined) {
            throw failure;
        }
        return result as T;
    } finally {
        process.off("unhandledRejection", onFailure);
    }
}

/** Forgets every project module (not node_modules), so the next require runs the program afresh. */
function clearProjectModules(): void {
    for (const file of Object.keys(require.cache)) {
        if (file.startsWith(projectRoot + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`)) {
            delete require.cache[file];
        }
    }
}

/**
 * Runs the program at `programPath` (absolute, or relative to the project root) under mocks, inside a
 * root Stack resource as the CLI does, and waits for every registration and output. An error the program
 * throws or rejects with, including one from a resource's inputs, fails the run, as it fails `pulumi up`.
 */
export async function runProgramUnderMocks(
    programPath: string,
    options: MockRunOptions = {},
): Promise<{ resources: RecordedResource[]; outputs: Record<string, unknown> }> {
    const stack = options.stack ?? "dev";
    const project = options.project ?? projectName(projectRoot);
    const stackFile = path.join(projectRoot, `Pulumi.${stack}.yaml`);
    const config = { ...(fs.existsSync(stackFile) ? readStackConfig(stack) : {}), ...options.config };

    const mocks = new RecordingMocks();
    mocks.install(project, stack);
    pulumi.runtime.setAllConfig(config, []);
    clearProjectModules();

    const program = path.resolve(projectRoot, programPath);
    const outputs = await settle(() =>
        pulumi.runtime.runInPulumiStack(async () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const exported = require(program);
            return typeof exported === "function" ? exported() : exported;
        }),
    );
    return { resources: mocks.resources, outputs: outputs ?? {} };
}
