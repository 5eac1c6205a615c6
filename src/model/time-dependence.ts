/**
 * Whether a compiled model's rates reference time `t` explicitly (directly or through any
 * assignment or output). When they do not, the RHS depends on t only through the inputs, so
 * between the input schedule's breakpoints ∂f/∂t = 0 exactly and a stiff solver need not
 * estimate it by finite differences.
 */
import { symbolsOf } from "./expr.ts";
import type { CompiledModel } from "./types.ts";

/** True when any rate or definition of `model` uses the time symbol `t` (conservative). */
export function ratesDependOnTime(model: CompiledModel): boolean {
  const { rates, definitions } = model.equations;
  return rates.some((r) => symbolsOf(r).has("t")) || definitions.some((d) => symbolsOf(d.expr).has("t"));
}
