/**
 * The dose a session delivers, read off the compiled schedule: work time, repetitions, cuff time
 * and the longest uninterrupted inflation (a safety metric: how long the limb stays restricted).
 */
import type { Protocol } from "./protocol.ts";
import type { InputSchedule, SessionTiming } from "./schedule.ts";

/** Per-session dose; times in s, pressures in mmHg. */
export interface SessionDose {
  index: number;
  week: number;
  /** Time in sets (or bouts), s. */
  workS: number;
  /** Repetitions performed (0 for timed bouts). */
  reps: number;
  /** Time with the cuff inflated, s. */
  cuffInflatedS: number;
  /** Longest uninterrupted inflation, s. */
  longestInflationS: number;
  /** Cuff pressure during sets, mmHg. */
  cuffPressureMmHg: number;
  /** Load during sets as a fraction of 1RM (or walking equivalent). */
  relativeLoad: number;
}

/** The dose of every session of a compiled schedule. */
export function sessionDoses(protocol: Protocol, schedule: InputSchedule): SessionDose[] {
  const repsPerExercise = protocol.sets.reduce((n, s) => n + (s.reps ?? 0), 0);
  return schedule.sessions.map((session) => ({
    index: session.index,
    week: session.week,
    workS: session.sets.reduce((sum, s) => sum + (s.end - s.start), 0),
    reps: repsPerExercise * protocol.exercisesPerSession,
    ...inflation(schedule, session),
    cuffPressureMmHg: session.cuffPressureMmHg,
    relativeLoad: session.relativeLoad,
  }));
}

/** Cuff-on time and the longest inflated stretch within a session, from the schedule's segments. */
function inflation(schedule: InputSchedule, session: SessionTiming): { cuffInflatedS: number; longestInflationS: number } {
  const bp = schedule.breakpoints;
  const n = schedule.inputNames.length;
  const cuff = schedule.inputNames.indexOf("cuffPressure");
  let total = 0;
  let longest = 0;
  let run = 0;
  for (let k = 0; k < bp.length; k++) {
    const start = Math.max(bp[k]!, session.start);
    const end = Math.min(k + 1 < bp.length ? bp[k + 1]! : schedule.tEnd, session.end);
    if (end <= start) continue;
    if (schedule.values[k * n + cuff]! > 0) {
      total += end - start;
      run += end - start;
      longest = Math.max(longest, run);
    } else {
      run = 0;
    }
  }
  return { cuffInflatedS: total, longestInflationS: longest };
}
