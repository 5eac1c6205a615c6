/**
 * Outcome summaries of a simulation: per session (peak, nadir, time of peak and area of every
 * series in the window from the session start to the next session, at most 48 h) and per
 * programme (every series at the start of each week and at the end, and its change from
 * baseline). Generic over series names, so any model can be summarised.
 */
import type { Series, SimulationResult } from "./simulate.ts";

/** Window after a session start over which its response is read, s (at most). */
export const SESSION_WINDOW_S = 48 * 3600;

/** One series' response to one session. */
export interface SessionResponse {
  /** Value at the session start. */
  baseline: number;
  peak: number;
  /** Time of the peak after the session start, s. */
  tPeakS: number;
  nadir: number;
  /** Time of the nadir after the session start, s. */
  tNadirS: number;
  /** Integral over the window, unit·s. */
  auc: number;
  /** Window length, s. */
  windowS: number;
}

export interface SessionSummary {
  index: number;
  week: number;
  startS: number;
  relativeLoad: number;
  cuffPressureMmHg: number;
  /** Response of every series (outputs and states), by name. */
  responses: Record<string, SessionResponse>;
}

/** Per-session responses of every output and state. */
export function summarizeSessions(result: SimulationResult): SessionSummary[] {
  const { time } = result;
  const all = [...result.outputs, ...result.states];
  const sessions = result.schedule.sessions.filter((s) => s.start < time[time.length - 1]!);
  return sessions.map((session, k) => {
    const next = sessions[k + 1]?.start ?? Infinity;
    const from = session.start;
    const to = Math.min(next, from + SESSION_WINDOW_S, time[time.length - 1]!);
    const i0 = indexAtOrAfter(time, from);
    const i1 = indexAtOrAfter(time, to);
    const responses: Record<string, SessionResponse> = {};
    for (const s of all) responses[s.name] = response(time, s.values, i0, i1);
    return {
      index: session.index,
      week: session.week,
      startS: session.start,
      relativeLoad: session.relativeLoad,
      cuffPressureMmHg: session.cuffPressureMmHg,
      responses,
    };
  });
}

function response(time: Float64Array, v: Float64Array, i0: number, i1: number): SessionResponse {
  let peak = -Infinity;
  let nadir = Infinity;
  let iPeak = i0;
  let iNadir = i0;
  let auc = 0;
  for (let i = i0; i <= i1; i++) {
    const x = v[i]!;
    if (x > peak) { peak = x; iPeak = i; }
    if (x < nadir) { nadir = x; iNadir = i; }
    if (i > i0) auc += 0.5 * (x + v[i - 1]!) * (time[i]! - time[i - 1]!);
  }
  return {
    baseline: v[i0]!,
    peak,
    tPeakS: time[iPeak]! - time[i0]!,
    nadir,
    tNadirS: time[iNadir]! - time[i0]!,
    auc,
    windowS: time[i1]! - time[i0]!,
  };
}

/** A series over the programme: value at the start of each week and at the end. */
export interface ProgrammeTrajectory {
  name: string;
  unit: string;
  baseline: number;
  /** Value at the start of week w+1 (i.e. after w complete weeks), w = 0..weeks. */
  weekly: number[];
  final: number;
  /** (final − baseline) / |baseline| × 100, or null when the baseline is 0. */
  changePct: number | null;
}

/** Weekly trajectory of every output and state. */
export function summarizeProgramme(result: SimulationResult): ProgrammeTrajectory[] {
  const { time } = result;
  const tEnd = time[time.length - 1]!;
  const weeks = Math.floor(tEnd / (7 * 86400) + 1e-9);
  return [...result.outputs, ...result.states].map((s) => trajectory(time, s, weeks, tEnd));
}

function trajectory(time: Float64Array, s: Series, weeks: number, tEnd: number): ProgrammeTrajectory {
  const baseline = s.values[0]!;
  const weekly: number[] = [];
  for (let w = 0; w <= weeks; w++) weekly.push(valueAt(time, s.values, Math.min(w * 7 * 86400, tEnd)));
  const final = s.values[s.values.length - 1]!;
  return {
    name: s.name,
    unit: s.unit,
    baseline,
    weekly,
    final,
    changePct: baseline === 0 ? null : ((final - baseline) / Math.abs(baseline)) * 100,
  };
}

/** Linear interpolation of a sampled series at t (clamped to the sampled span). */
export function valueAt(time: Float64Array, v: Float64Array, t: number): number {
  if (t <= time[0]!) return v[0]!;
  const n = time.length;
  if (t >= time[n - 1]!) return v[n - 1]!;
  const i = indexAtOrAfter(time, t);
  const t0 = time[i - 1]!;
  const t1 = time[i]!;
  return v[i - 1]! + ((v[i]! - v[i - 1]!) * (t - t0)) / (t1 - t0);
}

/** First index with time[i] >= t (the last index when t is beyond the end). */
function indexAtOrAfter(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
