// The shared Plot specs (dose-response, trials, sensitivity) drawn in Node: marks match the data.
import { describe, expect, it } from "vitest";
import { parseHTML } from "linkedom";
import { renderFigureSvg } from "../../src/plot/write-figure.ts";
import { doseHeatmapPanel, doseCurvePanel, doseFrequencyPanel, type DosePoint } from "../../src/plot/dose-response-figure.ts";
import { comparisonPanel } from "../../src/plot/comparison-figure.ts";
import { morrisPanel, sobolPanel, responderPanel, powerPanel } from "../../src/plot/sensitivity-figure.ts";
import type { FigurePanel } from "../../src/plot/types.ts";
import { linePanel } from "../../src/plot/line-panel.ts";
import type { ComparisonPlotPoint } from "../../src/trials/comparison-plot.ts";

/** Renders one panel and returns its parsed chart. */
function chart(panel: FigurePanel) {
  const svg = renderFigureSvg({ title: "t", caption: "c", panels: [panel], columns: 1 });
  const { document } = parseHTML(`<html><body>${svg}</body></html>`);
  return document.querySelector("svg > svg")!;
}

const dose: DosePoint[] = [40, 60, 80, 100].flatMap((p) => [20, 30].map((l) => ({ pressurePctAop: p, loadPct1Rm: l, value: p / 10 + l / 100 })));

describe("dose-response panels", () => {
  it("the heatmap fills one cell per point and outlines exactly the cells above the envelope", () => {
    const c = chart(doseHeatmapPanel(dose, { outcomeLabel: "CSA change (%)", maxPctAop: 80 }));
    const groups = c.querySelectorAll('g[aria-label="cell"]');
    expect(groups.length).toBe(2);
    expect(groups[0].querySelectorAll("rect").length).toBe(dose.length);
    expect(groups[1].querySelectorAll("rect").length).toBe(dose.filter((p) => p.pressurePctAop > 80).length);
    expect(c.textContent).toContain("cuff pressure (% AOP)");
    expect(c.textContent).toContain("load (% 1RM)");
  });

  it("the curves draw one line per load, a dot per point, and the envelope rule at the limit", () => {
    const c = chart(doseCurvePanel(dose, { outcomeLabel: "CSA change (%)", maxPctAop: 80 }));
    expect(c.querySelectorAll('g[aria-label="line"] path').length).toBe(2);
    expect(c.querySelectorAll('g[aria-label="dot"] circle').length).toBe(dose.length);
    expect(c.textContent).toContain("older-adult limit");
    const failed = chart(doseCurvePanel([...dose, { pressurePctAop: 50, loadPct1Rm: 20, value: null }], { outcomeLabel: "x", maxPctAop: 80 }));
    expect(failed.querySelectorAll('g[aria-label="dot"] circle').length).toBe(dose.length);
  });

  it("the frequency curves draw one line per pressure, dashed above the envelope", () => {
    const points = dose.flatMap((p) => [2, 3].map((f) => ({ ...p, sessionsPerWeek: f, value: (p.value ?? 0) * f })));
    const c = chart(doseFrequencyPanel(points.filter((p) => p.loadPct1Rm === 20), { outcomeLabel: "CSA change (%)", maxPctAop: 80 }));
    const lines = c.querySelectorAll('g[aria-label="line"]');
    expect(lines[0].querySelectorAll("path").length).toBe(3); // 40, 60, 80 %AOP
    expect(lines[1].querySelectorAll("path").length).toBe(1); // 100 %AOP
    expect(lines[1].getAttribute("stroke-dasharray")).toBe("4,3");
    expect(c.textContent).toContain("sessions per week");
  });
});

describe("trials panel", () => {
  const point = (observed: number, simulated: number, lo: number | null = null, hi: number | null = null): ComparisonPlotPoint => ({
    study: "s", arm: "a", outcome: "muscle_csa", valueKind: "pct_change", observed, simulated, observedLow: lo, observedHigh: hi, rubric: null,
  });

  it("fills points inside the agreement band, draws the rest hollow, and bars only reported spreads", () => {
    const points = [point(5, 6, 3, 7), point(5, 15), point(10, 9, 8, 12)];
    const c = chart(comparisonPanel({ points, identity: [0, 20] }, { bandHalfWidth: 5 }));
    const dots = c.querySelectorAll('g[aria-label="dot"]');
    expect(dots[0].querySelectorAll("circle").length).toBe(2);
    expect(dots[1].querySelectorAll("circle").length).toBe(1);
    expect(c.querySelectorAll('g[aria-label="rule"] line').length).toBe(2);
    const wide = chart(comparisonPanel({ points, identity: [0, 20] }, { bandHalfWidth: 20 }));
    expect(wide.querySelectorAll('g[aria-label="dot"]')[0].querySelectorAll("circle").length).toBe(3);
  });
});

describe("sensitivity panels", () => {
  it("Morris bars are sorted by μ*, and Sobol' draws S1 and ST bars per factor", () => {
    const m = chart(morrisPanel([
      { name: "small", mu: 0.1, muStar: 0.1, sigma: 0.05 },
      { name: "large", mu: -2, muStar: 2, sigma: 1 },
    ], "CSA change (%)"));
    const ticks = [...m.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(["large", "small"]);
    const s = chart(sobolPanel([{ name: "k", first: { estimate: 0.4, ci: [0.3, 0.5] }, total: { estimate: 0.6, ci: [0.5, 0.7] } }]));
    expect(s.querySelectorAll('g[aria-label="bar"] rect').length).toBe(2);
  });

  it("the responder histogram colours members at or above the threshold as responders, and power is drawn per arm size", () => {
    const values = [0.5, 1.5, 2.5, 3.5, 4.5, 5.5];
    const fills = (threshold: number) => [...chart(responderPanel(values, threshold, "CSA change (%)")).querySelectorAll('g[aria-label="rect"] rect')].map((r) => r.getAttribute("fill"));
    const split = fills(3);
    expect(split.filter((f) => f === "#59a14f").length).toBeGreaterThan(0);
    expect(split.filter((f) => f === "#bab0ac").length).toBeGreaterThan(0);
    expect(fills(0).every((f) => f === "#59a14f")).toBe(true);
    expect(fills(10).every((f) => f === "#bab0ac")).toBe(true);
    const p = chart(powerPanel([{ nPerArm: 10, power: 0.3 }, { nPerArm: 20, power: 0.6 }], "Welch"));
    expect(p.querySelectorAll('g[aria-label="dot"] circle').length).toBe(2);
    expect(p.textContent).toContain("participants per arm");
  });
});

describe("line panels", () => {
  it("a constant series (no cuff: 0 %AOP throughout) gets readable ticks, not rounding noise", () => {
    const rows = [0, 1, 2, 3].map((time) => ({ time, value: 0, series: "cuff" }));
    const c = chart(linePanel("Cuff", rows, { xLabel: "time (min)", yLabel: "cuff pressure (% AOP)" }));
    const ticks = [...c.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent ?? "");
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.some((t) => Number(t.replace("−", "-")) === 0)).toBe(true);
    for (const t of ticks) expect(t.replace(/[−-]/, "").length).toBeLessThanOrEqual(4);
  });
});
