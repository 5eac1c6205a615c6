// Overview page: links, and a small preview from the programme data.
import * as Inputs from "@observablehq/inputs";
import { notebook } from "../lib/notebook.ts";
import { loadData, renderPanels } from "../lib/charts.ts";
import { programmePanels } from "../../src/plot/programme-figure.ts";
import type { ProgrammeData } from "../lib/data-types.ts";

notebook([
  { name: "data", define: () => loadData<ProgrammeData>("programme") },
  {
    view: "preview", inputs: ["data"],
    define: (d: ProgrammeData) => Inputs.range([1, d.weeks], { step: 1, value: d.weeks, label: "preview: weeks of training" }),
  },
  {
    name: "chart", inputs: ["data", "preview"],
    define: (d: ProgrammeData, weeks: number) => {
      const runs = d.runs.filter((r) => r.subject === d.subjects[0].id);
      const arms = runs.map((r) => {
        const keep = r.timeS.filter((t) => t <= weeks * 604800).length;
        const s = r.series["adaptation.csaChangePct"];
        return {
          label: d.arms.find((a) => a.id === r.arm)!.label,
          result: { time: Float64Array.from(r.timeS.slice(0, keep)), states: [], outputs: [{ name: "adaptation.csaChangePct", unit: s.unit, values: Float64Array.from(s.values.slice(0, keep)) }] },
        };
      });
      return renderPanels(programmePanels(arms), { caption: `${d.subjects[0].label}: muscle CSA over ${weeks} week(s) of BFR, high-load and low-load training.` });
    },
  },
  {
    name: "provenance", inputs: ["data"],
    define: (d: ProgrammeData) => `bfrsim ${d.bfrsim} · model ${d.model.name} (sha256 ${d.model.contentHash.slice(0, 12)}) · data built ${d.generated} (${d.size} size).`,
  },
]);
