/**
 * A small SVG line-chart writer: panels stacked one above the other over one categorical x axis (one
 * band per category, as Power Tuning's visualisation puts each power value), a linear y axis per panel
 * (from 0 unless told otherwise), one line per series, marks on chosen points and a legend. No browser, no dependency.
 */

export type MarkShape = "ring" | "square" | "diamond";

export interface Series {
    name: string;
    color: string;
    /** One value per x category; undefined where there is none. */
    values: readonly (number | undefined)[];
    /** Points drawn with a mark: the category index and the mark's shape. */
    marks?: readonly { index: number; shape: MarkShape }[];
}

export interface Panel {
    title: string;
    /** The y axis label, with its unit. */
    yLabel: string;
    /** How a y tick reads, without the unit (default: the number, `0.25`, `100`). */
    yTick?: (value: number) => string;
    /** false: the y axis starts at the step below the lowest value instead of at 0. */
    fromZero?: boolean;
    series: readonly Series[];
}

export interface ChartSpec {
    title: string;
    subtitle?: string;
    xLabel: string;
    xCategories: readonly string[];
    panels: readonly Panel[];
    /** What each mark shape means, for the legend. */
    markLegend?: readonly { shape: MarkShape; label: string }[];
}

/** Layout in SVG user units (px). */
export const layout = {
    width: 960,
    headerHeight: 64,
    panelHeight: 300,
    /** Inside a panel: its title above the plot area, tick labels and the x label below it. */
    panelTop: 36,
    panelBottom: 56,
    plotLeft: 90,
    /** Room on the right for the legend. */
    plotRight: 220,
    legendRow: 20,
} as const;

const escape = (text: string) =>
    text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** Rounds to 0.01 px so the text stays short and stable. */
const px = (value: number) => String(Math.round(value * 100) / 100);

/**
 * Ticks in steps of 1, 2 or 5 x 10^k, about `count` of them, from `min` rounded down to a step (0 stays 0)
 * to at or above `max`.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
    if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && max >= min)) {
        throw new Error(`axis range must be finite numbers with 0 <= min <= max, got ${min}..${max}`);
    }
    if (max === 0) return [0, 1];
    const rough = (max - min || max) / count;
    const magnitude = 10 ** Math.floor(Math.log10(rough));
    const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
    const first = Math.floor(min / step + 1e-9);
    const last = Math.max(first + 1, Math.ceil(max / step - 1e-9));
    // Multiplying each index avoids the drift of adding 0.1 repeatedly.
    return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

function markSvg(shape: MarkShape, x: number, y: number, color: string): string {
    const stroke = `fill="none" stroke="${color}" stroke-width="2"`;
    if (shape === "ring") return `<circle class="mark" data-shape="ring" cx="${px(x)}" cy="${px(y)}" r="8" ${stroke}/>`;
    if (shape === "square") return `<rect class="mark" data-shape="square" x="${px(x - 11)}" y="${px(y - 11)}" width="22" height="22" ${stroke}/>`;
    const d = 15;
    return `<polygon class="mark" data-shape="diamond" points="${px(x)},${px(y - d)} ${px(x + d)},${px(y)} ${px(x)},${px(y + d)} ${px(x - d)},${px(y)}" ${stroke}/>`;
}

function panelSvg(spec: ChartSpec, panel: Panel, top: number): string {
    const plotTop = top + layout.panelTop;
    const plotBottom = top + layout.panelHeight - layout.panelBottom;
    const plotWidth = layout.width - layout.plotLeft - layout.plotRight;
    const bands = spec.xCategories.length;
    const x = (index: number) => layout.plotLeft + ((index + 0.5) * plotWidth) / bands;
    const values = panel.series.flatMap((s) => s.values.filter((v): v is number => v !== undefined));
    const ticks = niceTicks(panel.fromZero === false ? Math.min(...values) : 0, Math.max(0, ...values));
    const [yMin, yMax] = [ticks[0], ticks[ticks.length - 1]];
    const y = (value: number) => plotBottom - ((value - yMin) / (yMax - yMin)) * (plotBottom - plotTop);
    const right = layout.plotLeft + plotWidth;
    const out = [`<g class="panel" data-title="${escape(panel.title)}">`];
    out.push(`<text class="panel-title" x="${layout.plotLeft}" y="${px(top + 22)}" font-size="15" font-weight="bold">${escape(panel.title)}</text>`);
    for (const tick of ticks) {
        out.push(`<line class="grid" x1="${layout.plotLeft}" y1="${px(y(tick))}" x2="${px(right)}" y2="${px(y(tick))}" stroke="#e0e0e0"/>`);
        out.push(`<text class="y-tick" x="${layout.plotLeft - 8}" y="${px(y(tick) + 4)}" text-anchor="end" font-size="12">${escape((panel.yTick ?? String)(tick))}</text>`);
    }
    spec.xCategories.forEach((category, index) => {
        out.push(`<line x1="${px(x(index))}" y1="${px(plotBottom)}" x2="${px(x(index))}" y2="${px(plotBottom + 5)}" stroke="#333"/>`);
        out.push(`<text class="x-tick" x="${px(x(index))}" y="${px(plotBottom + 20)}" text-anchor="middle" font-size="12">${escape(category)}</text>`);
    });
    out.push(`<line class="axis" x1="${layout.plotLeft}" y1="${px(plotBottom)}" x2="${px(right)}" y2="${px(plotBottom)}" stroke="#333"/>`);
    out.push(`<line class="axis" x1="${layout.plotLeft}" y1="${px(plotTop)}" x2="${layout.plotLeft}" y2="${px(plotBottom)}" stroke="#333"/>`);
    out.push(`<text class="x-label" x="${px(layout.plotLeft + plotWidth / 2)}" y="${px(plotBottom + 42)}" text-anchor="middle" font-size="13">${escape(spec.xLabel)}</text>`);
    const midY = (plotTop + plotBottom) / 2;
    out.push(`<text class="y-label" x="20" y="${px(midY)}" text-anchor="middle" font-size="13" transform="rotate(-90 20 ${px(midY)})">${escape(panel.yLabel)}</text>`);
    for (const series of panel.series) {
        const points = series.values.flatMap((value, index) => (value === undefined ? [] : [{ index, cx: x(index), cy: y(value) }]));
        out.push(`<g class="series" data-series="${escape(series.name)}">`);
        out.push(`<polyline points="${points.map((p) => `${px(p.cx)},${px(p.cy)}`).join(" ")}" fill="none" stroke="${series.color}" stroke-width="2"/>`);
        for (const p of points) out.push(`<circle class="point" data-index="${p.index}" cx="${px(p.cx)}" cy="${px(p.cy)}" r="3.5" fill="${series.color}"/>`);
        for (const mark of series.marks ?? []) {
            const point = points.find((p) => p.index === mark.index);
            if (point) out.push(markSvg(mark.shape, point.cx, point.cy, series.color));
        }
        out.push("</g>");
    }
    out.push("</g>");
    return out.join("\n");
}

function legendSvg(spec: ChartSpec): string {
    const left = layout.width - layout.plotRight + 24;
    let row = layout.headerHeight + layout.panelTop;
    const out = [`<g class="legend">`];
    const names = [...new Map(spec.panels.flatMap((p) => p.series.map((s) => [s.name, s.color] as const))).entries()];
    for (const [name, color] of names) {
        out.push(`<line x1="${left}" y1="${row - 4}" x2="${left + 24}" y2="${row - 4}" stroke="${color}" stroke-width="3"/>`);
        out.push(`<text class="legend-entry" x="${left + 32}" y="${row}" font-size="13">${escape(name)}</text>`);
        row += layout.legendRow;
    }
    row += layout.legendRow / 2;
    for (const { shape, label } of spec.markLegend ?? []) {
        out.push(markSvg(shape, left + 12, row - 4, "#333"));
        out.push(`<text class="legend-entry" x="${left + 32}" y="${row}" font-size="13">${escape(label)}</text>`);
        row += layout.legendRow + 8;
    }
    out.push("</g>");
    return out.join("\n");
}

/** The chart as a standalone SVG document. */
export function chartSvg(spec: ChartSpec): string {
    if (spec.xCategories.length === 0) throw new Error(`chart "${spec.title}": no x categories`);
    for (const panel of spec.panels) {
        for (const series of panel.series) {
            if (series.values.length !== spec.xCategories.length) {
                throw new Error(`chart "${spec.title}", panel "${panel.title}": series "${series.name}" has ${series.values.length} values for ${spec.xCategories.length} categories`);
            }
        }
    }
    const height = layout.headerHeight + spec.panels.length * layout.panelHeight;
    return [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${height}" viewBox="0 0 ${layout.width} ${height}" font-family="sans-serif">`,
        `<rect width="100%" height="100%" fill="#fff"/>`,
        `<text class="title" x="${layout.plotLeft}" y="28" font-size="18" font-weight="bold">${escape(spec.title)}</text>`,
        ...(spec.subtitle ? [`<text class="subtitle" x="${layout.plotLeft}" y="50" font-size="13" fill="#555">${escape(spec.subtitle)}</text>`] : []),
        ...spec.panels.map((panel, index) => panelSvg(spec, panel, layout.headerHeight + index * layout.panelHeight)),
        legendSvg(spec),
        `</svg>`,
        "",
    ].join("\n");
}
