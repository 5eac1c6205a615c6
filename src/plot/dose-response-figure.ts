/**
 * Dose-response figures from sweep rows over cuff pressure × load (× frequency): a heatmap of an
 * outcome and its curves against pressure, one per load, with the safety envelope drawn (the
 * review's older-adult pressure limit). Browser-safe.
 */
import * as Plot from "@observablehq/plot";
import type { FigurePanel } from "./types.ts";

/** One sweep point: the dose and the outcome value (null when the point failed). */
export interface DosePoint {
  pressurePctAop: number;
  loadPct1Rm: number;
  value: number | null;
}

/** Options of the dose-response panels. */
export interface DoseResponseOptions {
  /** Outcome label with unit, e.g. "muscle CSA change (%)". */
  outcomeLabel: string;
  /** Upper pressure of the safety envelope, %AOP (cells above it are outlined, the curve region shaded). */
  maxPctAop: number;
}

/** Heatmap of the outcome over pressure (x) × load (y); cells outside the envelope outlined in red. */
export function doseHeatmapPanel(points: readonly DosePoint[], o: DoseResponseOptions): FigurePanel {
  const data = points.filter((p) => p.value !== null && Number.isFinite(p.value));
  const outside = data.filter((p) => p.pressurePctAop > o.maxPctAop);
  return {
    title: `Heatmap: ${o.outcomeLabel}`,
    plot: {
      marginLeft: 56,
      marginBottom: 40,
      x: { type: "band", label: "cuff pressure (% AOP)", labelAnchor: "center", labelArrow: "none" },
      y: { type: "band", label: "load (% 1RM)", labelArrow: "none", reverse: true },
      color: { type: "linear", scheme: "viridis", label: o.outcomeLabel },
      marks: [
        Plot.cell(data, { x: "pressurePctAop", y: "loadPct1Rm", fill: "value", inset: 0.5 }),
        Plot.text(data, { x: "pressurePctAop", y: "loadPct1Rm", text: (p: DosePoint) => formatValue(p.value!), fill: "white", stroke: "black", strokeWidth: 2, paintOrder: "stroke", fontSize: 10 }),
        Plot.cell(outside, { x: "pressurePctAop", y: "loadPct1Rm", fill: "none", stroke: "#d62728", strokeWidth: 2, inset: 1.5 }),
      ],
    },
  };
}

/** Curves of the outcome against pressure, one per load; the region above the envelope shaded. */
export function doseCurvePanel(points: readonly DosePoint[], o: DoseResponseOptions): FigurePanel {
  const data = points
    .filter((p) => p.value !== null && Number.isFinite(p.value))
    .map((p) => ({ ...p, load: `${p.loadPct1Rm} %1RM` }))
    .sort((a, b) => a.pressurePctAop - b.pressurePctAop);
  const maxP = Math.max(o.maxPctAop, ...data.map((p) => p.pressurePctAop));
  const marks: Plot.Markish[] = [];
  if (maxP > o.maxPctAop) {
    marks.push(Plot.rect([{ x1: o.maxPctAop, x2: maxP }], { x1: "x1", x2: "x2", fill: "#d62728", fillOpacity: 0.08 }));
    marks.push(Plot.text([{ x: o.maxPctAop }], { x: "x", frameAnchor: "bottom", dx: -4, dy: -6, textAnchor: "end", text: () => "older-adult limit →", fill: "#d62728", fontSize: 10 }));
  }
  marks.push(
    Plot.ruleX([o.maxPctAop], { stroke: "#d62728", strokeDasharray: "4,3" }),
    Plot.line(data, { x: "pressurePctAop", y: "value", z: "load", stroke: "load", strokeWidth: 1.5 }),
    Plot.dot(data, { x: "pressurePctAop", y: "value", fill: "load", r: 3 }),
    Plot.text(data, Plot.selectLast({ x: "pressurePctAop", y: "value", z: "load", text: "load", fill: "load", dx: 6, textAnchor: "start", fontSize: 10 })),
  );
  return {
    title: `Dose-response: ${o.outcomeLabel}`,
    plot: {
      marginLeft: 56,
      marginRight: 70,
      marginBottom: 40,
      x: { label: "cuff pressure (% AOP)", labelAnchor: "center", labelArrow: "none" },
      y: { label: o.outcomeLabel, grid: true, labelArrow: "none" },
      color: { type: "categorical", scheme: "tableau10" },
      marks,
    },
  };
}

/** A sweep point with its weekly frequency. */
export interface FrequencyPoint extends DosePoint {
  sessionsPerWeek: number;
}

/** The outcome against sessions per week, one line per cuff pressure (pressures above the envelope dashed). */
export function doseFrequencyPanel(points: readonly FrequencyPoint[], o: DoseResponseOptions): FigurePanel {
  const data = points
    .filter((p) => p.value !== null && Number.isFinite(p.value))
    .map((p) => ({ ...p, pressure: `${p.pressurePctAop} %AOP`, outside: p.pressurePctAop > o.maxPctAop }))
    .sort((a, b) => a.pressurePctAop - b.pressurePctAop || a.sessionsPerWeek - b.sessionsPerWeek);
  const line = (rows: typeof data, dashed: boolean) =>
    Plot.line(rows, { x: "sessionsPerWeek", y: "value", z: "pressure", stroke: "pressure", strokeWidth: 1.5, strokeDasharray: dashed ? "4,3" : undefined });
  return {
    title: `By frequency: ${o.outcomeLabel}`,
    plot: {
      marginLeft: 56,
      marginRight: 80,
      marginBottom: 40,
      x: { label: "sessions per week", ticks: [...new Set(data.map((p) => p.sessionsPerWeek))], tickFormat: "d", labelAnchor: "center", labelArrow: "none" },
      y: { label: o.outcomeLabel, grid: true, labelArrow: "none" },
      color: { type: "categorical", scheme: "tableau10", domain: [...new Set(data.map((p) => p.pressure))] },
      marks: [
        line(data.filter((p) => !p.outside), false),
        line(data.filter((p) => p.outside), true),
        Plot.dot(data, { x: "sessionsPerWeek", y: "value", fill: "pressure", r: 3 }),
        Plot.text(data, Plot.selectLast({ x: "sessionsPerWeek", y: "value", z: "pressure", text: "pressure", fill: "pressure", dx: 6, textAnchor: "start", fontSize: 10 })),
      ],
    },
  };
}

function formatValue(v: number): string {
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
}
