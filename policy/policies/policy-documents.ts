import { plain, rawProperty, unknown } from "./property";
import { documentOf } from "./references";

/**
 * IAM policy documents as the providers hold them: a JSON string (aws: `policy`, `assumeRolePolicy`,
 * also what `aws.iam.getPolicyDocument` returns) or an object (aws-native: `policyDocument`). `Statement`
 * may be one object or a list, `Action` one string or a list (IAM policy grammar,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
 */

export type Document = Record<string, unknown> | typeof unknown | undefined;

/** The document at a property: an object, `unknown` at preview, or undefined when absent or not JSON. */
export function policyDocument(value: unknown): Document {
    const document = documentOf(value);
    return document === unknown ? unknown : (document as Record<string, unknown> | undefined);
}

function listOf(value: unknown): unknown[] {
    const found = plain(value);
    if (Array.isArray(found)) {
        return found.map(plain);
    }
    return found === undefined || found === null ? [] : [found];
}

function statementsOf(document: Record<string, unknown>): unknown[] {
    return listOf(rawProperty(document, "Statement"));
}

/** Whether a statement's `Principal.Service` names `service`; `unknown` when the document is not known. */
export function trustsService(document: Document, service: string): boolean | typeof unknown {
    if (document === unknown) {
        return unknown;
    }
    return statementsOf(document ?? {}).some(
        (statement) =>
            plain(rawProperty(statement, "Effect")) === "Allow" &&
            listOf(rawProperty(plain(rawProperty(statement, "Principal")), "Service")).some((s) => s === service),
    );
}

/** An action pattern that grants every action (`*`), every action of a service (`s3:*`) or an action of every service (`*:Get*`). */
function isWildcard(action: unknown): boolean {
    if (typeof action !== "string") {
        return false;
    }
    const [service, name] = action.split(":", 2);
    return action === "*" || service === "*" || name === "*";
}

/**
 * What an Allow statement of the document grants too broadly: wildcard actions as written, and
 * `NotAction` (every action but the listed ones). Deny statements may use wildcards.
 */
export function broadGrants(document: Record<string, unknown>): string[] {
    return statementsOf(document)
        .filter((statement) => plain(rawProperty(statement, "Effect")) === "Allow")
        .flatMap((statement) => {
            const wildcards = listOf(rawProperty(statement, "Action")).filter(isWildcard).map((action) => JSON.stringify(action));
            const notAction = rawProperty(statement, "NotAction");
            return notAction === undefined ? wildcards : [...wildcards, `NotAction ${JSON.stringify(plain(notAction))}`];
        });
}
