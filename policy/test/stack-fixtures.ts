import * as pulumi from "@pulumi/pulumi";
import { resourceTypes } from "../policies/resource-types";
import { compliantFunction, resource } from "./harness";

/** A declared resource and the outputs other resources reference it by: unknown at preview, made up by the mocks in an update. */
export type Declared = pulumi.CustomResource & Record<string, pulumi.Output<string>>;

/** A resource of any type whose `outputs` (default: `arn` and `name`) other resources can reference. */
export function declared(type: string, name: string, props: Record<string, unknown> = {}, outputs: string[] = ["arn", "name"]): Declared {
    const computed = Object.fromEntries(outputs.filter((key) => !(key in props)).map((key) => [key, undefined]));
    return resource(type, name, { ...props, ...computed }) as Declared;
}

/** An aws.lambda.Function passing every policy, with `overrides`, referenceable by name and ARN. */
export function fn(name: string, overrides: Record<string, unknown> = {}): Declared {
    return declared(resourceTypes.lambdaFunction, name, compliantFunction(overrides), ["arn", "name", "invokeArn"]);
}

/** An aws-native:lambda:Function passing every policy, with `overrides`. */
export function nativeFn(name: string, overrides: Record<string, unknown> = {}): Declared {
    return declared(
        resourceTypes.nativeLambdaFunction,
        name,
        {
            role: "arn:aws:iam::123456789012:role/fn",
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: { zipFile: "exports.handler = async () => 1;" },
            memorySize: 512,
            timeout: 10,
            architectures: ["arm64"],
            tracingConfig: { mode: "Active" },
            loggingConfig: { logFormat: "JSON", logGroup: "native-fn-logs" },
            ...overrides,
        },
        ["arn", "functionName"],
    );
}

/** `[level, resource, message]` of each verdict of one policy, as rows order them. */
export function findings(rows: string[][]): string[][] {
    return rows.map(([level, , name, message]) => [level, name, message]);
}
