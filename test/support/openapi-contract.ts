import { Validator } from "@seriousme/openapi-schema-validator";
import addFormats from "ajv-formats";
import { type Document, OpenAPIBackend } from "openapi-backend";
import { gatewayAnswers } from "../../components/gateway-answers";
import { openApiPath } from "../../components/openapi";
import { postJson as postJsonTo, ReceivedResponse, send as sendTo, SentRequest } from "./local-http";

/**
 * The API's OpenAPI document as a contract a response is checked against, by well-kept validators: the
 * document itself against the OpenAPI 3.1 schema (@seriousme/openapi-schema-validator), each response
 * against its operation (openapi-backend: the operation a method and path match, the body's JSON schema
 * for the status, the documented headers' schemas; Ajv with ajv-formats for `uuid` and `date-time`).
 * openapi-backend passes a status its operation does not list and only checks `application/json`
 * bodies, so the status, the media type and the required headers are checked here too.
 */
export interface Contract {
    /** The operation `method path` (path with its query) matches, and what is wrong with `response` as its answer (nothing: empty). */
    check(method: string, path: string, response: ReceivedResponse): { operationId?: string; problems: string[] };
}

interface DocumentedResponse {
    content?: Record<string, unknown>;
    headers?: Record<string, { required?: boolean }>;
}

export async function contractOf(document: unknown): Promise<Contract> {
    const validity = await new Validator().validate(document as never);
    if (!validity.valid) throw new Error(`not an OpenAPI 3.1 document: ${JSON.stringify(validity.errors)}`);
    // quick: openapi-backend's own document check knows OpenAPI 3.0 only; the validator above checked 3.1.
    const api = new OpenAPIBackend({ definition: structuredClone(document) as Document, quick: true, ajvOpts: { allErrors: true }, customizeAjv: (ajv) => addFormats(ajv) });
    await api.init();
    return {
        check(method, target, response) {
            const path = target.split("?")[0];
            const mediaType = String(response.headers["content-type"] ?? "").split(";")[0].trim();
            const body = response.body.length ? safeJson(response.text) : null;
            // openapi-backend ignores a trailing slash; OpenAPI's path templating and API Gateway's routes do not.
            const matched = api.router.matchOperation({ method, path, headers: {} });
            const operation = matched && templateMatches(matched.path, path) ? matched : undefined;
            if (!operation) {
                // A path or method no route has: API Gateway's 404, or its 413 for an oversized body, which it answers before routing.
                const answer = Object.entries(gatewayAnswers).find(([status]) => Number(status) === response.status && (status === "404" || status === "413"));
                const isAnswer = answer && mediaType === "application/json" && JSON.stringify(body) === JSON.stringify({ message: answer[1].message });
                return { problems: isAnswer ? [] : [`${method} ${path} matches no operation, and ${response.status} ${response.text} is not API Gateway's 404 or 413`] };
            }
            const where = `${operation.operationId} answered ${response.status}`;
            const documented = operation.responses?.[String(response.status)] as DocumentedResponse | undefined;
            const { operationId } = operation;
            if (!documented) return { operationId, problems: [`${where}, a status its operation does not list (${Object.keys(operation.responses ?? {}).join(", ")})`] };
            const problems: string[] = [];
            if (documented.content) {
                if (!(mediaType in documented.content)) problems.push(`${where} with content-type ${mediaType || "none"}, not ${Object.keys(documented.content).join(" or ")}`);
                if (body === undefined) problems.push(`${where} with a body that is not JSON: ${response.text}`);
                const result = api.validator.validateResponse(body, operation, response.status);
                for (const error of result.errors ?? []) problems.push(`${where}: body${error.instancePath} ${error.message} ${JSON.stringify(error.params)}: ${response.text}`);
            } else if (response.body.length) {
                problems.push(`${where} with a body, where its operation documents none: ${response.text}`);
            }
            for (const [name, header] of Object.entries(documented.headers ?? {})) {
                if (header.required && response.headers[name.toLowerCase()] === undefined) problems.push(`${where} without its required header ${name}`);
            }
            const headers = api.validator.validateResponseHeaders(response.headers, operation, { statusCode: response.status });
            for (const error of headers.errors ?? []) problems.push(`${where}: header ${error.instancePath} ${error.message}`);
            return { operationId, problems };
        },
    };
}

/** Whether `path` fits the OpenAPI path template `template` segment by segment: `{id}` is one non-empty segment. */
function templateMatches(template: string, path: string): boolean {
    const pattern = template
        .split("/")
        .map((segment) => (/^\{[^}]+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("/");
    return new RegExp(`^${pattern}$`).test(path);
}

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return undefined;
    }
}

/** `send` and `postJson` of local-http.ts, each response checked against the contract: one that drifts from it throws. */
export interface CheckedClient {
    send(baseUrl: string, request: SentRequest): Promise<ReceivedResponse>;
    postJson(baseUrl: string, path: string, value: unknown, headers?: Record<string, string>): Promise<ReceivedResponse>;
    /** Every answer checked so far, as `<operationId> <status>` (`gateway <status>` for no operation). */
    checked: Set<string>;
}

export class ContractViolation extends Error {}

/**
 * A client for the local stack at `baseUrl` whose every response must keep the OpenAPI document it serves
 * at /openapi.json (or `document`, for a test of the client itself).
 */
export async function checkedClient(baseUrl: string, document?: unknown): Promise<CheckedClient> {
    const served = await sendTo(baseUrl, { path: openApiPath });
    if (served.status !== 200) throw new Error(`${openApiPath} answered ${served.status}`);
    const contract = await contractOf(document ?? served.json());
    const checked = new Set<string>();
    const check = (method: string, path: string, response: ReceivedResponse) => {
        const { operationId = "gateway", problems } = contract.check(method, path, response);
        if (problems.length) throw new ContractViolation(`the response drifts from the OpenAPI document:\n  ${problems.join("\n  ")}`);
        checked.add(`${operationId} ${response.status}`);
        return response;
    };
    return {
        checked,
        send: async (url, request) => check(request.method ?? "GET", request.path, await sendTo(url, request)),
        postJson: async (url, path, value, headers) => check("POST", path, await postJsonTo(url, path, value, headers)),
    };
}

/**
 * Mocha hook for a suite of useRecordedStack (local-stack-fixture.ts): a checked client for its stack,
 * made once the stack has started; its functions can be taken apart before then.
 */
export function useCheckedClient(local: { stack: { url: string } }): CheckedClient {
    let client: CheckedClient | undefined;
    before(async () => {
        client = await checkedClient(local.stack.url);
    });
    const current = () => {
        if (!client) throw new Error("the checked client is made in a before hook: use it in a test");
        return client;
    };
    return {
        get checked() {
            return current().checked;
        },
        send: (...args) => current().send(...args),
        postJson: (...args) => current().postJson(...args),
    };
}
