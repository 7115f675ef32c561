/** Issue 5's budget for every handler bundle, minified: less code for each cold start to load and parse. */
export const maxBundleBytes = 5_000;
