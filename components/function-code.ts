import * as pulumi from "@pulumi/pulumi";
import { Bundle, bundleFileName, bundleHandler, BundleOptions } from "./bundle";

/**
 * A handler's deployment archive, bundled by the program itself (no build step before `pulumi up`).
 * Bundles are cached per entry and options for the life of the process: one `pulumi up` bundles each
 * handler once, and tests that build many stacks do not rebundle. A failed build is not cached.
 */
const bundles = new Map<string, Promise<Bundle>>();

export function cachedBundle(entry: string, options: BundleOptions): Promise<Bundle> {
    const key = JSON.stringify([entry, options]);
    let bundle = bundles.get(key);
    if (!bundle) {
        bundle = bundleHandler(entry, options);
        bundles.set(key, bundle);
        bundle.catch(() => bundles.delete(key));
    }
    return bundle;
}

/**
 * The function's `code`: one `index.js` in an archive. A build error becomes a ResourceError on the
 * component, which the Pulumi CLI prints as its message alone (file:line of the error, no stack).
 */
export async function functionCode(
    entry: string,
    options: BundleOptions,
    parent: pulumi.Resource,
): Promise<pulumi.asset.AssetArchive> {
    try {
        const { code } = await cachedBundle(entry, options);
        return new pulumi.asset.AssetArchive({ [bundleFileName]: new pulumi.asset.StringAsset(code) });
    } catch (error) {
        throw new pulumi.ResourceError((error as Error).message, parent, true);
    }
}
