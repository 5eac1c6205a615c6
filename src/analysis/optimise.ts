/**
 * Choosing a prescription: the point that maximises (or minimises) one outcome subject to bounds on
 * inputs or outcomes — e.g. the largest CSA gain with cuff pressure ≤ 80 %AOP and discomfort under
 * a ceiling — over rows already computed by a sweep, or over candidate points given an evaluator.
 */
import { InputError } from "../errors.ts";
import type { PointEvaluator } from "../sweep/evaluator.ts";
import type { Point } from "../sweep/spec.ts";

/** A bound on an input or outcome column: min ≤ value ≤ max (either may be absent). */
export interface Constraint {
  name: string;
  min?: number;
  max?: number;
}

/** Options of `selectOptimum`. */
export interface OptimumOptions {
  /** The outcome to optimise. */
  objective: string;
  /** Default "max". */
  direction?: "max" | "min";
  /** Default none. */
  constraints?: Constraint[];
  /** How many of the best feasible rows to keep in `ranked` (default 1). */
  top?: number;
}

/** The best feasible row, and how many rows were seen, feasible, or failed a constraint. */
export interface OptimumResult {
  best: Record<string, number | string> | null;
  /** The `top` best feasible rows, best first (ties keep file order). */
  ranked: Array<Record<string, number | string>>;
  rows: number;
  feasible: number;
  /** Constraint name → rows it excluded (a row can fail several). */
  excludedBy: Record<string, number>;
}

function validate(o: OptimumOptions): void {
  if (typeof o.objective !== "string" || o.objective === "") throw new InputError("objective", o.objective, "an outcome name");
  if (o.direction !== undefined && o.direction !== "max" && o.direction !== "min") throw new InputError("direction", o.direction, '"max" or "min"');
  for (const [k, c] of (o.constraints ?? []).entries()) {
    if (c.min === undefined && c.max === undefined) throw new InputError(`constraints[${k}]`, c, "a min, a max or both");
    if (c.min !== undefined && c.max !== undefined && c.min > c.max) throw new InputError(`constraints[${k}].max`, c.max, `≥ min (${c.min})`);
  }
}

/** Picks the best row meeting every constraint; rows with an error or a non-numeric objective are skipped. */
export function selectOptimum(rows: Iterable<Record<string, number | string | null | undefined>>, options: OptimumOptions): OptimumResult {
  validate(options);
  const top = options.top ?? 1;
  if (!Number.isInteger(top) || top < 1) throw new InputError("top", top, "a positive integer");
  const ranked: Array<{ value: number; row: Record<string, number | string> }> = [];
  const sign = options.direction === "min" ? -1 : 1;
  const constraints = options.constraints ?? [];
  const excludedBy: Record<string, number> = Object.fromEntries(constraints.map((c) => [c.name, 0]));
  let best: Record<string, number | string> | null = null;
  let bestValue = -Infinity;
  let n = 0;
  let feasible = 0;
  for (const row of rows) {
    n++;
    if (n === 1) {
      for (const name of [options.objective, ...constraints.map((c) => c.name)]) {
        if (!(name in row)) throw new InputError("column", name, `a column of the rows (${Object.keys(row).join(", ")})`);
      }
    }
    const objective = cellNumber(row[options.objective]);
    if (row.error || !Number.isFinite(objective)) continue;
    let ok = true;
    for (const c of constraints) {
      const v = cellNumber(row[c.name]);
      if (!Number.isFinite(v) || (c.min !== undefined && v < c.min) || (c.max !== undefined && v > c.max)) {
        excludedBy[c.name]++;
        ok = false;
      }
    }
    if (!ok) continue;
    feasible++;
    if (sign * objective > bestValue) {
      bestValue = sign * objective;
      best = row as Record<string, number | string>;
    }
    if (ranked.length < top || sign * objective > ranked[ranked.length - 1].value) {
      let at = ranked.length;
      while (at > 0 && ranked[at - 1].value < sign * objective) at--;
      ranked.splice(at, 0, { value: sign * objective, row: row as Record<string, number | string> });
      if (ranked.length > top) ranked.pop();
    }
  }
  return { best, ranked: ranked.map((r) => r.row), rows: n, feasible, excludedBy };
}

/** Evaluates candidate points in-process and returns the best feasible one (for small grids; use a sweep for large ones). */
export async function optimiseOverPoints(points: Iterable<Point>, evaluator: PointEvaluator, options: OptimumOptions): Promise<OptimumResult> {
  const rows: Array<Record<string, number | string>> = [];
  for (const p of points) {
    try {
      rows.push({ ...p, ...(await evaluator.evaluate(p)) });
    } catch (err) {
      rows.push({ ...p, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return selectOptimum(rows, options);
}

/** A row cell as a number; a missing value (null, undefined, empty text) is NaN, never 0. */
function cellNumber(cell: unknown): number {
  if (cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "")) return NaN;
  return Number(cell);
}
