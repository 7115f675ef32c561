/**
 * Reads a property that may be unknown during `pulumi preview` (an output of a resource not yet
 * created): the policy SDK's proxy throws on such a read, and a stack policy that correlates
 * resources must skip that value instead of giving up on the whole stack.
 */
export function known<T>(read: () => T): T | undefined {
    try {
        return read();
    } catch {
        return undefined;
    }
}
