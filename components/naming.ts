import * as pulumi from "@pulumi/pulumi";
import { routes } from "./routes";

/**
 * How an EventsApi names its children. Every physical name carries the stack: a child's logical name is
 * `<component>-<stack>-<role>`, and Pulumi's auto-naming adds a random suffix to it, so two stacks in one
 * account never share a name and each environment's deploy role can be scoped to `<component>-<stack>-*`.
 * Each child also has an alias to `<component>-<role>`, its name before names carried the stack, so a
 * stack deployed then keeps its URNs (and its resources) instead of replacing them.
 */
export interface ChildNaming {
    /** `<component>-<stack>`, made of the characters every physical name allows: the start of every name. */
    readonly prefix: string;
    /** The component every child belongs to. */
    readonly parent: pulumi.Resource;
    /** The child's logical name, `<prefix>-<role>`, which auto-naming turns into its physical name. */
    name(role: string): string;
    /** The child's options: its parent, the alias to its earlier name, and `opts`. */
    opts(role: string, opts?: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions;
    /** The options of a child that no earlier version created, so it has no earlier name to alias. */
    newOpts(opts?: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions;
}

/**
 * Lambda function names allow letters, digits, `-` and `_`, CloudWatch dashboard names the same; Pulumi
 * stack names also allow `.`, which becomes `-`.
 */
export function namePrefix(component: string, stack: string): string {
    return `${component}-${stack}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

/**
 * IAM role names are at most 64 characters (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html)
 * and auto-naming adds 8 (`-` and 7 random ones) to the longest, `<prefix>-<route>-role`.
 */
export const maxPrefixLength = 64 - 8 - Math.max(...routes.map((route) => `-${route.name}-role`.length));

export function childNaming(component: string, stack: string, parent: pulumi.Resource): ChildNaming {
    const prefix = namePrefix(component, stack);
    if (prefix.length > maxPrefixLength) {
        throw new pulumi.ResourceError(
            `the name prefix ${prefix} (component name ${component}, stack ${stack}) has ${prefix.length} characters, and function and role names leave room for ${maxPrefixLength}: use a shorter stack or component name`,
            parent,
        );
    }
    return {
        prefix,
        parent,
        name: (role) => `${prefix}-${role}`,
        opts: (role, opts = {}) => ({ parent, aliases: [{ name: `${component}-${role}` }], ...opts }),
        newOpts: (opts = {}) => ({ parent, ...opts }),
    };
}

/**
 * The tag every function carries, valued with the stack's name prefix: how the concurrency check finds
 * what this stack's functions already reserve before the program has any of their names.
 */
export const stackTagKey = "events-api:stack";
