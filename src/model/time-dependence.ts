/**
 * Whether a compiled model's rates reference time `t` explicitly (directly or through an
 * assignment or output they read). When they do not, the RHS depends on t only through the
 * inputs, so between the input schedule's breakpoints ∂f/∂t = 0 exactly and a stiff solver need
 * not estimate it by finite differences. Outputs that no rate reads may use `t` freely (e.g. the
 * safety module's exact elapsed-time outputs): they are evaluated at output times only.
 */
import { symbolsOf } from "./expr.ts";
import type { Expr } from "./expr.ts";

/**
 * True when a rate of `model` uses the time symbol `t`, directly or through the definitions it
 * reads (transitively). Computed once when a model is assembled (`CompiledModel.ratesUseTime`),
 * so solvers and the browser model read a plain flag and never need the expression trees.
 */
export function ratesDependOnTime(model: { equations: { rates: readonly Expr[]; definitions: readonly { name: string; expr: Expr }[] } }): boolean {
  const { rates, definitions } = model.equations;
  const byName = new Map(definitions.map((d) => [d.name, d.expr]));
  const seen = new Set<string>();
  const pending: string[] = [];
  for (const r of rates) pending.push(...symbolsOf(r));
  while (pending.length) {
    const name = pending.pop()!;
    if (name === "t") return true;
    if (seen.has(name)) continue;
    seen.add(name);
    const expr = byName.get(name);
    if (expr) pending.push(...symbolsOf(expr));
  }
  return false;
}
