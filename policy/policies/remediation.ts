import * as pulumi from "@pulumi/pulumi";
import { Secret } from "@pulumi/policy";
import { rawProperty } from "./property";

/**
 * The inputs a remediation hands back: every property as the policy received it (unknowns and
 * secrets kept, read raw so that values unknown at preview do not abort the copy), with `changes`
 * applied; a changed secret stays secret.
 *
 * Assets and archives are returned in their wire form. @pulumi/policy 1.21 serializes a remediation's
 * result with `serializeProperty` (its deserialize.ts), which writes an AssetArchive's member names,
 * an array, where the engine expects the map of members: a function packaged as an AssetArchive
 * (every aws.lambda.CallbackFunction) would come back unreadable. A plain object carrying the
 * signatures passes through unchanged.
 */
export async function remediated(props: Record<string, unknown>, changes: Record<string, unknown>): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(props)) {
        result[key] = await wireForm(rawProperty(props, key));
    }
    for (const [key, value] of Object.entries(changes)) {
        result[key] = rawProperty(props, key) instanceof Secret ? new Secret(value) : value;
    }
    return result;
}

async function wireForm(value: unknown): Promise<unknown> {
    if (value instanceof Secret) {
        return new Secret(await wireForm(value.value));
    }
    if (Array.isArray(value)) {
        return Promise.all(value.map(wireForm));
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const isAsset = rawProperty(value, "__pulumiAsset") === true;
    const isArchive = rawProperty(value, "__pulumiArchive") === true;
    if (isAsset || isArchive) {
        const wire: Record<string, unknown> = {
            [pulumi.runtime.specialSigKey]: isArchive ? pulumi.runtime.specialArchiveSig : pulumi.runtime.specialAssetSig,
        };
        for (const field of ["path", "text", "uri"]) {
            const promised = rawProperty(value, field);
            if (promised !== undefined) {
                wire[field] = await promised;
            }
        }
        const assets = rawProperty(value, "assets");
        if (assets !== undefined) {
            wire.assets = await wireForm({ ...((await assets) as Record<string, unknown>) });
        }
        return wire;
    }
    const entries = await Promise.all(Object.entries(value).map(async ([key, inner]) => [key, await wireForm(inner)] as const));
    return Object.fromEntries(entries);
}
