import { PolicyResource } from "@pulumi/policy";
import { plain, property, rawProperty, unknown } from "./property";

/**
 * How one resource of the stack refers to another: through the engine's property dependencies (the
 * program passed an output, `queue.arn`; known at preview even while the value is not), or by value (a
 * literal ARN or name that matches the other resource's known outputs). Property dependencies are keyed
 * by top-level property only, so a value path inside one is checked by value when its value is known.
 */

/** The stack's resources a top-level property's value came from. */
export function dependenciesOf(resource: PolicyResource, key: string): PolicyResource[] {
    return resource.propertyDependencies?.[key] ?? [];
}

/**
 * Every known string inside a value, arrays and objects walked, read raw, and inside a JSON document given
 * as a string (`redrivePolicy: JSON.stringify({ deadLetterTargetArn })`); unknowns are skipped.
 */
export function knownStrings(value: unknown): string[] {
    const found = plain(value);
    if (typeof found === "string") {
        const document = /^\s*[[{]/.test(found) ? parseJson(found) : undefined;
        return found === "" ? [] : [found, ...(document === undefined ? [] : knownStrings(document))];
    }
    if (found === null || typeof found !== "object") {
        return [];
    }
    return Object.keys(found).flatMap((key) => knownStrings(rawProperty(found, key)));
}

/** The known non-empty string values of `keys` on a resource: its names and ARNs. */
export function identifiersOf(resource: PolicyResource, keys: readonly string[]): string[] {
    return keys.map((key) => property(resource.props, key)).filter((value): value is string => typeof value === "string" && value !== "");
}

/** The elements of an array property read raw (an unknown or absent array has none). */
export function elements(value: unknown): unknown[] {
    const found = plain(value);
    return Array.isArray(found) ? found.map((element) => plain(element)) : [];
}

/** Whether a value is set: a non-empty string, an object or array, or a value unknown at preview (computed from another resource). */
export function isSet(value: unknown): boolean {
    if (value === unknown) {
        return true;
    }
    if (typeof value === "string") {
        return value.trim() !== "";
    }
    return value !== undefined && value !== null;
}

/**
 * The resources of `candidates` that `resource` refers to at `path` (a top-level property, or a value
 * inside one): by value, where one of its known strings is a candidate's identifier; and through the
 * top-level property's dependencies where the value is unknown at preview, or where a whole top-level
 * value names none by value (an id, which analyzers are not shown: `role: role.id`).
 */
export function referencedAt(
    resource: PolicyResource,
    path: readonly [string, ...string[]],
    candidates: readonly PolicyResource[],
    identifierKeys: readonly string[],
): PolicyResource[] {
    const value = property(resource.props, ...path);
    if (value === undefined || value === null) {
        return [];
    }
    const strings = knownStrings(value);
    const byValue = candidates.filter((candidate) => identifiersOf(candidate, identifierKeys).some((id) => strings.includes(id)));
    const viaDependencies = containsUnknown(value) || (path.length === 1 && byValue.length === 0);
    const byDependency = viaDependencies ? dependenciesOf(resource, path[0]).filter((d) => candidates.includes(d)) : [];
    return [...new Set([...byValue, ...byDependency])];
}

/** Whether a value, or any value inside it, is unknown at preview. */
export function containsUnknown(value: unknown): boolean {
    const found = plain(value);
    if (found === unknown) {
        return true;
    }
    if (found === null || typeof found !== "object") {
        return false;
    }
    return Object.keys(found).some((key) => containsUnknown(rawProperty(found, key)));
}

/** A JSON document, or undefined when `text` is not one. */
export function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

/**
 * A document the providers take either as a JSON string (aws: `policy`, `redrivePolicy`) or as an
 * object (aws-native): the object, `unknown` at preview, or undefined when absent or not JSON.
 */
export function documentOf(value: unknown): unknown {
    const found = plain(value);
    if (typeof found === "string") {
        const parsed = parseJson(found);
        return parsed !== null && typeof parsed === "object" ? parsed : undefined;
    }
    return found === unknown || (found !== null && typeof found === "object") ? found : undefined;
}

/** `type "name"`, how a message names a resource of another kind. */
export function describe(resource: PolicyResource): string {
    return `${resource.type} "${resource.name}"`;
}
