// Page 2: a programme, BFR vs high-load vs low-load, from build-time runs (notebooks/data/programme.ts).
import * as Inputs from "@observablehq/inputs";
import { notebook } from "../lib/notebook.ts";
import { htmlTable, loadData, renderPanels } from "../lib/charts.ts";
import { programmePanels, type ProgrammeArm } from "../../src/plot/programme-figure.ts";
import type { ProgrammeData, ProgrammeRun } from "../lib/data-types.ts";

/** A run as the series a programme panel reads, cut at `weeks`. */
function asResult(run: ProgrammeRun, weeks: number): ProgrammeArm["result"] {
  const keep = run.timeS.filter((t) => t <= weeks * 604800).length;
  return {
    time: Float64Array.from(run.timeS.slice(0, keep)),
    states: [],
    outputs: Object.entries(run.series).map(([name, s]) => ({ name, unit: s.unit, values: Float64Array.from(s.values.slice(0, keep)) })),
  };
}

notebook([
  { name: "data", define: () => loadData<ProgrammeData>("programme") },
  {
    view: "subject", inputs: ["data"],
    define: (d: ProgrammeData) => Inputs.radio(d.subjects.map((s) => s.id), {
      value: d.subjects[0].id, label: "subject (sex, menopause)", format: (id: string) => d.subjects.find((s) => s.id === id)!.label,
    }),
  },
  {
    view: "arms", inputs: ["data"],
    define: (d: ProgrammeData) => Inputs.checkbox(d.arms.map((a) => a.id), {
      value: d.arms.map((a) => a.id), label: "training", format: (id: string) => d.arms.find((a) => a.id === id)!.label,
    }),
  },
  {
    view: "weeks", inputs: ["data"],
    define: (d: ProgrammeData) => Inputs.range([1, d.weeks], { step: 1, value: d.weeks, label: "weeks shown" }),
  },
  {
    name: "charts", inputs: ["data", "subject", "arms", "weeks"],
    define: (d: ProgrammeData, subject: string, arms: string[], weeks: number) => {
      const runs = d.runs.filter((r) => r.subject === subject && arms.includes(r.arm));
      const panels = programmePanels(runs.map((r) => ({ label: d.arms.find((a) => a.id === r.arm)!.label, result: asResult(r, weeks) })));
      const protocols = runs.map((r) => `${r.protocolName}: ${r.protocolSummary}`).join("\n");
      const caption = `bfrsim ${d.bfrsim} · model ${d.model.name} (sha256 ${d.model.contentHash.slice(0, 12)}) · ${d.subjects.find((s) => s.id === subject)!.label}\n${protocols}\nProgrammes of ${d.weeks} weeks; values at 08:00 each day.`;
      return renderPanels(panels, { caption });
    },
  },
  {
    name: "table", inputs: ["data", "subject"],
    define: (d: ProgrammeData, subject: string) => {
      const runs = d.runs.filter((r) => r.subject === subject);
      const header = ["outcome", "unit", ...runs.map((r) => d.arms.find((a) => a.id === r.arm)!.label)];
      const rows = runs[0].outcomes.map((o, k) => [o.label, o.unit, ...runs.map((r) => r.outcomes[k].value)]);
      return htmlTable(header, rows);
    },
  },
]);
