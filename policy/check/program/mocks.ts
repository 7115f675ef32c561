import * as crypto from "crypto";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import { CallbacksClient } from "@pulumi/pulumi/proto/callback_grpc_pb";
import { Callback, CallbackInvokeRequest } from "@pulumi/pulumi/proto/callback_pb";
import { TransformRequest, TransformResourceOptions, TransformResponse } from "@pulumi/pulumi/proto/resource_pb";

/**
 * Pulumi's mocks as the policy check and this repository's tests use them: resources recorded as the SDK
 * serialized them for the engine (`WireRegistration`, with the source position the SDK recorded for each
 * constructor call), and a provider's answers made up deterministically.
 *
 * Limitations (what a real `pulumi preview` does that this does not):
 * - The provider fills in no defaults: a property the program leaves unset is absent from `inputs`.
 * - Computed outputs (ARNs, names, URLs) are synthesised by `mockState` from the resource's name; auto-names
 *   get a deterministic 7-character suffix instead of a random one. With `preview`, every computed output
 *   but the name is unknown instead (`previewState`), as a provider answers a preview.
 * - The engine's default providers are not registered, and assets carry no content hash.
 * - Only the invokes in `mockCall` are answered; any other makes the run fail, naming the token.
 * - Resource `transforms` run as the engine runs them (the resource's own, then each ancestor's, through
 *   the SDK's callback server), but only the properties, `protect` and `ignoreChanges` they return are
 *   applied; stack transforms (`pulumi.runtime.registerResourceTransform`) do not run.
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
    /** The registration as it crossed the wire to the (mock) engine; set once the monitor answered. */
    wire?: WireRegistration;
}

/**
 * A `RegisterResource` call as the Pulumi SDK serialized it for the engine, and the monitor's answer:
 * plain JSON with the SDK's signatures (assets and archives with their paths as written, secrets,
 * resource references, the unknown sentinel for values not known at preview).
 */
export interface WireRegistration {
    custom: boolean;
    inputs: Record<string, unknown>;
    /** The state the monitor answered with; for a component, the outputs it registered last. */
    outputs: Record<string, unknown>;
    propertyDependencies: Record<string, string[]>;
    dependencies: string[];
    protect: boolean;
    ignoreChanges: string[];
    additionalSecretOutputs: string[];
    deleteBeforeReplace?: boolean;
    /** The resource's aliases: an earlier URN, or the parts of one (name, parent URN...) the engine completes. */
    aliases: Array<string | { name?: string; type?: string; parentUrn?: string }>;
    /** Where the program constructed it, as the SDK recorded it (`Resource.stackTrace`): the constructor call's caller. */
    sourcePosition?: SourcePosition;
    /** The call stack of that constructor call, the caller first; frames the SDK could not read are absent. */
    stackTrace: SourcePosition[];
}

/** A position in a source file, as the SDK sends it on the wire: a `file://` URI, 1-based line and column. */
export interface SourcePosition {
    uri: string;
    line: number;
    column: number;
}

const mockAccount = "123456789012";

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
    const r = region();
    // A user pool's id is `<region>_<9 characters>`, the last part of its issuer.
    const id = type === "aws:cognito/userPool:UserPool" ? `${r}_${suffix(name, 9)}` : suffix(`${type}::${name}`, 10);
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
        // The regional endpoint API Gateway serves a custom domain on, which the alias record points at.
        "aws:apigatewayv2/domainName:DomainName": () => ({
            arn: `arn:aws:apigateway:${r}::/domainnames/${inputs.domainName}`,
            domainNameConfiguration: { ...inputs.domainNameConfiguration, targetDomainName: `d-${id}.execute-api.${r}.amazonaws.com`, hostedZoneId: "ZMOCKAPIGATEWAY" },
        }),
        "aws:cognito/userPool:UserPool": () => ({ arn: `arn:aws:cognito-idp:${r}:${mockAccount}:userpool/${id}`, endpoint: `cognito-idp.${r}.amazonaws.com/${id}` }),
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
        // A new stack: no function carries its tag yet.
        case "aws:resourcegroupstaggingapi/getResources:getResources":
            return { id: r, region: r, resourceTagMappingLists: [] };
        default:
            throw new Error(`unmocked invoke ${token}: add it to mockCall in tools/mock-program.ts`);
    }
}

interface WirePosition {
    getUri(): string;
    getLine(): number;
    getColumn(): number;
}

interface WireStruct {
    toJavaScript(): Record<string, unknown>;
}

/** The parts of the mock monitor's gRPC-shaped requests that the recorder reads. */
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): WireStruct | undefined;
    setObject(value: WireStruct | undefined): void;
    setProtect(value: boolean): void;
    setIgnorechangesList(value: string[]): void;
    getTransformsList(): Callback[];
    getPropertydependenciesMap(): { forEach(visit: (deps: { getUrnsList(): string[] }, key: string) => void): void };
    getDependenciesList(): string[];
    getProtect(): boolean;
    getIgnorechangesList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getDeletebeforereplacedefined(): boolean;
    getDeletebeforereplace(): boolean;
    getAliasesList(): Array<{ getUrn(): string; getSpec(): { getName(): string; getType(): string; getParenturn(): string } | undefined }>;
    /** Absent from SDKs older than source positions (@pulumi/pulumi 3.97). */
    getSourceposition?(): WirePosition | undefined;
    getStacktrace?(): { getFramesList(): Array<{ getPc(): WirePosition | undefined }> } | undefined;
}

function position(wire: WirePosition | undefined): SourcePosition | undefined {
    return wire && wire.getUri() ? { uri: wire.getUri(), line: wire.getLine(), column: wire.getColumn() } : undefined;
}

interface MockMonitor {
    registerResource(req: RegisterRequest, callback: (err: unknown, resp: { getUrn(): string; getObject(): WireStruct | undefined }) => void): Promise<void>;
    registerResourceOutputs(req: { getUrn(): string; getOutputs(): WireStruct | undefined }, callback: (err: unknown, resp: unknown) => void): void;
}

function wireRegistration(req: RegisterRequest, outputs: WireStruct | undefined): WireRegistration {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
    return {
        custom: req.getCustom(),
        inputs: req.getObject()?.toJavaScript() ?? {},
        outputs: outputs?.toJavaScript() ?? {},
        propertyDependencies,
        dependencies: req.getDependenciesList(),
        protect: req.getProtect(),
        ignoreChanges: req.getIgnorechangesList(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
        aliases: req.getAliasesList().map((alias) => {
            const spec = alias.getSpec();
            if (!spec) return alias.getUrn();
            return { name: spec.getName() || undefined, type: spec.getType() || undefined, parentUrn: spec.getParenturn() || undefined };
        }),
        sourcePosition: position(req.getSourceposition?.()),
        stackTrace: (req.getStacktrace?.()?.getFramesList() ?? []).map((frame) => position(frame.getPc())).filter((p): p is SourcePosition => p !== undefined),
    };
}

/** Calls one of the SDK's callbacks (a transform) the way the engine does: over gRPC, at the target the SDK gave. */
function invokeCallback(callback: Callback, request: Uint8Array): Promise<Uint8Array> {
    const client = new CallbacksClient(callback.getTarget(), grpc.credentials.createInsecure());
    const invoke = new CallbackInvokeRequest().setToken(callback.getToken()).setRequest(request);
    return new Promise((resolve, reject) =>
        client.invoke(invoke, (error, response) => {
            client.close();
            if (error) reject(error);
            else resolve(response.getResponse_asU8());
        }),
    );
}

/**
 * The state a provider answers `pulumi preview` with for a resource it would create: the inputs, and
 * every output it computes (ids, ARNs, URLs) unknown. The physical name stays known: providers assign
 * auto-names in `Check`, before the preview.
 */
export function previewState(type: string, name: string, inputs: Inputs): Inputs {
    const { state } = mockState(type, name, inputs);
    const computed = Object.keys(state).filter((key) => inputs[key] === undefined && key !== "name");
    return { ...state, ...Object.fromEntries(computed.map((key) => [key, pulumi.runtime.unknownValue])) };
}

/** The part of an SDK's `pulumi.runtime` that installs mocks. */
export type MockableRuntime = Pick<typeof pulumi.runtime, "setMocks" | "getMonitor">;

/**
 * Mocks that record every resource registered, components included, with its inputs as Pulumi passed
 * them (assets stay `@pulumi/pulumi` asset objects) and its parent's URN.
 */
export class RecordingMocks implements pulumi.runtime.Mocks {
    readonly resources: RecordedResource[] = [];
    private preview = false;
    /** Each registered resource's own transforms and its parent, by URN: what the engine keeps to run them on children. */
    private readonly transformsOf = new Map<string, Callback[]>();
    private readonly parentOf = new Map<string, string>();

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const { id, state } = args.custom ? mockState(args.type, args.name, args.inputs) : { id: "", state: {} };
        this.resources.push({ type: args.type, name: args.name, urn: "", id, inputs: args.inputs });
        if (this.preview) {
            // A resource to be created has no id yet: the SDK makes an empty id unknown.
            return { id: "", state: args.custom ? previewState(args.type, args.name, args.inputs) : {} };
        }
        return { id, state };
    }

    call(args: pulumi.runtime.MockCallArgs): Inputs {
        return mockCall(args.token);
    }

    /**
     * Runs the transforms that apply to a registration before the resource is made, as the engine does
     * (pulumi/pulumi pkg/resource/deploy/source_eval.go, RegisterResource): the resource's own, then its
     * parent's, its grandparent's and so on, each called over gRPC on the SDK's callback server with the
     * properties the previous one returned.
     */
    private async transform(req: RegisterRequest): Promise<void> {
        const transforms = [...req.getTransformsList()];
        for (let parent = req.getParent(); parent; parent = this.parentOf.get(parent) ?? "") transforms.push(...(this.transformsOf.get(parent) ?? []));
        for (const callback of transforms) {
            const options = new TransformResourceOptions();
            const request = new TransformRequest()
                .setType(req.getType())
                .setName(req.getName())
                .setCustom(req.getCustom())
                .setParent(req.getParent())
                .setProperties(req.getObject() as never)
                .setOptions(options);
            const response = TransformResponse.deserializeBinary(await invokeCallback(callback, request.serializeBinary()));
            req.setObject(response.getProperties() as never);
            const returned = response.getOptions();
            if (returned?.hasProtect()) req.setProtect(returned.getProtect()!);
            if (returned && returned.getIgnoreChangesList().length > 0) req.setIgnorechangesList(returned.getIgnoreChangesList());
        }
    }

    /**
     * Installs these mocks, synchronously (setMocks does all its work before returning its promise), so a
     * preload script can install them before the program's first resource. The mock monitor does not tell
     * `newResource` a resource's parent or URN, so its `registerResource` is wrapped to read both, and
     * the registration as serialized on the wire (`wire`). `runtime` is the `pulumi.runtime` of the SDK
     * the program loads, when it is another copy than this module's.
     */
    install(project: string, stack: string, options: { preview?: boolean; organization?: string; runtime?: MockableRuntime } = {}): void {
        this.preview = options.preview ?? false;
        const runtime = options.runtime ?? pulumi.runtime;
        void runtime.setMocks(this, project, stack, this.preview, options.organization);
        const monitor = runtime.getMonitor() as unknown as MockMonitor;
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = async (req, callback) => {
            try {
                await this.transform(req);
            } catch (error) {
                callback(error, undefined as never);
                return;
            }
            await register(req, (err, resp) => {
                const recorded = this.resources.findLast((r) => r.type === req.getType() && r.name === req.getName());
                if (!err && recorded) {
                    recorded.urn = resp.getUrn();
                    recorded.parent = req.getParent() || undefined;
                    recorded.wire = wireRegistration(req, resp.getObject());
                }
                if (!err) {
                    this.transformsOf.set(resp.getUrn(), req.getTransformsList());
                    this.parentOf.set(resp.getUrn(), req.getParent());
                }
                callback(err, resp);
            });
        };
        const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
        monitor.registerResourceOutputs = (req, callback) => {
            const wire = this.resources.find((r) => r.urn === req.getUrn())?.wire;
            if (wire && !wire.custom) {
                wire.outputs = req.getOutputs()?.toJavaScript() ?? {};
            }
            registerOutputs(req, callback);
        };
    }
}

