/**
 * The building block of bfrsim's time-course figures: lines of tidy rows with units on both axes,
 * each line labelled at its end (no HTML legend, so the SVG stands alone), optional shaded
 * intervals (exercise sets, cuff inflation). Browser-safe.
 */
import * as Plot from "@observablehq/plot";
import type { SeriesRow } from "./series.ts";
import type { FigurePanel } from "./types.ts";

/** An interval to shade, in the panel's time unit. */
export interface ShadedInterval {
  from: number;
  to: number;
}

/** Options of `linePanel`. */
export interface LinePanelOptions {
  /** x-axis label with its unit, e.g. "time from session start (min)". */
  xLabel: string;
  /** y-axis label with its unit, e.g. "PCr (mM)". */
  yLabel: string;
  /** Intervals shaded behind the lines (default none). */
  shade?: readonly ShadedInterval[];
  /** Colour lines by `group` (training arm) instead of by series (default: by series). */
  colourBy?: "series" | "group";
  /** Fixed y domain, in the series' unit (default: from the data). */
  yDomain?: [number, number];
  /**
   * Smallest y span shown, in the series' unit (default 0: none): a flat line stays flat instead
   * of magnifying rounding-level wiggles (e.g. 0.1 for a fold-of-baseline series).
   */
  minSpan?: number;
}

/** Vertical room a line-end label needs, as a fraction of the y span (10 px text in ~190 px). */
const LABEL_GAP = 0.07;

/** The last row of each line (`z` names the line), in first-seen line order. */
export function lastRows(rows: readonly SeriesRow[], z: (r: SeriesRow) => string): SeriesRow[] {
  const last = new Map<string, SeriesRow>();
  for (const r of rows) last.set(z(r), r);
  return [...last.values()];
}

/**
 * Moves line-end labels apart vertically so neighbours are at least `gap` apart (y units),
 * keeping their order by value and their mean position; returns copies with the label's y as `value`.
 */
export function dodgeLabels(labels: readonly SeriesRow[], gap: number): SeriesRow[] {
  const sorted = labels.map((r) => ({ ...r })).sort((a, b) => a.value - b.value);
  if (!(gap > 0) || sorted.length < 2) return sorted;
  const original = sorted.reduce((a, r) => a + r.value, 0) / sorted.length;
  for (let i = 1; i < sorted.length; i++) sorted[i].value = Math.max(sorted[i].value, sorted[i - 1].value + gap);
  const shift = sorted.reduce((a, r) => a + r.value, 0) / sorted.length - original;
  for (const r of sorted) r.value -= shift;
  return sorted;
}

function spanOf(rows: readonly SeriesRow[], domain: [number, number] | undefined): number {
  if (domain) return domain[1] - domain[0];
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) { if (r.value < lo) lo = r.value; if (r.value > hi) hi = r.value; }
  return hi > lo ? hi - lo : 1;
}

/** A line chart panel of `rows` (one line per series or group), labelled at line ends. */
export function linePanel(title: string, rows: readonly SeriesRow[], options: LinePanelOptions): FigurePanel {
  const key = options.colourBy === "group" ? "group" : "series";
  const z = (r: SeriesRow) => (options.colourBy === "group" ? `${r.group ?? ""} ${r.series}` : r.series);
  const lines = new Set(rows.map((r) => r[key] ?? ""));
  const coloured = lines.size > 1;
  const marks: Plot.Markish[] = [];
  if (options.shade?.length) {
    marks.push(Plot.rect(options.shade, { x1: "from", x2: "to", fill: "#000", fillOpacity: 0.07 }));
  }
  marks.push(Plot.lineY(rows, { x: "time", y: "value", z, stroke: coloured ? key : "currentColor", strokeWidth: 1.5 }));
  const yDomain = options.yDomain ?? spanAtLeast(rows, options.minSpan ?? 0) ?? flatDomain(rows);
  if (coloured) {
    const labels = dodgeLabels(lastRows(rows, z), LABEL_GAP * spanOf(rows, yDomain));
    marks.push(Plot.text(labels, { x: "time", y: "value", text: key, fill: key, dx: 4, textAnchor: "start", fontSize: 10 }));
  }
  return {
    title,
    plot: {
      marginLeft: 52,
      marginRight: coloured ? 92 : 16,
      marginBottom: 36,
      x: { label: options.xLabel, labelAnchor: "center", labelArrow: "none" },
      y: { label: options.yLabel, grid: true, labelArrow: "none", domain: yDomain, nice: true },
      color: { type: "categorical", scheme: "tableau10" },
      marks,
    },
  };
}

/** The data's y extent widened symmetrically to at least `minSpan`; undefined (Plot's default) when it already is. */
export function spanAtLeast(rows: readonly SeriesRow[], minSpan: number): [number, number] | undefined {
  if (!(minSpan > 0) || rows.length === 0) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) { if (r.value < lo) lo = r.value; if (r.value > hi) hi = r.value; }
  if (hi - lo >= minSpan) return undefined;
  const mid = (lo + hi) / 2;
  return [mid - minSpan / 2, mid + minSpan / 2];
}

/**
 * A domain around a constant series (Plot would give a zero-width scale with rounding-noise ticks
 * such as "0.000000"): ±5 % of the value, or ±1 around zero; undefined when the data vary.
 */
export function flatDomain(rows: readonly SeriesRow[]): [number, number] | undefined {
  if (rows.length === 0) return undefined;
  const v = rows[0]!.value;
  for (const r of rows) if (r.value !== v) return undefined;
  const half = v !== 0 ? Math.abs(v) * 0.05 : 1;
  return [v - half, v + half];
}
