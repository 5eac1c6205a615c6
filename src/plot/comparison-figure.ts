/**
 * Simulated vs observed for published trials: one dot per compared outcome, the observed value's
 * reported CI (or ±1 SD) as a horizontal bar, the identity line and an agreement band of ± a
 * chosen number of percentage points. Takes src/trials' comparisonPlotData table. Browser-safe.
 */
import * as Plot from "@observablehq/plot";
import type { ComparisonPlotData, ComparisonPlotPoint } from "../trials/comparison-plot.ts";
import type { FigurePanel } from "./types.ts";

/** Most points that get a text label. */
const LABEL_LIMIT = 12;

/** Options of `comparisonPanel`. */
export interface ComparisonPanelOptions {
  /** Half-width of the agreement band around identity, in the points' unit (default 5). */
  bandHalfWidth?: number;
  /** Axis unit label (default "% change from baseline"). */
  unitLabel?: string;
}

/** The predicted-vs-observed panel; points outside the band are drawn hollow. */
export function comparisonPanel(data: Pick<ComparisonPlotData, "points" | "identity">, options: ComparisonPanelOptions = {}): FigurePanel {
  const band = options.bandHalfWidth ?? 5;
  const unit = options.unitLabel ?? "% change from baseline";
  const [lo, hi] = data.identity;
  const inBand = (p: ComparisonPlotPoint) => Math.abs(p.simulated - p.observed) <= band;
  const withBars = data.points.filter((p) => p.observedLow !== null && p.observedHigh !== null);
  return {
    title: "Simulated vs observed",
    plot: {
      marginLeft: 56,
      marginBottom: 40,
      x: { label: `observed (${unit})`, domain: [lo, hi], labelAnchor: "center", labelArrow: "none" },
      y: { label: `simulated (${unit})`, domain: [lo, hi], grid: true, labelArrow: "none" },
      color: { type: "categorical", scheme: "tableau10" },
      marks: [
        Plot.areaY([lo, hi], { x: (v: number) => v, y1: (v: number) => v - band, y2: (v: number) => v + band, fill: "#2ca02c", fillOpacity: 0.12 }),
        Plot.line([lo, hi], { x: (v: number) => v, y: (v: number) => v, stroke: "#555", strokeDasharray: "4,3" }),
        Plot.ruleY(withBars, { y: "simulated", x1: "observedLow", x2: "observedHigh", stroke: "study", strokeOpacity: 0.7 }),
        Plot.dot(data.points.filter(inBand), { x: "observed", y: "simulated", fill: "study", r: 4 }),
        Plot.dot(data.points.filter((p) => !inBand(p)), { x: "observed", y: "simulated", stroke: "study", strokeWidth: 1.5, r: 4 }),
        // Labels only when they can be read (one study, or a few points); the table names the rest.
        ...(data.points.length <= LABEL_LIMIT
          ? [Plot.text(data.points, { x: "observed", y: "simulated", text: (p: ComparisonPlotPoint) => `${p.study} ${p.arm} ${p.outcome}`, dx: 6, textAnchor: "start", fontSize: 9, fill: "#555" })]
          : []),
      ],
    },
  };
}
