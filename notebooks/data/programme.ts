/**
 * Programme page data: BFR, high-load and low-load training side by side for three subjects (older
 * woman, the same woman with premenopausal hormone status as a counterfactual, older man). Each
 * run keeps the daily morning values of the programme panels' series and the end-of-programme
 * outcomes, so the page redraws the same figure as `bfrsim simulate --plot` without re-solving.
 */
import type { CompiledModel } from "../../src/model/types.ts";
import { applyOverrides } from "../../src/simulate/overrides.ts";
import { loadProtocol } from "../../src/simulate/protocol-load.ts";
import { loadSubject } from "../../src/simulate/subject-load.ts";
import { simulate } from "../../src/simulate/simulate.ts";
import { summarizeProgramme } from "../../src/simulate/summary.ts";
import { PROGRAMME_OUTCOMES, programmeOutcomeValue } from "../../src/simulate/outcomes.ts";
import { PROGRAMME_PANELS, BASELINE_HOUR } from "../../src/plot/programme-figure.ts";
import { dailyRows, findSeries } from "../../src/plot/series.ts";
import { protocolSummary } from "../../src/plot/caption.ts";
import type { DataSize } from "./sizes.ts";

export const PROGRAMME_ARMS = [
  { id: "bfr", label: "BFR", protocol: "review-older-adult" },
  { id: "high", label: "high-load", protocol: "high-load" },
  { id: "low", label: "low-load", protocol: "low-load" },
] as const;

export const PROGRAMME_SUBJECTS = [
  { id: "woman-post", label: "older woman, postmenopausal", subject: "older-woman", set: {} },
  { id: "woman-pre", label: "older woman, premenopausal status (counterfactual)", subject: "older-woman", set: { "subject.menopausalStatus": "premenopausal" } },
  { id: "man", label: "older man", subject: "older-man", set: {} },
] as const;

/** Runs every subject × arm and returns the page's JSON. */
export function programmeData(model: CompiledModel, size: DataSize) {
  const runs = [];
  for (const s of PROGRAMME_SUBJECTS) {
    for (const a of PROGRAMME_ARMS) {
      const base = loadProtocol(a.protocol);
      const run = applyOverrides(
        { protocol: base.protocol, subject: loadSubject(s.subject), warnings: base.warnings },
        [["protocol.weeks", size.programmeWeeks], ...Object.entries(s.set)],
      );
      const result = simulate(model, run.subject, run.protocol, { parameters: run.parameters });
      const days = dailyRows(result, PROGRAMME_PANELS[0].series, "", BASELINE_HOUR);
      const programme = summarizeProgramme(result);
      runs.push({
        subject: s.id,
        arm: a.id,
        protocolName: run.protocol.name,
        protocolSummary: protocolSummary(run.protocol),
        timeS: days.map((d) => Math.round(d.time * 604800)),
        series: Object.fromEntries(PROGRAMME_PANELS.map((p) => [p.series, {
          unit: findSeries(result, p.series)?.unit ?? "",
          values: dailyRows(result, p.series, "", BASELINE_HOUR).map((d) => d.value),
        }])),
        outcomes: PROGRAMME_OUTCOMES.map((o) => ({ label: o.label, unit: o.unit, value: programmeOutcomeValue(programme, o) })),
        status: result.status,
      });
    }
  }
  return { arms: PROGRAMME_ARMS, subjects: PROGRAMME_SUBJECTS, weeks: size.programmeWeeks, runs };
}
