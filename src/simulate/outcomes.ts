/**
 * The key outcomes `bfrsim simulate` prints, as the model spec's Outputs section lists them:
 * per session (metabolite peaks, StO2 nadir, recruitment, signalling and exerkine responses,
 * safety) and per programme (CSA, strength, function, inflammation, bone). Each names the series
 * it reads; a model without that series simply has no such row (and the table says so).
 */
import type { SessionResponse, SessionSummary, ProgrammeTrajectory } from "./summary.ts";

export type SessionStatistic = "peak" | "nadir" | "aucHours" | "peakChangePct";

export interface SessionOutcome {
  label: string;
  series: string;
  statistic: SessionStatistic;
  /** Unit of the printed value (the series' own unit, or unit·h for AUCs). */
  unit: string;
}

export const SESSION_OUTCOMES: readonly SessionOutcome[] = [
  { label: "StO2 nadir", series: "energetics.muscleOxygenSaturation", statistic: "nadir", unit: "%" },
  { label: "PCr nadir", series: "energetics.pcr", statistic: "nadir", unit: "mM" },
  { label: "Pi peak", series: "energetics.pi", statistic: "peak", unit: "mM" },
  { label: "muscle pH nadir", series: "energetics.pH", statistic: "nadir", unit: "" },
  { label: "muscle lactate peak", series: "energetics.muscleLactate", statistic: "peak", unit: "mM" },
  { label: "blood lactate peak", series: "energetics.bloodLactate", statistic: "peak", unit: "mM" },
  { label: "type II recruitment peak", series: "fatigue.type2Recruitment", statistic: "peak", unit: "0-1" },
  { label: "force capacity nadir", series: "fatigue.forceCapacity", statistic: "nadir", unit: "0-1" },
  { label: "AMPK activity peak", series: "signalling.ampk", statistic: "peak", unit: "0-1" },
  { label: "mTORC1 activity AUC", series: "signalling.mtorc1", statistic: "aucHours", unit: "h" },
  { label: "GH peak", series: "exerkines.gh", statistic: "peak", unit: "fold" },
  { label: "IL-6 peak", series: "exerkines.il6", statistic: "peak", unit: "fold" },
  { label: "IL-10 peak", series: "exerkines.il10", statistic: "peak", unit: "fold" },
  { label: "MPS peak", series: "adaptation.mps", statistic: "peakChangePct", unit: "% of pre" },
  { label: "discomfort peak", series: "safety.discomfort", statistic: "peak", unit: "0-10" },
  { label: "RPE peak", series: "safety.rpe", statistic: "peak", unit: "Borg" },
  { label: "systolic pressure peak", series: "safety.systolicPressure", statistic: "peak", unit: "mmHg" },
];

export interface ProgrammeOutcome {
  label: string;
  series: string;
  /** `final`: the value at the end; `changePct`: % change from baseline. */
  statistic: "final" | "changePct";
  unit: string;
}

export const PROGRAMME_OUTCOMES: readonly ProgrammeOutcome[] = [
  { label: "muscle CSA change", series: "adaptation.csaChangePct", statistic: "final", unit: "%" },
  { label: "strength change", series: "adaptation.strengthChangePct", statistic: "final", unit: "%" },
  { label: "grip strength", series: "function.gripStrength", statistic: "final", unit: "kg" },
  { label: "gait speed", series: "function.gaitSpeed", statistic: "final", unit: "m/s" },
  { label: "chair-stand time", series: "function.chairStandTime", statistic: "final", unit: "s" },
  { label: "TNF-α baseline change", series: "exerkines.tnfa", statistic: "changePct", unit: "%" },
  { label: "CRP baseline change", series: "exerkines.crp", statistic: "changePct", unit: "%" },
  { label: "BMD change", series: "adaptation.bmd", statistic: "changePct", unit: "%" },
  { label: "mitochondrial content change", series: "adaptation.mitochondrialContent", statistic: "changePct", unit: "%" },
  { label: "capillarity change", series: "adaptation.capillarity", statistic: "changePct", unit: "%" },
  { label: "endothelial stress", series: "safety.endothelialStress", statistic: "final", unit: "a.u." },
  { label: "sarcopenia (EWGSOP2)", series: "function.sarcopeniaEwgsop2", statistic: "final", unit: "0/1" },
];

/** The value of a session outcome from a session's responses, or null when the series is absent. */
export function sessionOutcomeValue(session: SessionSummary, outcome: SessionOutcome): number | null {
  const r: SessionResponse | undefined = session.responses[outcome.series];
  if (!r) return null;
  switch (outcome.statistic) {
    case "peak": return r.peak;
    case "nadir": return r.nadir;
    case "aucHours": return r.auc / 3600;
    case "peakChangePct": return r.baseline === 0 ? null : ((r.peak - r.baseline) / Math.abs(r.baseline)) * 100;
  }
}

/** The value of a programme outcome, or null when the series is absent. */
export function programmeOutcomeValue(
  trajectories: readonly ProgrammeTrajectory[],
  outcome: ProgrammeOutcome,
): number | null {
  const tr = trajectories.find((t) => t.name === outcome.series);
  if (!tr) return null;
  return outcome.statistic === "final" ? tr.final : tr.changePct;
}

/**
 * Every series the key outcomes read (session and programme), once each: what
 * `simulate(…, { series: "summary" })` assembles.
 */
export const SUMMARY_SERIES: readonly string[] = Object.freeze([
  ...new Set([...SESSION_OUTCOMES, ...PROGRAMME_OUTCOMES].map((o) => o.series)),
]);
