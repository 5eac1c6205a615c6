/**
 * Sensitivity and uncertainty figures: Morris μ* (with σ) and Sobol' first-order/total indices
 * with bootstrap CIs, a cohort's responder histogram, and power against arm size. They take the
 * outputs of src/analysis as they are. Browser-safe.
 */
import * as Plot from "@observablehq/plot";
import type { MorrisIndex } from "../analysis/morris.ts";
import type { SobolIndex } from "../analysis/sobol-indices.ts";
import type { FigurePanel } from "./types.ts";

/** Morris screening: μ* bars per factor (sorted), σ as a tick; unit of the outcome per unit of factor range. */
export function morrisPanel(indices: readonly MorrisIndex[], outcomeLabel: string): FigurePanel {
  const data = [...indices].sort((a, b) => b.muStar - a.muStar);
  return {
    title: "Morris screening",
    plot: {
      marginLeft: 210,
      marginBottom: 40,
      x: { label: `μ*, σ (tick): ${outcomeLabel}`, grid: true, labelAnchor: "center", labelArrow: "none" },
      y: { label: null, domain: data.map((d) => d.name) },
      marks: [
        Plot.barX(data, { y: "name", x: "muStar", fill: "#4e79a7" }),
        Plot.tickX(data, { y: "name", x: "sigma", stroke: "#e15759", strokeWidth: 2 }),
        Plot.ruleX([0]),
      ],
    },
  };
}

/** Sobol' indices per factor: total ST as a wide light bar, first-order S1 as a narrow dark bar inside it, bootstrap CIs as lines (clipped to −0.2…1.2). */
export function sobolPanel(indices: readonly SobolIndex[]): FigurePanel {
  const data = indices.map((s) => ({
    name: s.name, first: s.first.estimate, firstLo: s.first.ci[0], firstHi: s.first.ci[1],
    total: s.total.estimate, totalLo: s.total.ci[0], totalHi: s.total.ci[1],
  }));
  return {
    title: "Sobol' indices: total ST (light), first-order S1 (dark), 95 % CI",
    plot: {
      marginLeft: 210,
      marginBottom: 40,
      // Indices live in [0, 1]; estimates and CIs from few base rows can stray outside and are clipped at the frame.
      x: { label: "share of output variance (0–1)", domain: [-0.2, 1.2], grid: true, labelAnchor: "center", labelArrow: "none" },
      y: { label: null, domain: data.map((d) => d.name) },
      marks: [
        Plot.barX(data, { y: "name", x: "total", fill: "#f28e2b", fillOpacity: 0.45, clip: true }),
        Plot.barX(data, { y: "name", x: "first", fill: "#4e79a7", insetTop: 9, insetBottom: 9, clip: true }),
        Plot.ruleY(data, { y: "name", x1: "totalLo", x2: "totalHi", stroke: "#b85f00", dy: -6, clip: true }),
        Plot.ruleY(data, { y: "name", x1: "firstLo", x2: "firstHi", stroke: "#1f3b63", dy: 6, clip: true }),
        Plot.ruleX([0]),
      ],
    },
  };
}

/** Histogram of a cohort's responses; members at or above `threshold` are responders. */
export function responderPanel(values: readonly number[], threshold: number, outcomeLabel: string): FigurePanel {
  const data = values.map((v) => ({ value: v, group: v >= threshold ? "responder" : "non-responder" }));
  return {
    title: "Cohort responders",
    plot: {
      marginLeft: 48,
      marginBottom: 40,
      x: { label: outcomeLabel, labelAnchor: "center", labelArrow: "none" },
      y: { label: "members", grid: true, labelArrow: "none" },
      color: { type: "categorical", domain: ["responder", "non-responder"], range: ["#59a14f", "#bab0ac"] },
      marks: [
        Plot.rectY(data, Plot.binX<Plot.RectYOptions>({ y: "count" }, { x: "value", fill: "group", thresholds: 12 })),
        Plot.ruleX([threshold], { stroke: "#333", strokeDasharray: "4,3" }),
        Plot.ruleY([0]),
      ],
    },
  };
}

/** One point of a power curve: arm size and power (0–1). */
export interface PowerPoint {
  nPerArm: number;
  power: number;
}

/** Power against the number of participants per arm, with the conventional 0.8 marked. */
export function powerPanel(points: readonly PowerPoint[], label: string): FigurePanel {
  return {
    title: "Power of a two-arm trial",
    plot: {
      marginLeft: 48,
      marginBottom: 40,
      x: { label: "participants per arm", labelAnchor: "center", labelArrow: "none" },
      y: { label: `power (0–1), ${label}`, domain: [0, 1], grid: true, labelArrow: "none" },
      marks: [
        Plot.ruleY([0.8], { stroke: "#e15759", strokeDasharray: "4,3" }),
        Plot.line(points, { x: "nPerArm", y: "power", stroke: "#4e79a7", strokeWidth: 2 }),
        Plot.dot(points, { x: "nPerArm", y: "power", fill: "#4e79a7", r: 2.5 }),
      ],
    },
  };
}
