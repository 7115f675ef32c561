/**
 * Bounds on how much of a function's code the SDK check reads, so a huge or hostile archive cannot
 * hang a preview. Lambda caps a function at 50 MB zipped for direct upload and 250 MB unzipped
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html); code above these limits
 * cannot be deployed as-is, so the check stops there and says what it did not read.
 */
export interface InspectionLimits {
    /** Largest archive file (zip, jar, tar, tgz) read into memory. */
    maxArchiveBytes: number;
    /** Most entries (files and folders) visited across the whole code, nested archives included. */
    maxEntries: number;
    /** Most bytes of file content read across the whole code. */
    maxTotalBytes: number;
    /** Largest single file scanned for an inlined SDK. */
    maxFileBytes: number;
    /** How deep archives may nest inside an `AssetArchive`. */
    maxDepth: number;
}

/** Lambda's quota for a function's code unzipped, layers included: 250 MB. */
const lambdaUnzippedBytes = 250 * 1024 * 1024;

export const defaultLimits: InspectionLimits = {
    // A zip file Lambda takes unzips to at most 250 MB, so it is no larger.
    maxArchiveBytes: lambdaUnzippedBytes,
    // Not Lambda's: a guard against a hostile archive of empty entries, far above any deployable code.
    maxEntries: 1_000_000,
    maxTotalBytes: lambdaUnzippedBytes,
    maxFileBytes: 32 * 1024 * 1024,
    maxDepth: 8,
};
