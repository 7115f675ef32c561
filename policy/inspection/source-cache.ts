import * as fs from "fs";
import { InspectionLimits } from "./limits";
import { readSource, SourceFindings } from "./read-source";

/** Set to a file's path, the pack appends to it each folder or archive it reads: `<folder|archive> <path>`, one a line. */
export const readLogVariable = "LAMBDA_POLICY_READ_LOG";

/**
 * Each distinct folder or archive read once: a stack's hundred aws.lambda.CallbackFunctions pack the
 * same node_modules folders, and many functions share one build. A file is the same while its resolved
 * path, size and modification time are; a folder while its resolved path is, so a cache lives for one
 * stack analysis only (code-analysis.ts), and the next preview reads afresh.
 */
export class SourceCache {
    private readonly read = new Map<string, SourceFindings>();
    /** Within one analysis a path is looked up once: 100 functions name the same 300 package folders. */
    private readonly asked = new Map<string, SourceFindings>();
    private readonly existing = new Map<string, boolean>();

    constructor(readonly limits: InspectionLimits) {}

    exists(file: string): boolean {
        let exists = this.existing.get(file);
        if (exists === undefined) {
            exists = fs.existsSync(file);
            this.existing.set(file, exists);
        }
        return exists;
    }

    /** What `file` (an existing folder or file) holds; `underNodeModules` as `readSource` takes it. */
    findings(file: string, underNodeModules: boolean): SourceFindings {
        const question = `${file}\0${underNodeModules}`;
        let findings = this.asked.get(question);
        if (findings) {
            return findings;
        }
        const resolved = fs.realpathSync(file);
        const stat = fs.statSync(resolved);
        const identity = stat.isDirectory() ? `folder ${resolved}` : `archive ${resolved}`;
        const key = `${identity}\0${stat.isDirectory() ? "" : `${stat.size}\0${stat.mtimeMs}\0${stat.ino}`}\0${underNodeModules}`;
        findings = this.read.get(key);
        if (!findings) {
            const log = process.env[readLogVariable];
            if (log) fs.appendFileSync(log, `${identity}\n`);
            findings = readSource(resolved, this.limits, underNodeModules);
            this.read.set(key, findings);
        }
        this.asked.set(question, findings);
        return findings;
    }
}
