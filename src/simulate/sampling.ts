/**
 * Output times for a simulated programme: fine during sessions and the minutes after cuff release
 * (seconds matter for O2, PCr and pH), medium in the hours after each session (GH, IL-6, signalling), coarse otherwise (days to
 * weeks of adaptation). The grid is read from the dense solution, so it never forces steps.
 */
import type { InputSchedule } from "./schedule.ts";

/** How densely to sample each phase of a programme, in seconds. */
export interface SamplingOptions {
  /** Output step during a session, s (default 5). */
  sessionStepS: number;
  /**
   * Minutes right after a session still sampled at `sessionStepS`, s (default 600): the cuff
   * release transient (reactive hyperaemia, PCr and O2 recovery) is over in a few minutes.
   */
  releaseWindowS?: number;
  /** Output step in the recovery window after a session, s (default 120). */
  recoveryStepS: number;
  /** Length of the recovery window, s (default 6 h). */
  recoveryWindowS: number;
  /** Output step at all other times, s (default 1 h). */
  restStepS: number;
}

export const DEFAULT_SAMPLING: Readonly<Required<SamplingOptions>> = Object.freeze({
  sessionStepS: 5,
  releaseWindowS: 600,
  recoveryStepS: 120,
  recoveryWindowS: 6 * 3600,
  restStepS: 3600,
});

/**
 * The last grid made, by what it depends on: the points of a sweep that change only doses (pressure,
 * load) share their session times, and building the grid (≈ 21 000 times, sorted) costs ≈ 3 ms.
 */
let lastGrid: { key: string; times: Float64Array } | null = null;

/** Sorted, unique output times (s) over [0, schedule.tEnd] for `schedule`; `options` override DEFAULT_SAMPLING. */
export function samplingTimes(schedule: InputSchedule, options: Partial<SamplingOptions> = {}): Float64Array {
  const sampling: Required<SamplingOptions> = { ...DEFAULT_SAMPLING, ...options } as Required<SamplingOptions>;
  const key = gridKey(schedule, sampling);
  if (lastGrid?.key !== key) lastGrid = { key, times: buildGrid(schedule, sampling) };
  return lastGrid.times.slice(); // a copy: callers own their grid
}

/** Everything the grid depends on, as text (numbers in full precision). */
function gridKey(schedule: InputSchedule, s: Required<SamplingOptions>): string {
  const parts = [schedule.tEnd, s.sessionStepS, s.releaseWindowS, s.recoveryStepS, s.recoveryWindowS, s.restStepS];
  for (const session of schedule.sessions) parts.push(session.start, session.end);
  return parts.join(",");
}

function buildGrid(schedule: InputSchedule, sampling: Required<SamplingOptions>): Float64Array {
  const tEnd = schedule.tEnd;
  const times: number[] = [];
  const fill = (from: number, to: number, step: number) => {
    const end = Math.min(to, tEnd);
    if (from >= end) return; // a session (or its recovery) after a shortened tEnd has no samples
    const n = Math.max(1, Math.ceil((end - from) / step));
    // the last point is `end` itself: from + (end - from) · n / n can round one ulp past it (past tEnd)
    for (let k = 0; k < n; k++) times.push(from + ((end - from) * k) / n);
    times.push(end);
  };
  fill(0, tEnd, sampling.restStepS);
  for (const session of schedule.sessions) {
    fill(session.start, session.end + sampling.releaseWindowS, sampling.sessionStepS);
    fill(session.end, session.end + sampling.recoveryWindowS, sampling.recoveryStepS);
  }
  const sorted = Float64Array.from(times).sort();
  let m = 0;
  for (let k = 0; k < sorted.length; k++) {
    if (m === 0 || sorted[k]! > sorted[m - 1]!) sorted[m++] = sorted[k]!;
  }
  return sorted.slice(0, m);
}
