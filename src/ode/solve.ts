/**
 * `solve(problem, options)`: problem → solution, plain data in and out.
 *
 * Failures of the integration (step underflow, too many steps, a non-finite derivative, a
 * singular iteration matrix) do not throw: the solution comes back with status "failed",
 * `error` set to the typed error, and everything computed up to that point. `solveOrThrow`
 * throws that error instead (its `partial` holds the same solution). Bad input always throws
 * an InputError naming the field.
 */
import { Integration } from "./driver.ts";
import { resolveOptions, resolveProblem } from "./options.ts";
import type { OdeProblem, OdeSolution, SolveOptions } from "./types.ts";

/** Integrates `problem` over its tspan (times in the problem's own units). */
export function solve(problem: OdeProblem, options?: SolveOptions): OdeSolution {
  const p = resolveProblem(problem);
  const o = resolveOptions(options, p);
  return new Integration(problem, p, o).run();
}

/** As {@link solve}, but throws the typed OdeSolveError (with `.partial`) when the run fails. */
export function solveOrThrow(problem: OdeProblem, options?: SolveOptions): OdeSolution {
  const sol = solve(problem, options);
  if (sol.status === "failed" && sol.error) throw sol.error;
  return sol;
}

/** A frozen copy of `problem` with some fields replaced (SciMLBase's `remake`). */
export function remake(problem: OdeProblem, changes: Partial<OdeProblem>): OdeProblem {
  return Object.freeze({ ...problem, ...changes });
}
