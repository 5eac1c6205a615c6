// Sweep figures label their axes with units when given the model's column labels.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { loadModel } from "../../src/simulate/default-model.ts";
import { sweepPanels, DOSE_VARIABLES, type SweepPlotRow } from "../../src/plot/sweep-figure.ts";
import { renderFigureSvg } from "../../src/plot/write-figure.ts";
import { columnLabeller } from "../../src/sweep/units.ts";

const label = columnLabeller(loadModel());
const CSA = "programme.adaptation.csaChangePct.final";
const IL6 = "sessionMean.exerkines.il6.iaucHours";

/** The text of every axis label of the rendered panels, by axis. */
function axisLabels(panels: ReturnType<typeof sweepPanels>): { x: string[]; y: string[] } {
  const svg = renderFigureSvg({ title: "t", caption: "c", panels, columns: 1 });
  const doc = parseHTML(`<html><body>${svg}</body></html>`).document;
  const texts = (axis: string) => [...doc.querySelectorAll(`g[aria-label="${axis}-axis label"] text`)].map((t) => t.textContent ?? "");
  return { x: texts("x"), y: texts("y") };
}

describe("sweep figure axis units", () => {
  const byFrequency: SweepPlotRow[] = [2, 3, 4].map((f) => ({ "protocol.sessionsPerWeek": f, [CSA]: 2 * f, [IL6]: 1 + f / 10 }));

  it("a curve's y axis names the outcome with its unit and the x axis the swept variable with its unit", () => {
    const { x, y } = axisLabels(sweepPanels(byFrequency, { outcome: CSA, x: { name: "protocol.sessionsPerWeek", factorial: true }, maxPctAop: 80, label }));
    expect(y).toEqual([`${CSA} (%)`]);
    expect(x).toEqual(["protocol.sessionsPerWeek (sessions/week)"]);
    const il6 = axisLabels(sweepPanels(byFrequency, { outcome: IL6, x: { name: "protocol.sessionsPerWeek", factorial: true }, maxPctAop: 80, label }));
    expect(il6.y).toEqual([`${IL6} (fold·h)`]);
  });

  it("without labels (a custom evaluator) the axes keep the bare column names", () => {
    const { x, y } = axisLabels(sweepPanels(byFrequency, { outcome: CSA, x: { name: "protocol.sessionsPerWeek", factorial: true }, maxPctAop: 80 }));
    expect(y).toEqual([CSA]);
    expect(x).toEqual(["protocol.sessionsPerWeek"]);
  });

  it("a heatmap over a sampled parameter and a protocol field labels both axes with units", () => {
    const rows: SweepPlotRow[] = [[100, 2], [150, 3], [200, 4]].map(([aop, f]) => ({ aop, "protocol.sessionsPerWeek": f, [CSA]: aop / 50 + f }));
    const { x, y } = axisLabels(sweepPanels(rows, { outcome: CSA, x: { name: "aop", factorial: false }, y: { name: "protocol.sessionsPerWeek", factorial: false }, maxPctAop: 80, label }));
    expect(x).toEqual(["aop (mmHg)"]);
    expect(y).toEqual(["protocol.sessionsPerWeek (sessions/week)"]);
  });

  it("the dose-response panels of a pressure × load sweep put the outcome's unit on the curve's y axis", () => {
    const rows: SweepPlotRow[] = [40, 80].flatMap((p) => [20, 30].map((l) => ({ [DOSE_VARIABLES.pressure]: p, [DOSE_VARIABLES.load]: l, [CSA]: p / 10 + l / 10 })));
    const panels = sweepPanels(rows, { outcome: CSA, x: { name: DOSE_VARIABLES.pressure, factorial: true }, y: { name: DOSE_VARIABLES.load, factorial: true }, maxPctAop: 80, label });
    expect(panels.map((p) => p.title)).toEqual([`Heatmap: ${CSA} (%)`, `Dose-response: ${CSA} (%)`]);
    expect(axisLabels(panels).y).toContain(`${CSA} (%)`);
  });
});
