// Page 3: dose-response explorer over a build-time sweep (notebooks/data/dose-response.ts).
import * as Inputs from "@observablehq/inputs";
import { notebook } from "../lib/notebook.ts";
import { loadData, renderPanels } from "../lib/charts.ts";
import { doseCurvePanel, doseFrequencyPanel, doseHeatmapPanel, type DosePoint } from "../../src/plot/dose-response-figure.ts";
import type { DoseResponseData } from "../lib/data-types.ts";

notebook([
  { name: "data", define: () => loadData<DoseResponseData>("dose-response") },
  {
    view: "outcome", inputs: ["data"],
    define: (d: DoseResponseData) => Inputs.select(d.outcomes.map((o) => o.column), {
      value: d.outcomes[0]?.column, label: "outcome", format: (c: string) => { const o = d.outcomes.find((x) => x.column === c)!; return `${o.label} (${o.unit})`; },
    }),
  },
  {
    view: "frequency", inputs: ["data"],
    define: (d: DoseResponseData) => {
      const f = [...new Set(d.rows.map((r) => r.sessionsPerWeek))].sort((a, b) => a - b);
      return Inputs.range([f[0], f[f.length - 1]], { step: 1, value: f[f.length - 1], label: "sessions per week" });
    },
  },
  {
    view: "load", inputs: ["data"],
    define: (d: DoseResponseData) => {
      const l = [...new Set(d.rows.map((r) => r.loadPct1Rm))].sort((a, b) => a - b);
      return Inputs.select(l, { value: l[0], label: "load for the frequency curves (% 1RM)" });
    },
  },
  {
    name: "charts", inputs: ["data", "outcome", "frequency", "load"],
    define: (d: DoseResponseData, column: string, frequency: number, load: number) => {
      const o = d.outcomes.find((x) => x.column === column)!;
      const points: DosePoint[] = d.rows
        .filter((r) => r.sessionsPerWeek === frequency)
        .map((r) => ({ pressurePctAop: r.pressurePctAop, loadPct1Rm: r.loadPct1Rm, value: r[column] ?? null }));
      const options = { outcomeLabel: `${o.label} (${o.unit})`, maxPctAop: d.envelope.maxPctAop };
      const caption = `bfrsim ${d.bfrsim} · model ${d.model.name} (sha256 ${d.model.contentHash.slice(0, 12)}) · protocol ${d.protocol}, subject ${d.subject}, ${frequency} sessions/week for ${d.weeks} weeks.\n${d.note}\nEnvelope: ≤ ${d.envelope.maxPctAop} %AOP (${d.envelope.source}).`;
      const byFrequency = d.rows
        .filter((r) => r.loadPct1Rm === load)
        .map((r) => ({ pressurePctAop: r.pressurePctAop, loadPct1Rm: r.loadPct1Rm, sessionsPerWeek: r.sessionsPerWeek, value: r[column] ?? null }));
      return renderPanels([doseHeatmapPanel(points, options), doseCurvePanel(points, options), doseFrequencyPanel(byFrequency, options)], { caption });
    },
  },
]);
