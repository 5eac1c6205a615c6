/**
 * Output times for a simulated programme: fine during sessions (seconds matter for O2, PCr and
 * pH), medium in the hours after each session (GH, IL-6, signalling), coarse otherwise (days to
 * weeks of adaptation). The grid is read from the dense solution, so it never forces steps.
 */
import type { InputSchedule } from "./schedule.ts";

/** How densely to sample each phase of a programme, in seconds. */
export interface SamplingOptions {
  /** Output step during a session, s (default 5). */
  sessionStepS: number;
  /** Output step in the recovery window after a session, s (default 120). */
  recoveryStepS: number;
  /** Length of the recovery window, s (default 6 h). */
  recoveryWindowS: number;
  /** Output step at all other times, s (default 1 h). */
  restStepS: number;
}

export const DEFAULT_SAMPLING: Readonly<SamplingOptions> = Object.freeze({
  sessionStepS: 5,
  recoveryStepS: 120,
  recoveryWindowS: 6 * 3600,
  restStepS: 3600,
});

/** Sorted, unique output times (s) over [0, schedule.tEnd] for `schedule`. */
export function samplingTimes(schedule: InputSchedule, sampling: SamplingOptions = DEFAULT_SAMPLING): Float64Array {
  const tEnd = schedule.tEnd;
  const times: number[] = [];
  const fill = (from: number, to: number, step: number) => {
    const end = Math.min(to, tEnd);
    if (from >= end) return; // a session (or its recovery) after a shortened tEnd has no samples
    const n = Math.max(1, Math.ceil((end - from) / step));
    for (let k = 0; k <= n; k++) times.push(from + ((end - from) * k) / n);
  };
  fill(0, tEnd, sampling.restStepS);
  for (const session of schedule.sessions) {
    fill(session.start, session.end, sampling.sessionStepS);
    fill(session.end, session.end + sampling.recoveryWindowS, sampling.recoveryStepS);
  }
  const sorted = Float64Array.from(times).sort();
  let m = 0;
  for (let k = 0; k < sorted.length; k++) {
    if (m === 0 || sorted[k]! > sorted[m - 1]!) sorted[m++] = sorted[k]!;
  }
  return sorted.slice(0, m);
}
