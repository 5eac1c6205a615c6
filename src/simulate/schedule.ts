/**
 * Compiles a protocol (and the subject, for %AOP → mmHg) into a piecewise-constant input schedule
 * over the whole programme: segment breakpoints (the ODE engine's `tstops`), the value of every
 * protocol-driven model input on each segment, and the session/set timetable. Times are seconds
 * from the programme start (Monday 00:00 of week 1); a 12-week programme is one schedule.
 */
import type { AopEstimate } from "./aop.ts";
import { pctAopToPressure, pressureToPctAop } from "./aop.ts";
import type { Protocol, ProtocolWarning } from "./protocol.ts";
import { progressedValue, SOFT_LIMITS } from "./protocol-limits.ts";
import { relativeLoadOf } from "./schedule-physiology.ts";
import { SECONDS_PER_DAY, SECONDS_PER_WEEK, sessionStartTimes } from "./session-times.ts";
import type { Subject } from "./subject.ts";
import { subjectAop } from "./subject-parameters.ts";

/** The model inputs a protocol drives (docs/model-format.md), in schedule column order. */
export const INPUT_NAMES = [
  "cuffPressure",
  "relativeLoad",
  "contractionDuty",
  "exercising",
  "passiveMotion",
  "unloading",
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

// The schedule also provides clock inputs derived from these columns (when the current inflation
// and the current rest under the cuff began): TIMER_INPUT_NAMES, written by the input evaluator.
export { scheduleTimers, TIMER_INPUT_NAMES, TIMER_INPUT_RANGES, type TimerInputName } from "./schedule-timers.ts";

/** Allowed range of each input (cuffPressure in mmHg, the rest dimensionless). */
export const INPUT_RANGES: Readonly<Record<InputName, readonly [number, number]>> = {
  cuffPressure: [0, 300],
  relativeLoad: [0, 1],
  contractionDuty: [0, 1],
  exercising: [0, 1],
  passiveMotion: [0, 1],
  unloading: [0, 1],
};

const N_INPUTS = INPUT_NAMES.length;
const [CUFF, LOAD, DUTY, EXERCISING, PASSIVE, UNLOADING] = [0, 1, 2, 3, 4, 5] as const;

/** One set (or bout) of one exercise, s from the programme start. */
export interface SetTiming {
  exercise: number;
  set: number;
  start: number;
  end: number;
}

/** One session: its timing, its sets, and the load and pressure used (after progression). */
export interface SessionTiming {
  index: number;
  /** Training week, 0-based. */
  week: number;
  start: number;
  end: number;
  sets: SetTiming[];
  /** relativeLoad during sets (fraction of baseline 1RM or walking equivalent). */
  relativeLoad: number;
  /** Cuff pressure during sets, mmHg (0 without a cuff). */
  cuffPressureMmHg: number;
}

/** A compiled, piecewise-constant input schedule. Segment k spans [breakpoints[k], breakpoints[k+1]). */
export interface InputSchedule {
  inputNames: readonly InputName[];
  /** Segment start times, s: strictly increasing, breakpoints[0] = 0. */
  breakpoints: Float64Array;
  /** breakpoints without the leading 0: pass as `OdeProblem.tstops`. */
  tstops: Float64Array;
  /** values[k * inputNames.length + i]: input i on segment k (cuffPressure in mmHg). */
  values: Float64Array;
  /** End of the programme (training + detraining), s. */
  tEnd: number;
  sessions: SessionTiming[];
  /** The AOP the %AOP pressures were converted with. */
  aop: AopEstimate;
  /** Protocol warnings plus those that need the subject (mmHg pressures near or above AOP). */
  warnings: ProtocolWarning[];
}

/** A piece of constant inputs during a session: [start, end) and its values. */
interface Piece {
  start: number;
  end: number;
  values: number[];
}

/** Compiles `protocol` for `subject` into an input schedule (see InputSchedule). */
export function compileSchedule(protocol: Protocol, subject: Subject, warnings: readonly ProtocolWarning[] = []): InputSchedule {
  const aop = subjectAop(subject, protocol.cuff.site, protocol.cuff.widthCm);
  const starts = sessionStartTimes(protocol, sessionDurationS(protocol));
  const sessions: SessionTiming[] = [];
  const pieces: Piece[] = [];
  for (let k = 0; k < starts.length; k++) {
    const week = Math.floor(starts[k]! / SECONDS_PER_WEEK);
    sessions.push(buildSession(protocol, aop, k, week, starts[k]!, pieces));
  }
  const lastEnd = sessions.length ? sessions[sessions.length - 1]!.end : 0;
  const imm = protocol.immobilisation;
  const immStart = imm ? imm.startDay * SECONDS_PER_DAY : 0;
  const immEnd = imm ? immStart + imm.durationDays * SECONDS_PER_DAY : 0;
  const trainingEnd = Math.max(protocol.weeks * SECONDS_PER_WEEK, lastEnd, immEnd);
  const tEnd = trainingEnd + protocol.detrainingWeeks * SECONDS_PER_WEEK;
  const { breakpoints, values } = assembleSegments(pieces, imm ? [immStart, Math.min(immEnd, tEnd)] : undefined, tEnd);
  return {
    inputNames: INPUT_NAMES,
    breakpoints,
    tstops: breakpoints.slice(1),
    values,
    tEnd,
    sessions,
    aop,
    warnings: [...warnings, ...pressureWarnings(protocol, sessions, aop)],
  };
}

/** Duration of one session, s (sets, rests between sets, releases between exercises). */
export function sessionDurationS(protocol: Protocol): number {
  const setTime = protocol.sets.reduce((sum, s) => sum + setDurationS(protocol, s), 0);
  const oneExercise = setTime + (protocol.sets.length - 1) * protocol.restBetweenSetsS;
  return protocol.exercisesPerSession * oneExercise + (protocol.exercisesPerSession - 1) * protocol.releaseBetweenExercisesS;
}

function setDurationS(protocol: Protocol, set: Protocol["sets"][number]): number {
  return set.durationS ?? set.reps! * protocol.cadenceS;
}

function buildSession(protocol: Protocol, aop: AopEstimate, index: number, week: number, start: number, pieces: Piece[]): SessionTiming {
  const pressure = cuffPressureMmHg(protocol, aop, week);
  const load = relativeLoadOf(protocol.modality, weeklyIntensity(protocol, week));
  const voluntary = protocol.modality !== "passive" && protocol.modality !== "none";
  const passive = protocol.modality === "passive" && protocol.passiveMotion ? 1 : 0;
  const onSet = [pressure, voluntary ? load : 0, voluntary ? protocol.contractionDuty : 0, voluntary ? 1 : 0, passive, 0];
  const inRest = [protocol.cuff.inflation === "continuous" ? pressure : 0, 0, 0, 0, 0, 0];
  const sets: SetTiming[] = [];
  let t = start;
  for (let e = 0; e < protocol.exercisesPerSession; e++) {
    if (e > 0) t += protocol.releaseBetweenExercisesS;
    protocol.sets.forEach((set, j) => {
      if (j > 0) {
        pieces.push({ start: t, end: t + protocol.restBetweenSetsS, values: inRest });
        t += protocol.restBetweenSetsS;
      }
      const end = t + setDurationS(protocol, set);
      pieces.push({ start: t, end, values: onSet });
      sets.push({ exercise: e, set: j, start: t, end });
      t = end;
    });
  }
  return { index, week, start, end: t, sets, relativeLoad: onSet[LOAD]!, cuffPressureMmHg: pressure };
}

/** Cuff pressure in training week `week`, mmHg (progression applied; %AOP converted with the subject's AOP). */
export function cuffPressureMmHg(protocol: Protocol, aop: AopEstimate, week: number): number {
  const { cuff, progression } = protocol;
  if (cuff.site === "none") return 0;
  if (cuff.pressure.pctAop !== undefined) {
    return pctAopToPressure(progressedValue(cuff.pressure.pctAop, progression.pressure, week), aop.aopMmHg);
  }
  return progressedValue(cuff.pressure.mmHg, progression.pressure, week);
}

/** Intensity in training week `week` (progressions applied). */
export function weeklyIntensity(protocol: Protocol, week: number): Protocol["intensity"] {
  const { intensity: i, progression: p } = protocol;
  const at = (v: number | undefined, key: keyof Protocol["progression"]) =>
    v === undefined ? undefined : progressedValue(v, p[key], week);
  return {
    loadPct1Rm: at(i.loadPct1Rm, "loadPct1Rm"),
    walkingSpeedMPerMin: at(i.walkingSpeedMPerMin, "walkingSpeedMPerMin"),
    pctHrr: at(i.pctHrr, "pctHrr"),
  };
}

/** Merges session pieces and the unloading interval into unique, sorted segments; merges equal neighbours. */
function assembleSegments(pieces: Piece[], unloading: [number, number] | undefined, tEnd: number) {
  const cuts = new Set<number>([0]);
  for (const p of pieces) cuts.add(p.start).add(p.end);
  if (unloading) cuts.add(unloading[0]).add(unloading[1]);
  const times = [...cuts].filter((x) => x < tEnd).sort((a, b) => a - b);
  const bps: number[] = [];
  const vals: number[] = [];
  let pi = 0;
  const row = new Array<number>(N_INPUTS);
  for (const t of times) {
    while (pi < pieces.length && pieces[pi]!.end <= t) pi++;
    const piece = pi < pieces.length && pieces[pi]!.start <= t ? pieces[pi] : undefined;
    for (let i = 0; i < N_INPUTS; i++) row[i] = piece ? piece.values[i]! : 0;
    row[UNLOADING] = unloading && t >= unloading[0] && t < unloading[1] ? 1 : 0;
    const last = bps.length - 1;
    if (last >= 0 && row.every((v, i) => v === vals[last * N_INPUTS + i])) continue;
    bps.push(t);
    vals.push(...row);
  }
  return { breakpoints: Float64Array.from(bps), values: Float64Array.from(vals) };
}

/** Warnings that need the subject's AOP: mmHg pressures above 80 % or 100 % of the AOP. */
function pressureWarnings(protocol: Protocol, sessions: SessionTiming[], aop: AopEstimate): ProtocolWarning[] {
  if (protocol.cuff.site === "none" || protocol.cuff.pressure.mmHg === undefined || sessions.length === 0) return [];
  const maxMmHg = Math.max(...sessions.map((s) => s.cuffPressureMmHg));
  const pct = pressureToPctAop(maxMmHg, aop.aopMmHg);
  const est = `${aop.aopMmHg.toFixed(0)} ± ${aop.seMmHg.toFixed(0)} mmHg, ${aop.method}`;
  if (pct > 100) {
    return [{ field: "cuff.pressure.mmHg", value: maxMmHg, message: `${maxMmHg} mmHg is ${pct.toFixed(0)} % of this subject's AOP (${est}): likely full arterial occlusion` }];
  }
  if (pct > SOFT_LIMITS.maxPctAopOlderAdults) {
    return [{ field: "cuff.pressure.mmHg", value: maxMmHg, message: `${maxMmHg} mmHg is ${pct.toFixed(0)} % of this subject's AOP (${est}), above the review's ${SOFT_LIMITS.maxPctAopOlderAdults} %AOP limit for older adults` }];
  }
  return [];
}
