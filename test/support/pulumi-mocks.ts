import * as pulumi from "@pulumi/pulumi";
import { eventsApiType } from "../../components/events-api";
import { mockState, RecordedResource, RecordingMocks, settle } from "../../tools/mock-program";

/** Resource type tokens the component tests look up. */
export const types = {
    component: eventsApiType,
    table: "aws:dynamodb/table:Table",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    function: "aws:lambda/function:Function",
    permission: "aws:lambda/permission:Permission",
    api: "aws:apigatewayv2/api:Api",
    stage: "aws:apigatewayv2/stage:Stage",
    integration: "aws:apigatewayv2/integration:Integration",
    route: "aws:apigatewayv2/route:Route",
    alias: "aws:lambda/alias:Alias",
    provisionedConcurrency: "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
} as const;

/**
 * Records every resource a test declares under `pulumi.runtime.setMocks` (tools/mock-program.ts's
 * recorder: computed outputs made up from names, any unmocked invoke fails). Call `reset()` in
 * `beforeEach`, declare inside `declare()`, then look resources up.
 */
export class MockHarness {
    private mocks = new RecordingMocks();

    /** Fresh mocks; with `preview`, as `pulumi preview` runs (computed outputs unknown). */
    reset(config: Record<string, string> = {}, options: { preview?: boolean } = {}): void {
        this.mocks = new RecordingMocks();
        this.mocks.install("events-api", "test", options);
        pulumi.runtime.setAllConfig({ "aws:region": "eu-west-1", ...config }, []);
    }

    /** Runs `build` and waits for every registration; rejects with the first error, as `pulumi up` fails. */
    declare<T>(build: () => T): Promise<T> {
        return settle(build);
    }

    get resources(): RecordedResource[] {
        return this.mocks.resources;
    }

    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource with this name; fails the test when there is none. */
    named(name: string): RecordedResource {
        const found = this.resources.filter((r) => r.name === name);
        if (found.length !== 1) {
            throw new Error(`expected one resource named ${name}, found ${found.length}`);
        }
        return found[0];
    }

    /** The outputs the mocks gave the resource with this name (its ARN, physical name, URL...). */
    state(name: string): Record<string, string> {
        const resource = this.named(name);
        return mockState(resource.type, resource.name, resource.inputs).state;
    }
}

/** An output's value (known under mocks). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

/** The text of every asset in an AssetArchive, by file name. */
export async function archiveTexts(archive: pulumi.asset.AssetArchive): Promise<Record<string, string>> {
    const assets = await archive.assets;
    const texts: Record<string, string> = {};
    for (const [file, asset] of Object.entries(assets)) {
        texts[file] = await (asset as pulumi.asset.StringAsset).text!;
    }
    return texts;
}
