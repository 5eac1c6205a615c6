// Page 4: published trials, simulated vs observed (build-time compare, notebooks/data/trials.ts).
import * as Inputs from "@observablehq/inputs";
import { notebook } from "../lib/notebook.ts";
import { htmlTable, loadData, renderPanels, formatNumber } from "../lib/charts.ts";
import { comparisonPanel } from "../../src/plot/comparison-figure.ts";
import type { TrialsData } from "../lib/data-types.ts";

const ALL = "all studies";

notebook([
  { name: "data", define: () => loadData<TrialsData>("trials") },
  {
    view: "study", inputs: ["data"],
    define: (d: TrialsData) => Inputs.select([ALL, ...d.studies], { value: ALL, label: "study" }),
  },
  { view: "band", define: () => Inputs.range([0, 20], { step: 1, value: 5, label: "agreement band (± % points)" }) },
  {
    name: "points", inputs: ["data", "study"],
    define: (d: TrialsData, study: string) => d.points.filter((p) => study === ALL || p.study === study),
  },
  {
    name: "summary", inputs: ["data", "points", "band"],
    define: (d: TrialsData, points: TrialsData["points"], band: number) => {
      const inBand = points.filter((p) => Math.abs(p.simulated - p.observed) <= band).length;
      const s = d.summary;
      return `${points.length} compared outcomes shown (${d.armsCompared} of ${d.armsAvailable} arms simulated for this build); ${inBand} within ±${band} points. All rows: RMSE ${s.rmse === null ? "–" : formatNumber(s.rmse)}, Spearman ${s.spearman === null ? "–" : formatNumber(s.spearman)}, direction agreement ${s.direction_agreement === null ? "–" : formatNumber(s.direction_agreement)}.`;
    },
  },
  {
    name: "charts", inputs: ["data", "points", "band"],
    define: (d: TrialsData, points: TrialsData["points"], band: number) => {
      const caption = `bfrsim ${d.bfrsim} · model ${d.model.name} (sha256 ${d.model.contentHash.slice(0, 12)}) · percent-change outcomes; filled: within the band, hollow: outside; dashed: identity.`;
      return renderPanels([comparisonPanel({ points, identity: d.identity }, { bandHalfWidth: band })], { width: 680, height: 500, caption });
    },
  },
  {
    name: "table", inputs: ["points"],
    define: (points: TrialsData["points"]) => htmlTable(
      ["study", "arm", "outcome", "observed (%)", "CI/SD low", "CI/SD high", "simulated (%)", "rubric"],
      points.map((p) => [p.study, p.arm, p.outcome, p.observed, p.observedLow, p.observedHigh, p.simulated, p.rubric]),
    ),
  },
]);
