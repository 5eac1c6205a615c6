/**
 * A surrogate of the expensive model over several parameters: the model is evaluated once on a
 * tensor grid of parameter values (every combination), and later predictions interpolate each
 * point's value with natural cubic splines one dimension at a time (tensor-product splines).
 * Fits, profiles and leave-one-study-out folds then cost no model runs. The grid is laid over the
 * parameters' ranges before any data are seen, so the surrogate carries no information about
 * which study is held out. One parameter reduces to `gridSurrogate`.
 */
import { InputError } from "../../errors.ts";
import type { GridCache } from "./grid-cache.ts";
import { naturalSplineSecondDerivatives, splineAt } from "./grid-surrogate.ts";
import type { FitParameter, FitPoint, FitProblem, ParameterValues } from "./types.ts";

/** `count` evenly spaced values over the parameter's range, ends included. */
export function evenGrid(parameter: FitParameter, count: number): number[] {
  if (!Number.isInteger(count) || count < 3) throw new InputError("grid", count, "an integer of at least 3 nodes per parameter");
  const [lo, hi] = parameter.range;
  return Array.from({ length: count }, (_, k) => (k === count - 1 ? hi : lo + ((hi - lo) * k) / (count - 1)));
}

/** Every combination of the grids' values, the last parameter varying fastest. */
export function tensorNodes(grids: readonly (readonly number[])[]): number[][] {
  let nodes: number[][] = [[]];
  for (const g of grids) nodes = nodes.flatMap((prefix) => g.map((v) => [...prefix, v]));
  return nodes;
}

/** Parameter values of a node. */
export function nodeValues(parameters: readonly FitParameter[], node: readonly number[], fixed: ParameterValues = {}): ParameterValues {
  const out: ParameterValues = { ...fixed };
  parameters.forEach((p, j) => (out[p.name] = node[j]));
  return out;
}

/**
 * The model's predictions of `problem.points` at every tensor node (rows in `tensorNodes` order),
 * computed by calling `problem.predict` once per node not already in `cache` (each new row is
 * stored there at once); `onNode` reports progress.
 */
export function evaluateTensorGrid(
  problem: FitProblem,
  grids: readonly (readonly number[])[],
  fixed: ParameterValues = {},
  onNode?: (done: number, total: number) => void,
  cache?: GridCache,
): number[][] {
  const nodes = tensorNodes(grids);
  onNode?.(0, nodes.length);
  return nodes.map((node, k) => {
    let row = cache?.get(k);
    if (!row) {
      row = problem.predict(nodeValues(problem.parameters, node, fixed), problem.points);
      cache?.set(k, row);
    }
    onNode?.(k + 1, nodes.length);
    return row;
  });
}

/**
 * A FitProblem over the same parameters and points whose predictions interpolate `table` (model
 * predictions at the tensor nodes of `grids`, as `evaluateTensorGrid` returns them). Values
 * outside a grid are clamped to it; the parameters' ranges shrink to the grids' extents.
 */
export function tensorSurrogate(problem: FitProblem, grids: readonly (readonly number[])[], table: readonly (readonly number[])[]): FitProblem {
  const p = problem.parameters.length;
  if (grids.length !== p) throw new InputError("surrogate.grids", grids.length, `one grid per fitted parameter (${p})`);
  grids.forEach((g, j) => {
    if (g.length < 2 || g.some((v, i) => i > 0 && !(v > g[i - 1]))) {
      throw new InputError(`surrogate.grids[${j}]`, g, "at least two strictly increasing values");
    }
  });
  const size = grids.reduce((n, g) => n * g.length, 1);
  if (table.length !== size) throw new InputError("surrogate.table", table.length, `one row per tensor node (${size})`);
  const column = new Map(problem.points.map((pt, i) => [pt.id, i]));
  // The last dimension's splines are fixed: precompute their second derivatives per point and line.
  const last = grids[p - 1];
  const lines = size / last.length;
  const pre = problem.points.map((_, i) =>
    Array.from({ length: lines }, (_, l) => {
      const ys = Array.from({ length: last.length }, (_, k) => table[l * last.length + k][i]);
      return { ys, m: naturalSplineSecondDerivatives(last, ys) };
    }),
  );
  const interpolate = (i: number, q: readonly number[]): number => {
    let values = pre[i].map(({ ys, m }) => splineAt(last, ys, m, q[p - 1]));
    for (let j = p - 2; j >= 0; j--) {
      const g = grids[j];
      const next: number[] = [];
      for (let l = 0; l < values.length; l += g.length) {
        const ys = values.slice(l, l + g.length);
        next.push(splineAt(g, ys, naturalSplineSecondDerivatives(g, ys), q[j]));
      }
      values = next;
    }
    return values[0];
  };
  const predict = (params: ParameterValues, pts: readonly FitPoint[]): number[] => {
    const q = problem.parameters.map((par) => params[par.name]);
    return pts.map((pt) => {
      const i = column.get(pt.id);
      if (i === undefined) throw new InputError("surrogate.point", pt.id, "a point the surrogate was built with");
      return interpolate(i, q);
    });
  };
  const parameters = problem.parameters.map((par, j) => {
    const range: [number, number] = [grids[j][0], grids[j][grids[j].length - 1]];
    return { ...par, range, initial: Math.min(Math.max(par.initial, range[0]), range[1]) };
  });
  return { parameters, points: problem.points, predict };
}

