/**
 * The solver's output (one row-major block of SI states per output time) turned into named
 * series in declared units: every state, and every model output evaluated at every output time.
 * Hot loops are small functions over typed arrays, so V8 optimises them once and keeps them
 * (inside one long function they were deoptimised and re-entered through OSR on most calls).
 */
import type { CompiledModel } from "../model/types.ts";
import { createInputEvaluator } from "./input-evaluator.ts";
import type { InputSchedule } from "./schedule.ts";

/** A named time series in a declared unit. */
export interface Series {
  name: string;
  unit: string;
  values: Float64Array;
}

/** Output points processed together, so the transpose into series stays in cache. */
const BLOCK = 64;

/**
 * Series of every state (SI values / scale) and every model output at the times `time`, from
 * `flat` (state i at time k is flat[k·nStates + i], SI), with parameters `p` and the inputs of
 * `schedule`.
 */
export function assembleSeries(
  model: CompiledModel, schedule: InputSchedule, p: Float64Array, time: Float64Array, flat: Float64Array,
): { states: Series[]; outputs: Series[] } {
  const n = time.length;
  const states = model.states.map((s) => ({ name: s.name, unit: s.unit, values: new Float64Array(n) }));
  const outputs = model.observables.map((o) => ({ name: o.name, unit: o.unit, values: new Float64Array(n) }));
  const nS = states.length;
  const nO = outputs.length;
  const stateScale = Float64Array.from(model.states, (s) => s.scale);
  const stateValues = states.map((s) => s.values);
  const outputValues = outputs.map((o) => o.values);
  const outBlock = new Float64Array(BLOCK * nO);
  const points = outputEvaluator(model, schedule, p, flat, nS, outBlock);
  // Point by point into a small row-major block, then column by column into the series: writing
  // ~90 series one point at a time misses the cache on every write.
  for (let k0 = 0; k0 < n; k0 += BLOCK) {
    const k1 = Math.min(n, k0 + BLOCK);
    points(time, k0, k1);
    for (let i = 0; i < nS; i++) columnOf(stateValues[i]!, flat, nS, i, k0, k1, 0, stateScale[i]!);
    for (let i = 0; i < nO; i++) columnOf(outputValues[i]!, outBlock, nO, i, k0, k1, k0, 1);
  }
  return { states, outputs };
}

/**
 * values[k] = src[(k − base)·stride + offset] / scale for k in [k0, k1): one series' values
 * from a row-major block (scale 1 divides exactly, so outputs are copied unchanged).
 */
function columnOf(
  values: Float64Array, src: Float64Array, stride: number, offset: number, k0: number, k1: number, base: number, scale: number,
): void {
  for (let k = k0, q = (k0 - base) * stride + offset; k < k1; k++, q += stride) values[k] = src[q]! / scale;
}

/**
 * A function that writes the model outputs at time[k] for k in [k0, k1) into rows 0.. of
 * outBlock. Inputs are piecewise constant, so they are looked up and converted only when the
 * schedule segment changes.
 */
function outputEvaluator(
  model: CompiledModel, schedule: InputSchedule, p: Float64Array, flat: Float64Array, nS: number, outBlock: Float64Array,
): (time: Float64Array, k0: number, k1: number) => void {
  const nO = model.observables.length;
  // parameter-only subexpressions computed once (bit-identical to model.outputs)
  const { outputs } = model.bindParameters(p);
  const evaluator = createInputEvaluator(schedule, model.inputs.map((i) => i.name));
  const u = new Float64Array(model.inputs.length);
  const uDeclared = new Float64Array(model.inputs.length);
  const y = new Float64Array(nS);
  const out = new Float64Array(nO);
  let segment = -1;
  return (time, k0, k1) => {
    for (let k = k0; k < k1; k++) {
      const t = time[k]!;
      const s = evaluator.segmentAt(t);
      if (s !== segment) {
        evaluator.inputsAt(t, uDeclared);
        model.inputsToInternal(uDeclared, u);
        segment = s;
      }
      for (let i = 0, o = k * nS; i < nS; i++) y[i] = flat[o + i]!;
      outputs(t, y, u, out);
      for (let i = 0, o = (k - k0) * nO; i < nO; i++) outBlock[o + i] = out[i]!;
    }
  };
}
