/**
 * Tables printed as aligned GitHub markdown, so the same text reads well in a terminal and pastes
 * into docs/ unchanged.
 */

export type Cell = string | number;

export interface Table {
    title: string;
    headers: readonly string[];
    rows: readonly (readonly Cell[])[];
    /** Lines printed under the table: units, spread definition, which Node ran it. */
    notes?: readonly string[];
}

const isNumeric = (cell: string) => /^[-+x~$]?[\d.,]+( ?(ms|B|KB|MB|%|x))?$/.test(cell);

export function formatTable(table: Table): string {
    const width = table.headers.length;
    table.rows.forEach((row, index) => {
        if (row.length !== width) {
            throw new Error(`table "${table.title}": row ${index + 1} has ${row.length} cells, expected ${width}`);
        }
    });
    const text = table.rows.map((row) => row.map(String));
    const widths = table.headers.map((header, column) =>
        Math.max(3, header.length, ...text.map((row) => row[column].length)),
    );
    // A column whose every cell is a number is right-aligned, like a spreadsheet.
    const numeric = table.headers.map((_, column) => text.length > 0 && text.every((row) => isNumeric(row[column])));
    const line = (cells: readonly string[]) =>
        `| ${cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(" | ")} |`;
    const rule = `|${widths.map((w, c) => (numeric[c] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
    const lines = [`### ${table.title}`, "", line(table.headers), rule, ...text.map(line)];
    if (table.notes && table.notes.length > 0) lines.push("", ...table.notes);
    return lines.join("\n");
}

/** Milliseconds with one decimal: `12.3 ms`. */
export function ms(value: number): string {
    return `${value.toFixed(1)} ms`;
}

/** Median and spread: `12.3 ms (11.9-13.0)`. */
export function msSpread(median: number, low: number, high: number): string {
    return `${median.toFixed(1)} ms (${low.toFixed(1)}-${high.toFixed(1)})`;
}

/** Bytes with thousands separators: `4,321 B`. */
export function bytes(value: number): string {
    return `${Math.round(value).toLocaleString("en-US")} B`;
}

/** A ratio to this project: `x1.00`, `x123`; `-` when there is none. */
export function times(value: number | undefined): string {
    if (value === undefined || !Number.isFinite(value)) return "-";
    return value >= 100 ? `x${Math.round(value)}` : `x${value.toFixed(2)}`;
}

/** US dollars with enough digits for per-million-request costs: `$1.2345`. */
export function usd(value: number): string {
    return `$${value.toFixed(4)}`;
}
