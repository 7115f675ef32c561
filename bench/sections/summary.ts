import type { RouteDefinition } from "../../components/routes";
import type { ColdStartSample } from "../lib/cold-start";
import { median } from "../lib/stats";
import { Table, times } from "../lib/table";
import type { BuiltBundle, Variant } from "../lib/variants";
import { bundleSizeRatios } from "./bundle-size";
import { cellKey, coldFigureLabels, ColdFigure, coldMedian } from "./cold-start-report";

/** Ratios variant / ours for every figure, each the median over the four functions. */
export function summaryTable(
    table: readonly RouteDefinition[],
    ours: Variant,
    others: readonly Variant[],
    bundles: ReadonlyMap<string, BuiltBundle[]>,
    cold: ReadonlyMap<string, ColdStartSample[]>,
): Table {
    const coldRatio = (variant: Variant, figure: ColdFigure) =>
        median(table.map((route) => coldMedian(cold.get(cellKey(variant, route))!, figure) / coldMedian(cold.get(cellKey(ours, route))!, figure)));
    const figures: [string, (variant: Variant) => number][] = [
        ["bundle size, raw", (v) => bundleSizeRatios(bundles.get(ours.id)!, bundles.get(v.id)!, false)],
        ["bundle size, zipped", (v) => bundleSizeRatios(bundles.get(ours.id)!, bundles.get(v.id)!, true)],
        ...(["initMs", "firstInvocationMs", "totalMs"] as const).map(
            (figure) => [coldFigureLabels[figure], (v: Variant) => coldRatio(v, figure)] as [string, (variant: Variant) => number],
        ),
    ];
    return {
        title: "Summary: each naive variant, and the same handlers on aws-lite, relative to this project",
        headers: ["figure", ...others.map((v) => v.label)],
        rows: figures.map(([label, ratioOf]) => [label, ...others.map((v) => times(ratioOf(v)))]),
        notes: ["variant / this project, median over the four functions of the ratio of medians: above x1.00 the variant is bigger or slower."],
    };
}
