// Page 1: one session, simulated in the browser as the sliders move.
import * as Inputs from "@observablehq/inputs";
import { notebook } from "../lib/notebook.ts";
import { loadBrowserModel } from "../lib/load-model.ts";
import { htmlTable, loadData, renderPanels } from "../lib/charts.ts";
import { simulate, type SimulationResult } from "../../src/simulate/simulate.ts";
import { remakeProtocol } from "../../src/simulate/remake.ts";
import { summarizeSessions } from "../../src/simulate/summary.ts";
import { SESSION_OUTCOMES, sessionOutcomeValue } from "../../src/simulate/outcomes.ts";
import type { Protocol } from "../../src/simulate/protocol.ts";
import type { Subject } from "../../src/simulate/subject.ts";
import { sessionPanels } from "../../src/plot/session-figure.ts";
import { simulationCaption } from "../../src/plot/caption.ts";

interface Presets { protocols: Record<string, Protocol>; subjects: Record<string, Subject> }

/** Simulated span: the session (10:00) and the hours after it, s. */
const SPAN_S = 17 * 3600;

notebook([
  { name: "model", define: () => loadBrowserModel() },
  { name: "presets", define: () => loadData<Presets>("presets") },
  { view: "pressure", define: () => Inputs.range([0, 100], { step: 5, value: 60, label: "cuff pressure (% AOP)" }) },
  { view: "load", define: () => Inputs.range([10, 80], { step: 5, value: 25, label: "load (% 1RM)" }) },
  { view: "rest", define: () => Inputs.range([15, 120], { step: 15, value: 30, label: "rest between sets (s)" }) },
  {
    view: "scheme",
    define: () => Inputs.radio(["continuous", "deflated_in_rests"], {
      value: "continuous", label: "cuff scheme", format: (s: string) => (s === "continuous" ? "kept on through rests" : "deflated in rests"),
    }),
  },
  {
    view: "subject", inputs: ["presets"],
    define: (presets: Presets) => Inputs.select(Object.keys(presets.subjects), { value: "older-woman", label: "subject" }),
  },
  {
    name: "protocol", inputs: ["presets", "pressure", "load", "rest", "scheme"],
    define: (presets: Presets, pressure: number, load: number, rest: number, scheme: string) =>
      remakeProtocol(presets.protocols["review-older-adult"], {
        "cuff.pressure.pctAop": pressure, "intensity.loadPct1Rm": load, restBetweenSetsS: rest, "cuff.inflation": scheme,
        weeks: 1, sessionsPerWeek: 1,
      }),
  },
  {
    name: "result", inputs: ["model", "presets", "subject", "protocol"],
    define: (model, presets: Presets, subject: string, validated: ReturnType<typeof remakeProtocol>) => {
      const t0 = performance.now();
      const result = simulate(model, presets.subjects[subject], validated.protocol, { tEndS: SPAN_S });
      return Object.assign(result, { elapsedMs: performance.now() - t0 });
    },
  },
  {
    name: "status", inputs: ["result"],
    define: (r: SimulationResult & { elapsedMs: number }) =>
      `Solved in the browser in ${r.elapsedMs.toFixed(0)} ms (${r.stats.acceptedSteps} steps, ${r.status}). AOP ${r.schedule.aop.aopMmHg.toFixed(0)} mmHg (${r.schedule.aop.method}); cuff ${r.schedule.sessions[0]?.cuffPressureMmHg.toFixed(0) ?? "–"} mmHg.`,
  },
  {
    name: "warnings", inputs: ["result"],
    define: (r: SimulationResult) => r.warnings.length ? r.warnings.map((w) => `⚠ ${w}`).join("\n") : "",
  },
  {
    name: "charts", inputs: ["result"],
    define: (r: SimulationResult) => renderPanels(sessionPanels(r), { caption: simulationCaption(r, "Shaded: exercise sets.") }),
  },
  {
    name: "table", inputs: ["result"],
    define: (r: SimulationResult) => {
      const s = summarizeSessions(r)[0];
      return htmlTable(["response", "unit", "value"], SESSION_OUTCOMES.map((o) => [o.label, o.unit, s ? sessionOutcomeValue(s, o) : null]));
    },
  },
]);
