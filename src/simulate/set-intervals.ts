/**
 * Reading sets back out of a simulation: where in the output grid a set is prescribed, and the
 * force capacity (fraction of fresh MVC) right after a set's last repetition — the "Post-0" MVC
 * of studies that test immediately after the final set (e.g. Jessee 2019).
 */
import { seriesOf, type SimulationResult } from "./simulate.ts";

function values(result: SimulationResult, name: string): Float64Array {
  const s = seriesOf(result, name);
  if (!s) throw new Error(`the simulation holds no series ${name} (simulate with series: "all" or include it)`);
  return s.values;
}

/**
 * Contiguous stretches of output samples between `startS` and `endS` (s) during which a set is
 * prescribed (fatigue.prescribedForce > 0), as inclusive [first, last] sample-index ranges.
 */
export function setIntervals(result: SimulationResult, startS: number, endS: number): [number, number][] {
  const prescribed = values(result, "fatigue.prescribedForce");
  const out: [number, number][] = [];
  let first = -1;
  for (let k = 0; k < result.time.length; k++) {
    const on = result.time[k]! >= startS && result.time[k]! <= endS && prescribed[k]! > 0;
    if (on && first < 0) first = k;
    if (!on && first >= 0) { out.push([first, k - 1]); first = -1; }
  }
  if (first >= 0) out.push([first, result.time.length - 1]);
  return out;
}

/**
 * MVC loss (fraction of fresh MVC, 0..1) immediately after the last repetition of the final set
 * between `startS` and `endS`: at the first sample of that set where fewer than half of the
 * prescribed repetitions are performed (fatigue.repetitionsDone < 0.5), else at the set's end.
 */
export function mvcLossAfterLastRepetition(result: SimulationResult, startS: number, endS: number): number {
  const sets = setIntervals(result, startS, endS);
  if (sets.length === 0) throw new Error(`no set is prescribed between ${startS} s and ${endS} s`);
  const [first, last] = sets[sets.length - 1]!;
  const reps = values(result, "fatigue.repetitionsDone");
  let k = first;
  while (k < last && reps[k]! >= 0.5) k++;
  return 1 - values(result, "fatigue.forceCapacity")[k]!;
}
