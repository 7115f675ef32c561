import * as assert from "assert";
import { bytes, formatTable, ms, msSpread, times, usd } from "../../bench/lib/table";

describe("bench tables", () => {
    it("prints an aligned markdown table with numbers right-aligned and notes below", () => {
        const text = formatTable({
            title: "Bundle size",
            headers: ["function", "raw"],
            rows: [["get-event", bytes(1234)], ["list", bytes(98765)]],
            notes: ["raw: minified bytes"],
        });
        assert.strictEqual(
            text,
            [
                "### Bundle size",
                "",
                "| function  |      raw |",
                "|-----------|---------:|",
                "| get-event |  1,234 B |",
                "| list      | 98,765 B |",
                "",
                "raw: minified bytes",
            ].join("\n"),
        );
    });

    it("rejects a row with the wrong number of cells, naming the table", () => {
        assert.throws(() => formatTable({ title: "Cold start", headers: ["a", "b"], rows: [["1"]] }), /"Cold start": row 1 has 1 cells, expected 2/);
    });

    it("formats milliseconds, spreads, ratios and dollars", () => {
        assert.strictEqual(ms(12.345), "12.3 ms");
        assert.strictEqual(msSpread(12.34, 11.86, 13.04), "12.3 ms (11.9-13.0)");
        assert.strictEqual(times(1), "x1.00");
        assert.strictEqual(times(123.4), "x123");
        assert.strictEqual(times(undefined), "-");
        assert.strictEqual(usd(0.2000012), "$0.2000");
    });
});
