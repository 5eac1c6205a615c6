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
  if (coloured) {
    marks.push(Plot.text(rows, Plot.selectLast({
      x: "time", y: "value", z, text: key, fill: key, dx: 4, textAnchor: "start", fontSize: 10,
    })));
  }
  return {
    title,
    plot: {
      marginLeft: 52,
      marginRight: coloured ? 92 : 16,
      marginBottom: 36,
      x: { label: options.xLabel, labelAnchor: "center", labelArrow: "none" },
      y: { label: options.yLabel, grid: true, labelArrow: "none", domain: options.yDomain ?? spanAtLeast(rows, options.minSpan ?? 0), nice: true },
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
