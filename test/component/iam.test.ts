import * as assert from "assert";
import { dynamodbResourceArn, lambdaAssumeRolePolicy, routeRolePolicy } from "../../components/iam";
import { routeSourceArn } from "../../components/route-integration";
import { routes } from "../../components/routes";

const tableArn = "arn:aws:dynamodb:eu-west-1:123456789012:table/events";
const logGroupArn = "arn:aws:logs:eu-west-1:123456789012:log-group:list-events";

describe("IAM documents", () => {
    it("lets only Lambda assume a function role", () => {
        assert.deepStrictEqual(lambdaAssumeRolePolicy.Statement, [
            { Effect: "Allow", Action: ["sts:AssumeRole"], Principal: { Service: "lambda.amazonaws.com" } },
        ]);
    });

    it("scopes index routes to the listing index and the others to the table", () => {
        assert.strictEqual(dynamodbResourceArn(tableArn, { target: "index" }), `${tableArn}/index/events-by-created-at`);
        assert.strictEqual(dynamodbResourceArn(tableArn, { target: "table" }), tableArn);
    });

    for (const route of routes) {
        it(`allows ${route.name} exactly ${route.dynamodbActions.join(", ")}, its own logs and X-Ray writes`, () => {
            const policy = routeRolePolicy({ route, tableArn, logGroupArn });
            const byAction = policy.Statement.flatMap((s) => s.Action.map((action) => [action, s.Resource]));
            assert.deepStrictEqual(byAction, [
                ...route.dynamodbActions.map((action) => [action, [dynamodbResourceArn(tableArn, route)]]),
                ["logs:CreateLogStream", [`${logGroupArn}:*`]],
                ["logs:PutLogEvents", [`${logGroupArn}:*`]],
                ["xray:PutTraceSegments", ["*"]],
                ["xray:PutTelemetryRecords", ["*"]],
            ]);
            assert.ok(policy.Statement.every((s) => s.Effect === "Allow" && s.Action.every((a) => !a.includes("*"))));
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
