/**
 * The solver's output (one row-major block of SI states per output time) turned into named
 * series in declared units: every state, and every model output evaluated at every output time.
 * Hot loops are small functions over typed arrays, so V8 optimises them once and keeps them
 * (inside one long function they were deoptimised and re-entered through OSR on most calls).
 */
import { InputError } from "../errors.ts";
import type { CompiledModel } from "../model/types.ts";
import { didYouMean } from "../suggest.ts";
import { createInputEvaluator } from "./input-evaluator.ts";
import { SUMMARY_SERIES } from "./outcomes.ts";
import type { InputSchedule } from "./schedule.ts";

/** A named time series in a declared unit. */
export interface Series {
  name: string;
  unit: string;
  values: Float64Array;
}

/**
 * Which series `simulate` assembles: "all" (every state and output), "summary" (only those the
 * outcome summary reads, SUMMARY_SERIES: a sweep's rows need nothing else), or a list of names.
 */
export type SeriesSelection = "all" | "summary" | readonly string[];

/** Model indices of the selected states and outputs, each ascending (model order). */
export interface SelectedSeries {
  states: readonly number[];
  outputs: readonly number[];
}

/**
 * Resolves a selection against `model`: "summary" skips names the model lacks (a model without a
 * series simply has no such outcome); an explicit name that is neither a state nor an output is
 * an InputError (with the closest name suggested).
 */
export function selectSeries(model: CompiledModel, selection: SeriesSelection = "all"): SelectedSeries {
  if (selection === "all") return { states: model.states.map((_, i) => i), outputs: model.observables.map((_, i) => i) };
  if (selection !== "summary" && !Array.isArray(selection)) {
    throw new InputError("options.series", selection, '"all", "summary" or an array of state/output names');
  }
  const wanted = new Set(selection === "summary" ? SUMMARY_SERIES : selection);
  if (selection !== "summary") {
    const known = [...model.observables.map((o) => o.name), ...model.states.map((s) => s.name)];
    const all = new Set(known);
    for (const name of wanted) {
      if (typeof name !== "string" || !all.has(name)) {
        throw new InputError("options.series", name, `the name of a state or output of model ${model.name}${didYouMean(String(name), known)}`);
      }
    }
  }
  const states: number[] = [];
  const outputs: number[] = [];
  model.states.forEach((s, i) => { if (wanted.has(s.name)) states.push(i); });
  model.observables.forEach((o, i) => { if (wanted.has(o.name)) outputs.push(i); });
  return { states, outputs };
}

/** Output points processed together, so the transpose into series stays in cache. */
const BLOCK = 64;

/**
 * Series of the selected states (SI values / scale) and model outputs (default: all) at the times
 * `time`, from `flat` (state i at time k is flat[k·nStates + i], SI), with parameters `p` and the
 * inputs of `schedule`. The values of a series do not depend on which others are selected.
 */
export function assembleSeries(
  model: CompiledModel, schedule: InputSchedule, p: Float64Array, time: Float64Array, flat: Float64Array,
  selected: SelectedSeries = selectSeries(model, "all"),
): { states: Series[]; outputs: Series[] } {
  const n = time.length;
  const nS = model.states.length;
  const states = selected.states.map((i) => ({ name: model.states[i]!.name, unit: model.states[i]!.unit, values: new Float64Array(n) }));
  const outputs = selected.outputs.map((i) => ({ name: model.observables[i]!.name, unit: model.observables[i]!.unit, values: new Float64Array(n) }));
  const stateIndex = Int32Array.from(selected.states);
  const stateScale = Float64Array.from(selected.states, (i) => model.states[i]!.scale);
  const stateValues = states.map((s) => s.values);
  const outputValues = outputs.map((o) => o.values);
  const nO = outputs.length;
  const outBlock = new Float64Array(BLOCK * nO);
  // no output selected: the model's output function is not evaluated at all
  const points = nO > 0 ? outputEvaluator(model, schedule, p, flat, nS, Int32Array.from(selected.outputs), outBlock) : null;
  // Point by point into a small row-major block, then column by column into the series: writing
  // ~90 series one point at a time misses the cache on every write.
  for (let k0 = 0; k0 < n; k0 += BLOCK) {
    const k1 = Math.min(n, k0 + BLOCK);
    points?.(time, k0, k1);
    for (let j = 0; j < stateIndex.length; j++) columnOf(stateValues[j]!, flat, nS, stateIndex[j]!, k0, k1, 0, stateScale[j]!);
    for (let j = 0; j < nO; j++) columnOf(outputValues[j]!, outBlock, nO, j, k0, k1, k0, 1);
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
 * A function that writes the selected model outputs (`which`, model indices) at time[k] for k in
 * [k0, k1) into rows 0.. of outBlock (row length which.length). Inputs are piecewise constant, so they are looked up and converted only when the
 * schedule segment changes.
 */
function outputEvaluator(
  model: CompiledModel, schedule: InputSchedule, p: Float64Array, flat: Float64Array, nS: number, which: Int32Array,
  outBlock: Float64Array,
): (time: Float64Array, k0: number, k1: number) => void {
  const nO = model.observables.length;
  const nW = which.length;
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
      for (let j = 0, o = (k - k0) * nW; j < nW; j++) outBlock[o + j] = out[which[j]!]!;
    }
  };
}
