import { median, ratio } from "../lib/stats";
import { bytes, Table, times } from "../lib/table";
import type { BuiltBundle } from "../lib/variants";

/** Per function: raw and zipped bytes of ours and of each variant, with the ratio to ours. */
export function bundleSizeTable(ours: readonly BuiltBundle[], variants: readonly (readonly BuiltBundle[])[]): Table {
    const rows = ours.flatMap((mine) => [
        [mine.route.name, mine.variant.label, bytes(mine.bytes), bytes(mine.zippedBytes), "x1.00", "x1.00"],
        ...variants.map((built) => {
            const other = built.find((b) => b.route === mine.route)!;
            return [
                "",
                other.variant.label,
                bytes(other.bytes),
                bytes(other.zippedBytes),
                times(ratio(other.bytes, mine.bytes)),
                times(ratio(other.zippedBytes, mine.zippedBytes)),
            ];
        }),
    ]);
    return {
        title: "Bundle size per function",
        headers: ["function", "variant", "raw", "zipped", "raw vs ours", "zipped vs ours"],
        rows,
        notes: [
            "raw: the bundle's index.mjs; zipped: the one-file zip Lambda receives (deflate, zlib default level).",
            "The monolith is one bundle for all routes: every function row shows that same bundle.",
        ],
    };
}

/** Median over the functions of variant / ours, for the summary table. */
export function bundleSizeRatios(ours: readonly BuiltBundle[], built: readonly BuiltBundle[], zipped: boolean): number {
    return median(
        ours.map((mine) => {
            const other = built.find((b) => b.route === mine.route)!;
            return zipped ? other.zippedBytes / mine.zippedBytes : other.bytes / mine.bytes;
        }),
    );
}
