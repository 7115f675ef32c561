import * as assert from "assert";
import { dynamodbResourceArn, lambdaAssumeRolePolicy, routeRolePolicy, routeSourceArn } from "../../components/iam";
import { routes } from "../../components/routes";

const tableArn = "arn:aws:dynamodb:eu-west-1:123456789012:table/events";
const indexArn = `${tableArn}/index/events-by-created-at`;
const logGroupArn = "arn:aws:logs:eu-west-1:123456789012:log-group:list-events";

/** Each route's DynamoDB grant, written out: what its handler calls (test/handlers/dynamodb-actions.test.ts) and nothing more. */
const expectedTableAccess: Record<string, [string, string[]][]> = {
    "list-events": [["dynamodb:Query", [indexArn]]],
    "create-event": [
        ["dynamodb:PutItem", [tableArn]],
        ["dynamodb:GetItem", [tableArn]],
    ],
    "get-event": [["dynamodb:GetItem", [tableArn]]],
    "delete-event": [
        ["dynamodb:DeleteItem", [tableArn]],
        ["dynamodb:PutItem", [tableArn]],
    ],
};

describe("IAM documents", () => {
    it("lets only Lambda assume a function role", () => {
        assert.deepStrictEqual(lambdaAssumeRolePolicy.Statement, [
            { Effect: "Allow", Action: ["sts:AssumeRole"], Principal: { Service: "lambda.amazonaws.com" } },
        ]);
    });

    it("scopes index routes to the listing index and the others to the table", () => {
        assert.strictEqual(dynamodbResourceArn(tableArn, { target: "index" }), indexArn);
        assert.strictEqual(dynamodbResourceArn(tableArn, { target: "table" }), tableArn);
    });

    it("has an expected grant for every route of the route table", () => {
        assert.deepStrictEqual(Object.keys(expectedTableAccess), routes.map((route) => route.name));
    });

    for (const route of routes) {
        it(`allows ${route.name} its table actions, its own logs and X-Ray writes, and nothing else`, () => {
            const policy = routeRolePolicy({ route, tableArn, logGroupArn });
            const byAction = policy.Statement.flatMap((s) => s.Action.map((action) => [action, s.Resource]));
            assert.deepStrictEqual(byAction, [
                ...expectedTableAccess[route.name],
                ["logs:CreateLogStream", [`${logGroupArn}:*`]],
                ["logs:PutLogEvents", [`${logGroupArn}:*`]],
                ["xray:PutTraceSegments", ["*"]],
                ["xray:PutTelemetryRecords", ["*"]],
            ]);
            assert.ok(policy.Statement.every((s) => s.Effect === "Allow"));
        });
    }

    it("scopes an invoke permission to one method and path template of the API, on any stage", () => {
        const executionArn = "arn:aws:execute-api:eu-west-1:123456789012:abc123";
        assert.strictEqual(
            routeSourceArn(executionArn, { method: "DELETE", path: "/events/{id}" }),
            `${executionArn}/*/DELETE/events/{id}`,
        );
    });
});
