import * as assert from "assert";
import { restingCost } from "../tools/fixed-monthly-cost";
import { stackResources } from "./support/stack-resources";

describe("the fixed monthly cost of each stack at rest", function () {
    this.timeout(60_000);
    // docs/deploying.md's table is generated from the same count (tools/docs-blocks.ts, test/generated-docs.test.ts).
    for (const [stack, expected] of [
        ["dev", { alarms: 15, alarmMetrics: 19, dashboards: 1, provisionedGb: 0, total: "4.90" }],
        ["prod", { alarms: 15, alarmMetrics: 19, dashboards: 1, provisionedGb: 2, total: "22.42" }],
    ] as const) {
        it(`${stack}: counts the alarms, alarm metrics, dashboards and provisioned GB it declares, and their monthly total`, async () => {
            const cost = restingCost(await stackResources(stack));
            assert.deepStrictEqual(
                { alarms: cost.alarms, alarmMetrics: cost.alarmMetrics, dashboards: cost.dashboards, provisionedGb: cost.provisionedGb, total: cost.usd.total.toFixed(2) },
                expected,
            );
        });
    }
});
