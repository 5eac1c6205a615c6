/**
 * Fast lookup of the scheduled inputs at a time, writing them into the model's input vector:
 * the protocol's inputs (INPUT_NAMES) and the schedule's clock inputs (TIMER_INPUT_NAMES, derived
 * once here when the model declares them). A cursor makes the usual forward-in-time calls O(1); a
 * jump falls back to binary search. No allocation per call.
 */
import type { InputSchedule } from "./schedule.ts";
import { scheduleTimers, TIMER_INPUT_NAMES } from "./schedule-timers.ts";

/** Reads a compiled schedule at any time; create one per solve (it keeps a cursor). */
export interface InputEvaluator {
  /**
   * Writes the inputs at `tS` (s) into `u` at the model's indices; right-continuous: at a
   * breakpoint the new segment's values. Inputs the model does not have are skipped.
   */
  inputsAt(tS: number, u: Float64Array): void;
  /**
   * Left limit: at a breakpoint, the values of the segment that ends there. Use this for a step
   * that ends on a tstop, so its last stage does not see the next segment.
   */
  inputsBefore(tS: number, u: Float64Array): void;
  /** Index of the segment containing `tS` (right-continuous). */
  segmentAt(tS: number): number;
}

/**
 * Creates an evaluator for `schedule`, given where each input sits in the model's input vector
 * (`inputIndex[name]`, e.g. from the compiled model's input names).
 */
export function createInputEvaluator(
  schedule: InputSchedule,
  inputIndex: Readonly<Record<string, number>> | readonly string[],
): InputEvaluator {
  const names = schedule.inputNames;
  const lookup = Array.isArray(inputIndex)
    ? Object.fromEntries((inputIndex as readonly string[]).map((n, i) => [n, i]))
    : (inputIndex as Readonly<Record<string, number>>);
  const pairs = names.map((n, i) => [i, lookup[n] ?? -1] as const).filter(([, target]) => target >= 0);
  const source = Int32Array.from(pairs.map(([i]) => i));
  const target = Int32Array.from(pairs.map(([, j]) => j));
  const timerPairs = TIMER_INPUT_NAMES.map((n, i) => [i, lookup[n] ?? -1] as const).filter(([, target]) => target >= 0);
  const timerSource = Int32Array.from(timerPairs.map(([i]) => i));
  const timerTarget = Int32Array.from(timerPairs.map(([, j]) => j));
  const timers = timerPairs.length ? scheduleTimers(schedule) : new Float64Array(0);
  const nTimers = TIMER_INPUT_NAMES.length;
  const bp = schedule.breakpoints;
  const values = schedule.values;
  const nInputs = names.length;
  const nSeg = bp.length;
  let cursor = 0;

  /** True when t lies in segment k: [bp[k], bp[k+1]) (right) or (bp[k], bp[k+1]] (left); ends open. */
  function contains(k: number, t: number, left: boolean): boolean {
    const afterStart = k === 0 || (left ? bp[k]! < t : bp[k]! <= t);
    const beforeEnd = k + 1 >= nSeg || (left ? t <= bp[k + 1]! : t < bp[k + 1]!);
    return afterStart && beforeEnd;
  }

  /** Segment of t: the cursor, its successor, or a binary search. */
  function locate(t: number, left: boolean): number {
    if (contains(cursor, t, left)) return cursor;
    if (cursor + 1 < nSeg && contains(cursor + 1, t, left)) return ++cursor;
    let lo = 0;
    let hi = nSeg - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (left ? bp[mid]! < t : bp[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    cursor = lo;
    return lo;
  }

  function write(k: number, u: Float64Array): void {
    const base = k * nInputs;
    for (let p = 0; p < source.length; p++) u[target[p]!] = values[base + source[p]!]!;
    for (let p = 0; p < timerSource.length; p++) u[timerTarget[p]!] = timers[k * nTimers + timerSource[p]!]!;
  }

  return {
    inputsAt(t, u) {
      write(locate(t, false), u);
    },
    inputsBefore(t, u) {
      write(locate(t, true), u);
    },
    segmentAt(t) {
      return locate(t, false);
    },
  };
}
