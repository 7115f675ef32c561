import * as pulumi from "@pulumi/pulumi";

/**
 * What the engine does to a property value between the SDK's `RegisterResource` and an analyzer, and
 * nothing more. The engine unmarshals the SDK's request keeping resource references and output values,
 * then marshals properties for `Analyze`, `AnalyzeStack` and `Remediate` with `KeepUnknowns` and
 * `KeepSecrets` but not `KeepResources` or `KeepOutputValues` (sdk/go/common/resource/plugin/
 * analyzer_plugin.go), which `MarshalPropertyValue` (sdk/go/common/resource/plugin/rpc.go) turns into:
 * - a resource reference: its ID when it has one (a custom resource; unknown while the ID is), else its
 *   URN (a component);
 * - an output value: unknown when its value is, else the value, as a secret when the output is one.
 * Secrets, unknowns, assets and archives pass through as the SDK wrote them (the engine re-serializes an
 * asset with a content hash, which @pulumi/policy's deserializer does not read).
 */
export function engineView(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(engineView);
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const object = value as Record<string, unknown>;
    const signature = object[pulumi.runtime.specialSigKey];
    if (signature === pulumi.runtime.specialResourceSig) {
        return "id" in object ? object.id : object.urn;
    }
    if (signature === pulumi.runtime.specialOutputValueSig) {
        if (!("value" in object)) {
            return pulumi.runtime.unknownValue;
        }
        const inner = engineView(object.value);
        return object.secret ? { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: inner } : inner;
    }
    return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, engineView(inner)]));
}
