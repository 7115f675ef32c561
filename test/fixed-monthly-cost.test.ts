import * as assert from "assert";
import { restingCost } from "../tools/fixed-monthly-cost";
import { stackResources } from "./support/stack-resources";

describe("the fixed monthly cost of each stack at rest", function () {
    this.timeout(60_000);
    // docs/deploying.md's table is generated from the same count (tools/docs-blocks.ts, test/generated-docs.test.ts).
    for (const [stack, expected] of [
        ["dev", { alarms: 15, alarmMetrics: 19, dashboards: 1, provisioned: [], provisionedGb: 0, total: "4.90" }],
        // 2 list-events and 2 get-event environments, all at 1024 MB: 4 GB x 2,628,000 s x $0.0000033334
        // = $35.04 + 19 alarm metrics x $0.10 + one dashboard $3 = $39.94.
        [
            "prod",
            {
                alarms: 15,
                alarmMetrics: 19,
                dashboards: 1,
                provisioned: [
                    { environments: 2, memoryMb: 1024 },
                    { environments: 2, memoryMb: 1024 },
                ],
                provisionedGb: 4,
                total: "39.94",
            },
        ],
    ] as const) {
        it(`${stack}: counts the alarms, alarm metrics, dashboards and provisioned environments (each at its function's memory) it declares, and their monthly total`, async () => {
            const cost = restingCost(await stackResources(stack));
            assert.deepStrictEqual(
                { alarms: cost.alarms, alarmMetrics: cost.alarmMetrics, dashboards: cost.dashboards, provisioned: cost.provisioned, provisionedGb: cost.provisionedGb, total: cost.usd.total.toFixed(2) },
                expected,
            );
        });
    }
});
