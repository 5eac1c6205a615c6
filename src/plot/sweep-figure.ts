/**
 * Figures of any sweep's rows: an outcome against one swept variable (curves, one per combination
 * of the other factorial variables) or two (a heatmap on a grid, coloured dots for sampled
 * values). Sweeps over cuff pressure × load use the dose-response panels with the safety envelope.
 * Browser-safe.
 */
import * as Plot from "@observablehq/plot";
import { doseCurvePanel, doseHeatmapPanel } from "./dose-response-figure.ts";
import type { FigurePanel } from "./types.ts";

/** A sweep row as read back: numbers, strings, null for empty cells. */
export type SweepPlotRow = Readonly<Record<string, number | string | null>>;

/** A swept variable on an axis: its column name and whether it takes grid values (factorial) or sampled ones. */
export interface SweepAxis {
  name: string;
  factorial: boolean;
}

/** What to draw: the outcome column, one or two axes, and the names of the other factorial variables (series). */
export interface SweepFigureChoice {
  outcome: string;
  x: SweepAxis;
  y?: SweepAxis;
  /** Other factorial variables with more than one value: each combination is its own curve. */
  series?: readonly string[];
  /** Upper pressure of the safety envelope, %AOP, drawn when the axes are cuff pressure × load. */
  maxPctAop: number;
  /**
   * Axis and legend label of a column, e.g. "programme.adaptation.csaChangePct.final (%)"
   * (`columnLabeller(model)` of src/sweep/units.ts); default the bare column name.
   */
  label?: (column: string) => string;
}

/** The BFR protocol fields the dose-response panels are drawn over. */
export const DOSE_VARIABLES = Object.freeze({ pressure: "protocol.cuff.pressure.pctAop", load: "protocol.intensity.loadPct1Rm" });

interface XyPoint { x: number; y: number; series: string; value: number | null }

const numeric = (v: number | string | null | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The panels of a sweep figure for `choice` over `rows` (failed points, with no value, are left out). */
export function sweepPanels(rows: readonly SweepPlotRow[], choice: SweepFigureChoice): FigurePanel[] {
  const { x, y, outcome } = choice;
  const series = choice.series ?? [];
  const label = choice.label ?? ((column: string) => column);
  const points: XyPoint[] = [];
  for (const r of rows) {
    const xv = numeric(r[x.name]);
    const yv = y ? numeric(r[y.name]) : 0;
    if (xv === null || yv === null) continue;
    points.push({ x: xv, y: yv, series: series.map((s) => `${s}=${r[s]}`).join(", "), value: numeric(r[outcome]) });
  }
  const data = points.filter((p) => p.value !== null);
  if (y && x.factorial && y.factorial && series.length === 0) {
    const pressureLoad = x.name === DOSE_VARIABLES.pressure && y.name === DOSE_VARIABLES.load;
    const loadPressure = x.name === DOSE_VARIABLES.load && y.name === DOSE_VARIABLES.pressure;
    if (pressureLoad || loadPressure) {
      const dose = points.map((p) => ({ pressurePctAop: pressureLoad ? p.x : p.y, loadPct1Rm: pressureLoad ? p.y : p.x, value: p.value }));
      const o = { outcomeLabel: label(outcome), maxPctAop: choice.maxPctAop };
      return [doseHeatmapPanel(dose, o), doseCurvePanel(dose, o)];
    }
  }
  if (!y) return [curvePanel(data, x, outcome, series.length > 0, label)];
  return [heatmapPanel(data, x, y, outcome, x.factorial && y.factorial, label)];
}

/** The outcome against x: a dot per point; lines (one per series) when x takes grid values. */
function curvePanel(data: XyPoint[], x: SweepAxis, outcome: string, bySeries: boolean, label: (column: string) => string): FigurePanel {
  const sorted = [...data].sort((a, b) => a.x - b.x);
  const marks: Plot.Markish[] = [];
  if (x.factorial) marks.push(Plot.line(sorted, { x: "x", y: "value", z: "series", stroke: bySeries ? "series" : "#4e79a7", strokeWidth: 1.5 }));
  marks.push(Plot.dot(sorted, { x: "x", y: "value", fill: bySeries ? "series" : "#4e79a7", r: 3 }));
  // No HTML legend (the SVG stands alone): each series is named at its last point.
  if (bySeries) marks.push(Plot.text(sorted, Plot.selectLast({ x: "x", y: "value", z: "series", text: "series", fill: "series", dx: 6, textAnchor: "start", fontSize: 10 })));
  return {
    title: `${outcome} against ${x.name}`,
    plot: {
      marginLeft: 56,
      marginRight: bySeries ? 90 : 20,
      marginBottom: 40,
      x: { label: label(x.name), labelAnchor: "center", labelArrow: "none" },
      y: { label: label(outcome), grid: true, labelArrow: "none" },
      color: bySeries ? { type: "categorical", scheme: "tableau10" } : undefined,
      marks,
    },
  };
}

/** The outcome over x × y: one cell per grid point (value written in it), or a coloured dot per sampled point. */
function heatmapPanel(data: XyPoint[], x: SweepAxis, y: SweepAxis, outcome: string, grid: boolean, label: (column: string) => string): FigurePanel {
  const marks: Plot.Markish[] = grid
    ? [
      Plot.cell(data, { x: "x", y: "y", fill: "value", inset: 0.5 }),
      Plot.text(data, { x: "x", y: "y", text: (p: XyPoint) => formatValue(p.value!), fill: "white", stroke: "black", strokeWidth: 2, paintOrder: "stroke", fontSize: 10 }),
    ]
    : [Plot.dot(data, { x: "x", y: "y", fill: "value", r: 4 })];
  // No HTML legend: the colour range is stated in the title.
  const values = data.map((p) => p.value!);
  const range = values.length ? ` (colour ${formatValue(Math.min(...values))} → ${formatValue(Math.max(...values))}, viridis)` : "";
  return {
    // the outcome's unit (if any) in the title too: the colour range is read there
    title: `${label(outcome)} over ${x.name} × ${y.name}${range}`,
    plot: {
      marginLeft: 56,
      marginBottom: 40,
      x: { type: grid ? "band" : "linear", label: label(x.name), labelAnchor: "center", labelArrow: "none" },
      y: { type: grid ? "band" : "linear", label: label(y.name), labelArrow: "none", reverse: grid },
      color: { type: "linear", scheme: "viridis", label: label(outcome) },
      marks,
    },
  };
}

function formatValue(v: number): string {
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toPrecision(3);
}
