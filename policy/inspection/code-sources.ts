import { PolicyResource } from "@pulumi/policy";
import { knownString, plain, property, rawProperty, unknown } from "../policies/property";
import { bucketObjectTypes, lambdaFunctionTypes, lambdaLayerTypes, resourceTypes } from "../policies/resource-types";
import { CodeSource } from "./inspect-code";

/**
 * The code a function really runs lives in up to three kinds of resources: the function (its archive,
 * inline `zipFile`, or an S3 location), the layers it lists, and S3 objects the stack uploads for it.
 * Only a stack policy sees them together, with the engine's property dependencies telling which
 * resource a value came from (`s3Key: object.key`, `layers: [layer.arn]`), known even at preview.
 */

/** A function or a layer, and where its code comes from. */
export interface CodeOwner {
    resource: PolicyResource;
    kind: "function" | "layer";
    sources: CodeSource[];
    /** For a layer: the stack's functions that list it. */
    usedBy: PolicyResource[];
}

export function codeOwners(resources: PolicyResource[]): CodeOwner[] {
    const stack = new StackCode(resources);
    const functions = resources.filter((r) => lambdaFunctionTypes.includes(r.type));
    const layerUse = new Map(functions.map((fn) => [fn, stack.layersOf(fn)]));
    return [
        ...functions.map((fn) => ({
            resource: fn,
            kind: "function" as const,
            sources: [...stack.functionCode(fn), ...(layerUse.get(fn)?.external ?? []).map(externalLayer)],
            usedBy: [],
        })),
        ...resources
            .filter((r) => lambdaLayerTypes.includes(r.type))
            .map((layer) => ({
                resource: layer,
                kind: "layer" as const,
                sources: stack.layerCode(layer),
                usedBy: functions.filter((fn) => layerUse.get(fn)?.inStack.includes(layer)),
            })),
    ];
}

function externalLayer(arn: string): CodeSource {
    return { kind: "unreachable", what: `layer ${arn}`, why: "not declared in this stack, so the pack cannot read it" };
}

function unknownAtPreview(what: string): CodeSource {
    return { kind: "unreachable", what, why: "not known during preview (it comes from another resource's output); the check runs again when the update does" };
}

/** Where an S3 location's value and its property dependencies sit on the resource. */
interface S3Location {
    bucket: string | undefined;
    key: string | undefined;
    /** Top-level properties whose dependencies can lead to the object (aws-native nests the location in `code`). */
    dependencyKeys: string[];
}

class StackCode {
    private readonly objects: PolicyResource[];
    private readonly layers: PolicyResource[];

    constructor(resources: PolicyResource[]) {
        this.objects = resources.filter((r) => bucketObjectTypes.includes(r.type));
        this.layers = resources.filter((r) => lambdaLayerTypes.includes(r.type));
    }

    functionCode(fn: PolicyResource): CodeSource[] {
        if (fn.type === resourceTypes.nativeLambdaFunction) {
            return this.nativeCode(fn, "code", property(fn.props, "code"));
        }
        return this.classicCode(fn, "the function declares no code, s3Bucket or imageUri");
    }

    layerCode(layer: PolicyResource): CodeSource[] {
        if (layer.type === resourceTypes.nativeLambdaLayerVersion) {
            return this.nativeCode(layer, "content", property(layer.props, "content"));
        }
        return this.classicCode(layer, "the layer declares no code or s3Bucket");
    }

    /** aws.lambda.Function and LayerVersion: `code`, else (a function's) container image, else an S3 location. */
    private classicCode(owner: PolicyResource, none: string): CodeSource[] {
        const code = property(owner.props, "code");
        if (code === unknown) {
            return [unknownAtPreview("code")];
        }
        if (code !== undefined && code !== null) {
            return [{ kind: "archive", archive: code }];
        }
        const image = property(owner.props, "imageUri");
        if (property(owner.props, "packageType") === "Image" || image !== undefined) {
            return [{ kind: "unreachable", what: `container image ${image === unknown ? "(unknown at preview)" : String(image ?? "")}`.trim(), why: "images are built and pulled outside the preview" }];
        }
        if (property(owner.props, "s3Bucket") === undefined && property(owner.props, "s3Key") === undefined) {
            return [{ kind: "unreachable", what: "code", why: none }];
        }
        return [
            this.s3(owner, {
                bucket: knownString(owner.props, "s3Bucket"),
                key: knownString(owner.props, "s3Key"),
                dependencyKeys: ["s3Bucket", "s3Key", "s3ObjectVersion"],
            }),
        ];
    }

    /** The layers a function lists: those declared in this stack, and the ARNs of any others. */
    layersOf(fn: PolicyResource): { inStack: PolicyResource[]; external: string[] } {
        const inStack = new Set(dependencies(fn, ["layers"]).filter((r) => lambdaLayerTypes.includes(r.type)));
        const external: string[] = [];
        const listed = property(fn.props, "layers");
        // An ARN unknown at preview is a layer being created: the dependencies above name it.
        const arns = (Array.isArray(listed) ? listed : []).map(plain).filter((arn): arn is string => typeof arn === "string");
        for (const arn of arns) {
            const layer = this.layers.find((candidate) => layerArns(candidate).includes(arn));
            if (layer) {
                inStack.add(layer);
            } else {
                external.push(arn);
            }
        }
        return { inStack: [...inStack], external };
    }

    private nativeCode(owner: PolicyResource, key: string, code: unknown): CodeSource[] {
        if (code === unknown) {
            return [unknownAtPreview(key)];
        }
        const zipFile = property(code, "zipFile");
        if (zipFile === unknown) {
            return [unknownAtPreview(`${key}.zipFile`)];
        }
        if (typeof zipFile === "string") {
            const runtime = knownString(owner.props, "runtime") ?? "";
            return [{ kind: "inline", fileName: runtime.startsWith("python") ? "index.py" : "index.js", text: zipFile, origin: `${key}.zipFile` }];
        }
        const image = property(code, "imageUri");
        if (image !== undefined) {
            return [{ kind: "unreachable", what: `container image ${image === unknown ? "(unknown at preview)" : String(image)}`, why: "images are built and pulled outside the preview" }];
        }
        if (property(code, "s3Bucket") === undefined && property(code, "s3Key") === undefined) {
            return [{ kind: "unreachable", what: key, why: "it names no zipFile, imageUri or S3 object" }];
        }
        return [this.s3(owner, { bucket: knownString(code, "s3Bucket"), key: knownString(code, "s3Key"), dependencyKeys: [key] })];
    }

    /** The S3 object the stack uploads at this location: found by dependency, else by bucket and key. */
    private s3(owner: PolicyResource, location: S3Location): CodeSource {
        const byDependency = dependencies(owner, location.dependencyKeys).filter((r) => bucketObjectTypes.includes(r.type));
        const byValue = this.objects.filter((object) => {
            const bucket = knownString(object.props, "bucket");
            return location.key !== undefined && knownString(object.props, "key") === location.key && (bucket === undefined || location.bucket === undefined || bucket === location.bucket);
        });
        const object = byDependency[0] ?? byValue[0];
        const where = `s3://${location.bucket ?? "(bucket unknown at preview)"}/${location.key ?? "(key unknown at preview)"}`;
        if (!object) {
            return { kind: "unreachable", what: where, why: "not uploaded by this stack, so the pack cannot read it" };
        }
        const origin = `uploaded to ${where} by ${object.type.split(":").pop()} "${object.name}"`;
        const source = property(object.props, "source");
        if (source === unknown) {
            return unknownAtPreview(`the source of ${origin}`);
        }
        return { kind: "archive-asset", asset: rawProperty(object.props, "source"), origin };
    }
}

/** The resources `keys`' values came from, as the engine recorded them. */
function dependencies(resource: PolicyResource, keys: string[]): PolicyResource[] {
    return [...new Set(keys.flatMap((key) => resource.propertyDependencies?.[key] ?? []))];
}

/** The ARNs a function may list a layer by: the version's ARN, known once the layer exists. */
function layerArns(layer: PolicyResource): string[] {
    return ["arn", "layerVersionArn", "id"].map((key) => knownString(layer.props, key)).filter((arn): arn is string => arn !== undefined);
}
