/**
 * How the AWS SDK shows up in function code: as package folders (by path), or inlined into a bundle
 * (by strings only the SDK's own code carries). An external `require("@aws-sdk/client-s3")` or
 * `import { S3Client } from "@aws-sdk/client-s3"` leaves the package name and exported names
 * behind, so no marker is a package name or an exported identifier.
 */

/** A folder that is an SDK package: `node_modules/@aws-sdk/*`, `node_modules/aws-sdk`, Python `boto3`/`botocore`. */
export function sdkFolderIn(path: string, isDirectory: boolean): string | undefined {
    const segments = path.split("/").filter((segment) => segment !== "");
    const folders = isDirectory ? segments : segments.slice(0, -1);
    for (let i = 0; i < folders.length; i++) {
        const folder = folders[i];
        if (folders[i - 1] === "node_modules" && (folder === "@aws-sdk" || folder === "aws-sdk")) {
            return [...folders.slice(0, i + 1), ""].join("/");
        }
        if (folder === "boto3" || folder === "botocore" || /^(boto3|botocore)-[^/]+\.(dist-info|egg-info)$/.test(folder)) {
            return [...folders.slice(0, i + 1), ""].join("/");
        }
    }
    return undefined;
}

/** The SDK package a `package.json` declares itself to be, if it is one (a vendored copy in any folder). */
export function sdkPackageName(packageJson: string): string | undefined {
    try {
        const name: unknown = (JSON.parse(packageJson) as { name?: unknown }).name;
        return typeof name === "string" && (name === "aws-sdk" || name.startsWith("@aws-sdk/")) ? name : undefined;
    } catch {
        return undefined;
    }
}

interface Marker {
    /** Matched against the bundle text. */
    pattern: RegExp;
    /** What it is, for the violation message. */
    label: string;
}

const quoted = (text: string): RegExp => new RegExp(`["'\`]${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["'\`]`);

// From @aws-sdk/core, which every v3 client and lib-dynamodb pull in: the user-agent product name, its
// header, and the env var naming the app in it. None occurs outside @aws-sdk/* in this project's
// node_modules (`grep -rlF` over it), and @smithy/* packages alone carry none of them.
const coreMarkers: Marker[] = [
    { pattern: quoted("aws-sdk-js"), label: `user agent "aws-sdk-js"` },
    { pattern: quoted("x-amz-user-agent"), label: `header "x-amz-user-agent"` },
    { pattern: /AWS_SDK_UA_APP_ID/, label: "AWS_SDK_UA_APP_ID" },
];

// AWS SDK v2 (`aws-sdk`): environment variables only its code reads. Found in esbuild bundles of
// aws-sdk 2.1693.0 (the whole SDK, clients/dynamodb, clients/sqs; CJS and ESM, minified or not). v2 is
// not installed here (101 MB unpacked), so the test corpus covers v2 as folders only.
const v2Markers: Marker[] = [
    { pattern: /AWS_NODEJS_CONNECTION_REUSE_ENABLED/, label: "AWS_NODEJS_CONNECTION_REUSE_ENABLED" },
    { pattern: /AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE/, label: "AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE" },
    { pattern: /AWS_SDK_LOAD_CONFIG/, label: "AWS_SDK_LOAD_CONFIG" },
];

// @aws-sdk/util-dynamodb (marshall, used by lib-dynamodb), which can be bundled without @aws-sdk/core.
const utilDynamodbMarker: Marker = {
    pattern: /options\.removeUndefinedValues=true/,
    label: `@aws-sdk/util-dynamodb's "options.removeUndefinedValues=true"`,
};

/**
 * Describes the SDK code inlined in a JavaScript bundle, or undefined. Two markers of a set are
 * required, so that one of these strings in the application's own code does not count.
 */
export function inlinedSdkIn(code: string): string | undefined {
    for (const [name, markers] of [["@aws-sdk/core", coreMarkers], ["aws-sdk (v2)", v2Markers]] as const) {
        const found = markers.filter((marker) => marker.pattern.test(code));
        if (found.length >= 2) {
            return `${name} inlined (${found.map((marker) => marker.label).join(", ")})`;
        }
    }
    if (utilDynamodbMarker.pattern.test(code)) {
        return `${utilDynamodbMarker.label} inlined`;
    }
    return undefined;
}

/** Files Lambda's Node.js runtime can load as code, the only ones scanned for an inlined SDK. */
export function isJavaScriptFile(path: string): boolean {
    return /\.(js|mjs|cjs)$/i.test(path);
}
