/**
 * Dose-response page data: a full-factorial sweep of cuff pressure × load × weekly frequency on the
 * review's older-adult BFR protocol (older woman), through the sweep runner and the default
 * simulate evaluator. The page draws heatmaps and curves from these rows.
 */
import { SOFT_LIMITS } from "../../src/simulate/protocol-limits.ts";
import type { DataSize } from "./sizes.ts";
import { runSmallSweep } from "./sweep-run.ts";

/** Outcomes the page offers (evaluator columns), with labels and units. */
export const DOSE_OUTCOMES = [
  { column: "programme.adaptation.csaChangePct.final", label: "muscle CSA change", unit: "%" },
  { column: "programme.adaptation.strengthChangePct.final", label: "strength change", unit: "%" },
  { column: "sessionMean.exerkines.gh.peak", label: "GH peak (session mean)", unit: "fold" },
  { column: "sessionMean.energetics.muscleLactate.peak", label: "muscle lactate peak (session mean)", unit: "mM" },
  { column: "sessionMean.safety.discomfort.peak", label: "discomfort peak (session mean)", unit: "0–10" },
  { column: "sessionMean.safety.systolicPressure.peak", label: "systolic pressure peak (session mean)", unit: "mmHg" },
];

const PRESSURE = "protocol.cuff.pressure.pctAop";
const LOAD = "protocol.intensity.loadPct1Rm";
const FREQUENCY = "protocol.sessionsPerWeek";

/** Runs the sweep and returns tidy rows { pressurePctAop, loadPct1Rm, sessionsPerWeek, <outcome columns> }. */
export async function doseResponseData(size: DataSize) {
  const { spec, rows } = await runSmallSweep({
    variables: { [PRESSURE]: size.sweep.pressurePctAop, [LOAD]: size.sweep.loadPct1Rm, [FREQUENCY]: size.sweep.sessionsPerWeek },
    fixed: { "protocol.weeks": size.sweep.weeks },
    evaluator: { config: { protocol: "review-older-adult", subject: "older-woman" } },
  }, size.workers);
  const outcomes = DOSE_OUTCOMES.filter((o) => rows.length > 0 && o.column in rows[0]);
  return {
    protocol: "review-older-adult",
    subject: "older-woman",
    weeks: size.sweep.weeks,
    note: "Starting pressure and load; the review protocol's progression (+5 every 4 weeks, capped at 70 %AOP / 35 %1RM, never below the start) applies.",
    envelope: { maxPctAop: SOFT_LIMITS.maxPctAopOlderAdults, maxRestWithCuffS: SOFT_LIMITS.maxRestWithCuffS, source: "seed review's older-adult limits (src/simulate/protocol-limits.ts)" },
    spec: { variables: spec.variables, fixed: spec.fixed },
    outcomes,
    rows: rows.map((r) => ({
      pressurePctAop: Number(r[PRESSURE]),
      loadPct1Rm: Number(r[LOAD]),
      sessionsPerWeek: Number(r[FREQUENCY]),
      ...Object.fromEntries(outcomes.map((o) => [o.column, r[o.column] === null ? null : Number(r[o.column])])),
    })),
  };
}
