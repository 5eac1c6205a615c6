// Page 5: sensitivity (Morris, Sobol'), cohort responders and power (notebooks/data/sensitivity.ts).
import * as Inputs from "@observablehq/inputs";
import { notebook } from "../lib/notebook.ts";
import { loadData, renderPanels, formatNumber } from "../lib/charts.ts";
import { morrisPanel, sobolPanel, responderPanel, powerPanel, type PowerPoint } from "../../src/plot/sensitivity-figure.ts";
import { analyticWelchPower } from "../../src/analysis/power.ts";
import type { SensitivityData } from "../lib/data-types.ts";

function meanSd(v: readonly number[]): [number, number] {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
  return [m, sd];
}

notebook([
  { name: "data", define: () => loadData<SensitivityData>("sensitivity") },
  {
    name: "indices", inputs: ["data"],
    define: (d: SensitivityData) => renderPanels(
      [morrisPanel(d.morris.indices, `${d.outcome.label} (${d.outcome.unit})`), sobolPanel(d.sobol.indices)],
      { caption: `bfrsim ${d.bfrsim} · model ${d.model.name} (sha256 ${d.model.contentHash.slice(0, 12)}) · ${d.outcome.label} after ${d.weeks} weeks of ${d.protocol} (${d.subject}); Morris: ${d.morris.trajectories} trajectories; Sobol': ${d.sobol.baseRows} base rows (Saltelli), red tick σ.` },
    ),
  },
  { view: "threshold", define: () => Inputs.range([0, 10], { step: 0.5, value: 1, label: "responder threshold (CSA change, %)" }) },
  { view: "noise", define: () => Inputs.range([0.5, 10], { step: 0.5, value: 2, label: "measurement SD (% points)" }) },
  {
    name: "responders", inputs: ["data", "threshold"],
    define: (d: SensitivityData, threshold: number) => {
      const v = d.cohort.members.map((m) => m.csaChangePct);
      const k = v.filter((x) => x >= threshold).length;
      const [m, sd] = meanSd(v);
      return `${k} of ${v.length} cohort members (${formatNumber((100 * k) / v.length)} %) gain at least ${threshold} % CSA; cohort mean ${formatNumber(m)} %, SD ${formatNumber(sd)} %.`;
    },
  },
  {
    name: "cohortCharts", inputs: ["data", "threshold", "noise"],
    define: (d: SensitivityData, threshold: number, noise: number) => {
      const v = d.cohort.members.map((m) => m.csaChangePct);
      const [mean, sd] = meanSd(v);
      // Power of BFR vs a no-training control (true change 0): between-subject SD from the cohort plus measurement noise in both arms.
      const sdA = Math.hypot(sd, noise);
      const power: PowerPoint[] = [];
      for (let n = 4; n <= 60; n += 2) power.push({ nPerArm: n, power: analyticWelchPower({ meanDifference: mean, sdA, sdB: noise, nA: n, nB: n }) });
      return renderPanels(
        [responderPanel(v, threshold, `${d.outcome.label} (${d.outcome.unit})`), powerPanel(power, "two-sided Welch t, α 0.05")],
        { caption: `Virtual cohort of ${v.length} older adults (age, inflammation and training status sampled by Latin hypercube); power against a no-training control with true change 0 and measurement SD ${noise} % in both arms.` },
      );
    },
  },
]);
