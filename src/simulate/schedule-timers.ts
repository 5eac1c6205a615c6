/**
 * The schedule's clock inputs: when the current cuff inflation and the current rest under the cuff
 * began, per schedule segment, in seconds of programme time. They are derived from the schedule's
 * own cuffPressure and exercising columns, so they change only where those do: piecewise constant
 * on the same breakpoints (every one a tstop). A model turns them into exact elapsed times with `t`
 * in its outputs (models/modules/safety.yaml), instead of integrating clocks as stiff ODE states.
 */
import type { InputSchedule } from "./schedule.ts";

/** The clock inputs the schedule provides besides INPUT_NAMES (docs/model-format.md), in column order. */
export const TIMER_INPUT_NAMES = ["cuffInflatedSince", "restUnderCuffSince"] as const;
export type TimerInputName = (typeof TIMER_INPUT_NAMES)[number];

/** Allowed range of each clock input, s of programme time (within [0, schedule.tEnd] in practice). */
export const TIMER_INPUT_RANGES: Readonly<Record<TimerInputName, readonly [number, number]>> = {
  cuffInflatedSince: [0, Infinity],
  restUnderCuffSince: [0, Infinity],
};

/**
 * Clock inputs of every segment of `schedule`: timers[k * TIMER_INPUT_NAMES.length + j] is TIMER_INPUT_NAMES[j] on
 * segment k, s. The cuff counts as inflated while its scheduled pressure is > 0; a rest under the
 * cuff is an inflated stretch with exercising = 0, so it starts at the end of the last prescribed
 * set or bout (not where the subject stopped early), or at the inflation if no set preceded it in
 * that inflation. Outside an inflation (or outside such a rest) the value is 0: consumers gate on
 * the inflated and exercising indicators.
 */
export function scheduleTimers(schedule: Pick<InputSchedule, "inputNames" | "breakpoints" | "values">): Float64Array {
  const n = schedule.inputNames.length;
  const cuff = schedule.inputNames.indexOf("cuffPressure");
  const exercising = schedule.inputNames.indexOf("exercising");
  const bp = schedule.breakpoints;
  const stride = TIMER_INPUT_NAMES.length;
  const timers = new Float64Array(bp.length * stride);
  let inflatedSince = -1; // -1: not in an inflation / not in a rest under the cuff
  let restSince = -1;
  for (let k = 0; k < bp.length; k++) {
    const inflated = cuff >= 0 && schedule.values[k * n + cuff]! > 0;
    const resting = inflated && !(exercising >= 0 && schedule.values[k * n + exercising]! > 0);
    inflatedSince = inflated ? (inflatedSince >= 0 ? inflatedSince : bp[k]!) : -1;
    restSince = resting ? (restSince >= 0 ? restSince : bp[k]!) : -1;
    timers[k * stride] = Math.max(inflatedSince, 0);
    timers[k * stride + 1] = Math.max(restSince, 0);
  }
  return timers;
}
