import * as pulumi from "@pulumi/pulumi";
import { RecordedResource, RecordingMocks } from "../../tools/mock-program";

export interface ComponentRun<T> {
    component: T;
    resources: RecordedResource[];
}

/**
 * Builds a component under the project's recording mocks (tools/mock-program.ts) inside a root stack, as
 * `runProgramUnderMocks` runs a whole program, and waits until every registration has been recorded.
 * A build that throws, or a registration that fails, rejects.
 */
export async function buildUnderMocks<T>(
    build: () => T,
    options: { stack?: string; config?: Record<string, string> } = {},
): Promise<ComponentRun<T>> {
    const mocks = new RecordingMocks();
    await mocks.install("events-api", options.stack ?? "test");
    pulumi.runtime.setAllConfig({ "aws:region": "eu-west-1", ...options.config }, []);
    const failures: unknown[] = [];
    const onFailure = (error: unknown) => failures.push(error);
    process.on("unhandledRejection", onFailure);
    try {
        let component: T | undefined;
        await pulumi.runtime.runInPulumiStack(async () => {
            component = build();
            return {};
        });
        await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
        await new Promise((resolve) => setImmediate(resolve));
        if (failures.length > 0) {
            throw failures[0];
        }
        return { component: component as T, resources: mocks.resources };
    } finally {
        process.off("unhandledRejection", onFailure);
    }
}

/** The value of an output whose value is known under mocks. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** The recorded resources of one type, optionally only those whose name matches. */
export function ofType(resources: RecordedResource[], type: string, name?: RegExp): RecordedResource[] {
    return resources.filter((r) => r.type === type && (name === undefined || name.test(r.name)));
}

/** The one recorded resource with this type and name; fails when there is none. */
export function named(resources: RecordedResource[], type: string, name: string): RecordedResource {
    const found = resources.find((r) => r.type === type && r.name === name);
    if (!found) {
        const names = ofType(resources, type).map((r) => r.name);
        throw new Error(`no ${type} named ${name}; there are: ${names.join(", ") || "none"}`);
    }
    return found;
}
