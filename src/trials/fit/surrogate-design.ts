/**
 * Surrogate designs: where the expensive model is run (nodes laid over the parameters' declared
 * ranges before any data are seen) and how its predictions are interpolated afterwards. A tensor
 * grid (n^p runs, splines) suits one or two parameters; a face-centred central composite design
 * (2^p + 2p + 1 runs, a full quadratic response surface per point) keeps three to six affordable.
 */
import { Matrix, pseudoInverse } from "ml-matrix";
import { InputError } from "../../errors.ts";
import type { GridCache } from "./grid-cache.ts";
import { evenGrid, nodeValues, tensorNodes, tensorSurrogate } from "./tensor-surrogate.ts";
import type { FitParameter, FitPoint, FitProblem, ParameterValues } from "./types.ts";

/** Where to run the model and how to interpolate between the runs. */
export interface SurrogateDesign {
  /** In words, for reports: e.g. "tensor grid 5 × 5 (25 runs)". */
  label: string;
  /** Parameter vectors to run, in the parameters' order. */
  nodes: number[][];
  /** The surrogate problem from the model's predictions at `nodes` (rows in node order). */
  build(problem: FitProblem, table: readonly (readonly number[])[]): FitProblem;
}

/** An n-per-parameter even tensor grid over the ranges, interpolated by tensor-product natural splines. */
export function tensorGridDesign(parameters: readonly FitParameter[], n: number): SurrogateDesign {
  const grids = parameters.map((p) => evenGrid(p, n));
  const nodes = tensorNodes(grids);
  return {
    label: `tensor grid ${grids.map((g) => g.length).join(" × ")} (${nodes.length} runs), natural cubic splines`,
    nodes,
    build: (problem, table) => tensorSurrogate(problem, grids, table),
  };
}

/** Each parameter scaled to u ∈ [−1, 1] over its range. */
function scaled(parameters: readonly FitParameter[], values: readonly number[]): number[] {
  return parameters.map((p, j) => (2 * (values[j] - p.range[0])) / (p.range[1] - p.range[0]) - 1);
}

/** Quadratic features of u: 1, u_j, u_j², u_j·u_k (j < k). */
function quadraticFeatures(u: readonly number[]): number[] {
  const f = [1, ...u, ...u.map((x) => x * x)];
  for (let j = 0; j < u.length; j++) for (let k = j + 1; k < u.length; k++) f.push(u[j] * u[k]);
  return f;
}

/**
 * A face-centred central composite design (centre, ±1 on each axis, all 2^p corners; for one
 * parameter the three points −1, 0, 1) with a full quadratic fitted by least squares per point.
 */
export function quadraticDesign(parameters: readonly FitParameter[]): SurrogateDesign {
  const p = parameters.length;
  if (p < 1 || p > 6) throw new InputError("surrogate.parameters", p, "1 to 6 parameters for a quadratic design (2^p + 2p + 1 runs)");
  const units: number[][] = [Array(p).fill(0)];
  for (let j = 0; j < p; j++) for (const s of [-1, 1]) units.push(Array.from({ length: p }, (_, k) => (k === j ? s : 0)));
  if (p > 1) for (let m = 0; m < 2 ** p; m++) units.push(Array.from({ length: p }, (_, k) => ((m >> k) & 1 ? 1 : -1)));
  const nodes = units.map((u) => parameters.map((par, j) => par.range[0] + ((u[j] + 1) / 2) * (par.range[1] - par.range[0])));
  return {
    label: `face-centred central composite design (${nodes.length} runs), quadratic response surface`,
    nodes,
    build: (problem, table) => quadraticSurrogate(problem, nodes, table),
  };
}

/** The quadratic response surface through the model's predictions `table` at `nodes` (least squares per point). */
export function quadraticSurrogate(problem: FitProblem, nodes: readonly (readonly number[])[], table: readonly (readonly number[])[]): FitProblem {
  const params = problem.parameters;
  if (table.length !== nodes.length) throw new InputError("surrogate.table", table.length, `one row per node (${nodes.length})`);
  const X = new Matrix(nodes.map((n) => quadraticFeatures(scaled(params, n))));
  if (X.rows < X.columns) throw new InputError("surrogate.nodes", nodes.length, `at least ${X.columns} nodes for a quadratic in ${params.length} parameters`);
  const coefficients = pseudoInverse(X).mmul(new Matrix(table.map((r) => [...r]))); // features × points
  const column = new Map(problem.points.map((pt, i) => [pt.id, i]));
  const predict = (values: ParameterValues, pts: readonly FitPoint[]): number[] => {
    const f = quadraticFeatures(scaled(params, params.map((p) => values[p.name])));
    return pts.map((pt) => {
      const i = column.get(pt.id);
      if (i === undefined) throw new InputError("surrogate.point", pt.id, "a point the surrogate was built with");
      let y = 0;
      for (let k = 0; k < f.length; k++) y += f[k] * coefficients.get(k, i);
      return y;
    });
  };
  return { parameters: params, points: problem.points, predict };
}

/**
 * The model's predictions of `problem.points` at every node, calling `problem.predict` once per
 * node not already in `cache` (each new row stored there at once); `onNode` reports progress.
 */
export function evaluateDesign(
  problem: FitProblem,
  nodes: readonly (readonly number[])[],
  onNode?: (done: number, total: number) => void,
  cache?: GridCache,
): number[][] {
  onNode?.(0, nodes.length);
  return nodes.map((node, k) => {
    let row = cache?.get(k);
    if (!row) {
      row = problem.predict(nodeValues(problem.parameters, node), problem.points);
      cache?.set(k, row);
    }
    onNode?.(k + 1, nodes.length);
    return row;
  });
}

/**
 * `problem` starting at the node whose predictions fit its own points best (smallest
 * Σ((observed − predicted)/σ)², σ = SD else `defaultSigma`): a start that depends only on the
 * points being fitted, not on the model's defaults (which may come from a fit to all the data).
 */
export function startAtBestNode(problem: FitProblem, nodes: readonly (readonly number[])[], defaultSigma = 1): FitProblem {
  let best: readonly number[] | null = null;
  let bestChi2 = Infinity;
  for (const node of nodes) {
    const pred = problem.predict(nodeValues(problem.parameters, node), problem.points);
    const chi2 = problem.points.reduce((s, pt, i) => s + ((pt.observed - pred[i]) / (pt.sd !== null && pt.sd > 0 ? pt.sd : defaultSigma)) ** 2, 0);
    if (chi2 < bestChi2) {
      bestChi2 = chi2;
      best = node;
    }
  }
  if (!best) return problem;
  const start = best;
  return { ...problem, parameters: problem.parameters.map((p, j) => ({ ...p, initial: Math.min(Math.max(start[j], p.range[0]), p.range[1]) })) };
}
