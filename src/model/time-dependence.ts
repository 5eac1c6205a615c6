/**
 * Whether a compiled model's rates reference time `t` explicitly (directly or through any
 * assignment or output). When they do not, the RHS depends on t only through the inputs, so
 * between the input schedule's breakpoints ∂f/∂t = 0 exactly and a stiff solver need not
 * estimate it by finite differences.
 */
import { symbolsOf } from "./expr.ts";
import type { Expr } from "./expr.ts";

/**
 * True when any rate or definition of `model` uses the time symbol `t` (conservative). Computed
 * once when a model is assembled (`CompiledModel.ratesUseTime`), so solvers and the browser model
 * read a plain flag and never need the expression trees.
 */
export function ratesDependOnTime(model: { equations: { rates: readonly Expr[]; definitions: readonly { expr: Expr }[] } }): boolean {
  const { rates, definitions } = model.equations;
  return rates.some((r) => symbolsOf(r).has("t")) || definitions.some((d) => symbolsOf(d.expr).has("t"));
}
