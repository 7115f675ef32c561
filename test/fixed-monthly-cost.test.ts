import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { restingCost } from "../tools/fixed-monthly-cost";
import { projectRoot } from "../tools/mock-program";
import { stackResources } from "./support/stack-resources";

describe("the fixed monthly cost of each stack at rest", function () {
    this.timeout(60_000);
    const page = fs.readFileSync(path.join(projectRoot, "docs", "deploying.md"), "utf8");

    for (const [stack, expected, line] of [
        ["dev", { alarms: 15, alarmMetrics: 19, dashboards: 1, provisionedGb: 0, total: "4.90" }, "| dev | 15 alarms over 19 metrics: $1.90 | $3.00 | none: $0 | $4.90 |"],
        ["prod", { alarms: 15, alarmMetrics: 19, dashboards: 1, provisionedGb: 2, total: "22.42" }, "| prod | 15 alarms over 19 metrics: $1.90 | $3.00 | 4 environments x 512 MB: $17.52 | $22.42 |"],
    ] as const) {
        it(`is what docs/deploying.md says for ${stack}, counted from the resources it declares`, async () => {
            const cost = restingCost(await stackResources(stack));
            assert.deepStrictEqual(
                { alarms: cost.alarms, alarmMetrics: cost.alarmMetrics, dashboards: cost.dashboards, provisionedGb: cost.provisionedGb, total: cost.usd.total.toFixed(2) },
                expected,
            );
            assert.ok(page.includes(line), `the cost table of docs/deploying.md lacks: ${line}`);
        });
    }
});
