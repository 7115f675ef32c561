import * as assert from "assert";
import { inlinedSdkIn, sdkFolderIn } from "../inspection/sdk-markers";

describe("SDK markers", () => {
    it("needs two markers of one SDK, so a single SDK string in application code does not count", () => {
        assert.strictEqual(inlinedSdkIn('log("aws-sdk-js")'), undefined);
        assert.strictEqual(inlinedSdkIn("process.env.AWS_SDK_LOAD_CONFIG"), undefined);
        assert.strictEqual(inlinedSdkIn('a="aws-sdk-js";b=process.env.AWS_SDK_LOAD_CONFIG'), undefined);
        assert.match(inlinedSdkIn('a="aws-sdk-js";h="x-amz-user-agent"') ?? "", /^@aws-sdk\/core inlined/);
        assert.match(inlinedSdkIn("e.AWS_SDK_LOAD_CONFIG||e.AWS_NODEJS_CONNECTION_REUSE_ENABLED") ?? "", /^aws-sdk \(v2\) inlined/);
    });

    it("matches SDK folders by whole path segments", () => {
        assert.strictEqual(sdkFolderIn("node_modules/@aws-sdk/client-s3/index.js", false), "node_modules/@aws-sdk/");
        assert.strictEqual(sdkFolderIn("a/node_modules/aws-sdk", true), "a/node_modules/aws-sdk/");
        assert.strictEqual(sdkFolderIn("botocore/session.py", false), "botocore/");
        assert.strictEqual(sdkFolderIn("node_modules/aws-sdk-client-mock/index.js", false), undefined);
        assert.strictEqual(sdkFolderIn("node_modules/aws-sdk", false), undefined);
        assert.strictEqual(sdkFolderIn("tests/boto3.py", false), undefined);
        assert.strictEqual(sdkFolderIn("src/aws-sdk/notes.txt", false), undefined);
    });
});
