import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";
import type { SourcePosition, WireRegistration } from "./program/mocks";

/**
 * Where a finding points: the line of the program that constructed the resource, as the Pulumi SDK
 * recorded it on the RegisterResource request (`sourcePosition`: the caller of the resource class's
 * constructor, resource.ts `Resource.stackTrace`). When that is inside node_modules (a resource a
 * component library creates), the first frame of the call stack in the repository's own code. Paths are
 * relative to the repository root, with `/`, as code scanning and pull-request annotations want them.
 */

export interface SourceLocation {
    /** Relative to the repository root, `/`-separated. */
    path: string;
    line: number;
    column?: number;
}

/** The repository the program lives in: the nearest folder at or above it with `.git` (a folder, or a worktree's file); else the program's folder. */
export function repositoryRoot(programRoot: string): string {
    for (let dir = path.resolve(programRoot); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, ".git"))) return dir;
        if (path.dirname(dir) === dir) return path.resolve(programRoot);
    }
}

export function relativeToRepository(repository: string, file: string): string | undefined {
    const relative = path.relative(repository, file);
    return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join("/");
}

function local(repository: string, position: SourcePosition): SourceLocation | undefined {
    if (!position.uri.startsWith("file:")) return undefined;
    const relative = relativeToRepository(repository, fileURLToPath(position.uri));
    if (relative === undefined || relative.split("/").includes("node_modules")) return undefined;
    return { path: relative, line: position.line, column: position.column };
}

/** The resource's location in the repository, or undefined when no frame of its construction is the repository's own code. */
export function resourceLocation(repository: string, wire: Pick<WireRegistration, "sourcePosition" | "stackTrace">): SourceLocation | undefined {
    const candidates = [...(wire.sourcePosition ? [wire.sourcePosition] : []), ...wire.stackTrace];
    for (const position of candidates) {
        const found = local(repository, position);
        if (found) return found;
    }
    return undefined;
}
