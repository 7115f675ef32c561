/**
 * Restricts a policy callback to resources of the given types; on any other resource it reports the
 * policy not applicable, as @pulumi/policy's own `validateResourceOfType` does, so the CLI can tell
 * "not checked" from "passed".
 */
export function appliesTo<Args extends { type: string; notApplicable(reason?: string): never }, Rest extends unknown[], Result>(
    types: readonly string[],
    check: (args: Args, ...rest: Rest) => Result,
): (args: Args, ...rest: Rest) => Result {
    const reason = `Policy only applies to resources of type ${types.map((type) => `'${type}'`).join(" or ")}`;
    return (args, ...rest) => (types.includes(args.type) ? check(args, ...rest) : args.notApplicable(reason));
}
