/**
 * The predicted-vs-observed figure of `bfrsim compare --plot` as Observable Plot options (no DOM):
 * one dot per numeric % row (observed on x with its CI or ±1 SD bar, simulated on y), the
 * identity line, the ±30 % band around it (the rubric's yellow limit), and a legend panel
 * with one colour-and-symbol per study. The object has the shape of src/plot's FigureSpec, so
 * the CLI renders it with `writeFigure` and a notebook with `Plot.plot` on each panel.
 */
import * as Plot from "@observablehq/plot";
import type { ComparisonPlotData } from "./comparison-plot.ts";

/** One panel: a heading and Plot options. */
export interface ComparisonPanel {
  title: string;
  plot: Plot.PlotOptions;
}

/** A figure spec (structurally src/plot's FigureSpec). */
export interface ComparisonFigure {
  title: string;
  caption: string;
  panels: ComparisonPanel[];
  columns: number;
  panelWidthPx: number;
  panelHeightPx: number;
}

/** Colours × symbols give each of up to 70 studies its own marker (10 colours, 7 symbols). */
const SYMBOLS = ["circle", "square", "triangle", "diamond", "star", "cross", "wye"] as const;
const COLOURS = ["#4e79a7", "#f28e2c", "#e15759", "#76b7b2", "#59a14f", "#edc949", "#af7aa1", "#ff9da7", "#9c755f", "#bab0ab"];

/** Builds the figure from comparison plot data; `caption` names the data, the model and the summary. */
export function comparisonFigure(data: ComparisonPlotData, title: string, caption: string): ComparisonFigure {
  const [lo, hi] = data.identity;
  const pad = (hi - lo) * 0.04 || 1;
  const domain: [number, number] = [lo - pad, hi + pad];
  const colour = { type: "categorical" as const, domain: data.studies, range: data.studies.map((_, i) => COLOURS[i % COLOURS.length]) };
  const symbol = { domain: data.studies, range: data.studies.map((_, i) => SYMBOLS[i % SYMBOLS.length]) };
  const identity = [
    { x: domain[0], y: domain[0] },
    { x: domain[1], y: domain[1] },
  ];
  const band = [domain[0], 0, domain[1]].map((x) => ({ x, y1: x - 0.3 * Math.abs(x), y2: x + 0.3 * Math.abs(x) }));
  const bars = data.points.filter((p) => p.observedLow !== null && p.observedHigh !== null);
  const scatter: ComparisonPanel = {
    title: "simulated vs observed change (% of baseline)",
    plot: {
      marginLeft: 52,
      marginBottom: 38,
      x: { domain, label: "observed change (%)", labelAnchor: "center", labelArrow: "none", grid: true },
      y: { domain, label: "simulated change (%)", labelArrow: "none", grid: true },
      color: colour,
      symbol,
      marks: [
        Plot.areaY(band, { x: "x", y1: "y1", y2: "y2", fill: "#000", fillOpacity: 0.06, clip: true }),
        Plot.line(identity, { x: "x", y: "y", stroke: "#666", strokeDasharray: "4 3", clip: true }),
        Plot.ruleX([0], { stroke: "#bbb" }),
        Plot.ruleY([0], { stroke: "#bbb" }),
        Plot.link(bars, { x1: "observedLow", x2: "observedHigh", y1: "simulated", y2: "simulated", stroke: "study" }),
        Plot.dot(data.points, { x: "observed", y: "simulated", stroke: "study", symbol: "study", r: 4, strokeWidth: 1.5 }),
      ],
    },
  };
  const legendRows = data.studies.map((study) => ({ study, n: data.points.filter((p) => p.study === study).length }));
  const legend: ComparisonPanel = {
    title: "studies (rows)",
    plot: {
      marginLeft: 8,
      marginRight: 8,
      x: { axis: null, domain: [0, 1] },
      y: { axis: null, domain: data.studies, type: "band" },
      color: colour,
      symbol,
      marks: [
        Plot.dot(legendRows, { x: () => 0.05, y: "study", stroke: "study", symbol: "study", r: 4, strokeWidth: 1.5 }),
        Plot.text(legendRows, { x: () => 0.1, y: "study", text: (d: { study: string; n: number }) => `${d.study} (${d.n})`, textAnchor: "start", fontSize: 10 }),
      ],
    },
  };
  return { title, caption, panels: [scatter, legend], columns: 2, panelWidthPx: 460, panelHeightPx: 460 };
}
