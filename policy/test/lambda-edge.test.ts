import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { resourceTypes } from "../policies/resource-types";
import { compliantFunction, resource, verdictsOf } from "./harness";

const arm64 = "lambda-arm64-architecture";
const memory = "lambda-memory-above-128mb";
/** A function as Lambda@Edge needs it: published, x86_64, no environment; `qualifiedArn` readable as an output. */
const edgeFn = (name: string, memorySize: number, props: Record<string, unknown> = {}) =>
    resource(resourceTypes.lambdaFunction, name, compliantFunction({ publish: true, architectures: ["x86_64"], memorySize, qualifiedArn: undefined, ...props })) as pulumi.CustomResource & {
        qualifiedArn: pulumi.Output<string>;
    };
const associations = (...pairs: [string, pulumi.Input<string>][]) => ({ lambdaFunctionAssociations: pairs.map(([eventType, lambdaArn]) => ({ eventType, lambdaArn })) });
const summary = (rows: string[][]) => rows.map(([level, policy, name, message]) => [level, policy, name, message.split(" (")[0]]);

describe("Lambda@Edge functions, recognised from the stack's CloudFront distributions", function () {
    this.timeout(60_000);

    it("passes a viewer-request function at 128 MB on x86_64, saying why, and an origin-response one at 1024 MB on x86_64", async () => {
        const verdicts = await verdictsOf(() => {
            const viewer = edgeFn("viewer-auth", 128);
            const origin = edgeFn("origin-resize", 1024);
            return resource(resourceTypes.cloudfrontDistribution, "cdn", {
                defaultCacheBehavior: associations(["viewer-request", viewer.qualifiedArn]),
                orderedCacheBehaviors: [{ pathPattern: "/img/*", ...associations(["origin-response", origin.qualifiedArn]) }],
            });
        });
        assert.deepStrictEqual(summary(verdicts), [
            ["advisory", "policy-exemptions", "origin-resize", "exempted: Lambda@Edge: CloudFront runs Lambda@Edge functions on x86_64 only"],
            ["advisory", "policy-exemptions", "viewer-auth", "exempted: Lambda@Edge viewer trigger: CloudFront caps viewer-request and viewer-response functions at 128 MB"],
            ["advisory", "policy-exemptions", "viewer-auth", "exempted: Lambda@Edge: CloudFront runs Lambda@Edge functions on x86_64 only"],
        ]);
        assert.match(verdicts[1][3], /so lambda-memory-above-128mb does not apply to Lambda function "viewer-auth" \(distribution "cdn" \(viewer-request\)\)$/);
    });

    it("still holds an origin trigger to the memory floor, and a published function no distribution uses to both rules", async () => {
        const verdicts = await verdictsOf(() => {
            const origin = edgeFn("origin-small", 128);
            edgeFn("published-only", 128);
            return resource(resourceTypes.cloudfrontDistribution, "cdn", { defaultCacheBehavior: associations(["origin-request", origin.qualifiedArn]) });
        });
        assert.deepStrictEqual(summary(verdicts), [
            ["mandatory", memory, "origin-small", 'Lambda function "origin-small": memorySize is 128 MB; it must have more than 128 MB. Set memorySize to 1024 MB, the size this pack recommends'],
            ["advisory", "policy-exemptions", "origin-small", "exempted: Lambda@Edge: CloudFront runs Lambda@Edge functions on x86_64 only"],
            ["mandatory", arm64, "published-only", 'Lambda function "published-only": architectures is ["x86_64"]. Set architectures to ["arm64"]. Code with native x86_64 binaries needs an arm64 build too: Go, GOOS=linux GOARCH=arm64 go build -o bootstrap; npm packages with native modules'],
            ["mandatory", memory, "published-only", 'Lambda function "published-only": memorySize is 128 MB; it must have more than 128 MB. Set memorySize to 1024 MB, the size this pack recommends'],
        ]);
    });

    it("reads an aws-native distribution's distributionConfig, and matches a known version ARN by value in an update", async () => {
        const verdicts = await verdictsOf(
            () => {
                edgeFn("edge-auth", 128, { name: "edge-auth" });
                return resource(resourceTypes.nativeCloudfrontDistribution, "native-cdn", {
                    distributionConfig: {
                        defaultCacheBehavior: {
                            lambdaFunctionAssociations: [{ eventType: "viewer-response", lambdaFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:edge-auth:3" }],
                        },
                    },
                });
            },
            { preview: false },
        );
        assert.deepStrictEqual(summary(verdicts).map((row) => row.slice(0, 3)), [
            ["advisory", "policy-exemptions", "edge-auth"],
            ["advisory", "policy-exemptions", "edge-auth"],
        ]);
    });
});
