import * as pulumi from "@pulumi/pulumi";
import { Secret } from "@pulumi/policy";

/**
 * Reading resource properties as @pulumi/policy hands them over. Props arrive wrapped in its
 * unknown-checking proxy, which throws on reading a value unknown at preview and wraps every value it
 * returns in another proxy, Promises included: awaiting an asset's `path` or an archive's `assets`
 * read through it throws "Promise.prototype.then called on incompatible receiver". The proxy traps
 * only `get`, so a property descriptor reaches the value as stored.
 */

// The engine's unknown sentinels (sdk/go/common/resource/plugin/rpc.go, UnknownBoolValue to
// UnknownObjectValue): @pulumi/policy keeps them in props, and only its proxy's get trap checks them.
const unknownSentinels: ReadonlySet<unknown> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    pulumi.runtime.unknownValue,
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** Stands for a value the preview cannot know yet (an output of a resource not yet created). */
export const unknown: unique symbol = Symbol("unknown during preview");

/** A property as stored, never through a proxy's get trap; undefined when absent or not an object. */
export function rawProperty(object: unknown, key: string): unknown {
    if (object === null || typeof object !== "object") {
        return undefined;
    }
    return Object.getOwnPropertyDescriptor(object, key)?.value;
}

/**
 * The value at `path` under `object`, read raw: `unknown` when it (or an object on the way) is not
 * known at preview; a secret's plain value (remediations see secrets wrapped).
 */
export function property(object: unknown, ...path: string[]): unknown {
    let value = object;
    for (const key of path) {
        value = plain(rawProperty(value, key));
        if (value === unknown) {
            return unknown;
        }
    }
    return value;
}

/** `value` with a secret unwrapped and an unknown sentinel as `unknown`. */
export function plain(value: unknown): unknown {
    const unwrapped = value instanceof Secret ? value.value : value;
    return unknownSentinels.has(unwrapped) ? unknown : unwrapped;
}

/** A property's value, or undefined when absent or unknown at preview. */
export function knownValue(object: unknown, ...path: string[]): unknown {
    const value = property(object, ...path);
    return value === unknown ? undefined : value;
}

/** A known string property, or undefined (absent, unknown, or not a string). */
export function knownString(object: unknown, ...path: string[]): string | undefined {
    const value = property(object, ...path);
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** Renders a found value for a violation message: `unset` when absent, JSON otherwise. */
export function shown(value: unknown): string {
    if (value === unknown) {
        return "unknown during preview";
    }
    return value === undefined || value === null ? "unset" : JSON.stringify(value);
}
