import { describe, expect, it } from "vitest";
import { gridSurrogate } from "../../../src/trials/fit/grid-surrogate.ts";
import { fitWeightedLeastSquares } from "../../../src/trials/fit/least-squares.ts";
import { evaluateTensorGrid, evenGrid, tensorNodes, tensorSurrogate } from "../../../src/trials/fit/tensor-surrogate.ts";
import { quadraticDesign, startAtBestNode } from "../../../src/trials/fit/surrogate-design.ts";
import type { FitPoint, FitProblem } from "../../../src/trials/fit/types.ts";

/** A problem whose "model" is f(a, b, x) at points x = 0..5, counting its calls. */
function problemOf(f: (a: number, b: number, x: number) => number, observed: (x: number) => number = () => 0) {
  const state = { calls: 0 };
  const points: FitPoint[] = Array.from({ length: 6 }, (_, i) => ({ id: `x${i}`, studyId: `s${i % 3}`, observed: observed(i), sd: 0.01 }));
  const problem: FitProblem = {
    parameters: [
      { name: "a", initial: 1, range: [0, 2] },
      { name: "b", initial: 1, range: [0.5, 3] },
    ],
    points,
    predict: (p, pts) => {
      state.calls++;
      return pts.map((pt) => f(p.a, p.b, Number(pt.id.slice(1))));
    },
  };
  return { problem, state };
}

describe("tensor-grid surrogate", () => {
  it("orders nodes with the last parameter fastest and spaces grids evenly over the range", () => {
    expect(tensorNodes([[1, 2], [10, 20, 30]])).toEqual([[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]]);
    expect(evenGrid({ name: "b", initial: 1, range: [0.5, 3] }, 6)).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    expect(() => evenGrid({ name: "b", initial: 1, range: [0.5, 3] }, 2)).toThrow(/at least 3 nodes/);
  });

  it("reproduces a function linear in each parameter (a + b·x + a·b) exactly between nodes", () => {
    const f = (a: number, b: number, x: number) => 2 + a - 3 * b * x + 0.5 * a * b;
    const { problem, state } = problemOf(f);
    const grids = [evenGrid(problem.parameters[0], 4), evenGrid(problem.parameters[1], 5)];
    const s = tensorSurrogate(problem, grids, evaluateTensorGrid(problem, grids));
    expect(state.calls).toBe(20);
    const got = s.predict({ a: 0.37, b: 2.21 }, problem.points);
    got.forEach((y, i) => expect(y).toBeCloseTo(f(0.37, 2.21, i), 12));
    expect(state.calls).toBe(20); // no model call after the grid
  });

  it("interpolates a smooth surface to 1e-3 on 9 × 9 nodes and agrees with the 1-D grid surrogate", () => {
    const f = (a: number, b: number, x: number) => Math.exp(-a * x / 5) * Math.sin(b + x / 3);
    const { problem } = problemOf(f);
    const grids = [evenGrid(problem.parameters[0], 9), evenGrid(problem.parameters[1], 9)];
    const s = tensorSurrogate(problem, grids, evaluateTensorGrid(problem, grids));
    for (const [a, b] of [[0.13, 0.77], [1.41, 2.62], [1.9, 1.1]]) {
      s.predict({ a, b }, problem.points).forEach((y, i) => expect(Math.abs(y - f(a, b, i))).toBeLessThan(1e-3));
    }
    const one: FitProblem = { ...problem, parameters: [problem.parameters[0]], predict: (p, pts) => problem.predict({ a: p.a, b: 1.7 }, pts) };
    const grid = evenGrid(one.parameters[0], 7);
    const tensor = tensorSurrogate(one, [grid], evaluateTensorGrid(one, [grid]));
    const spline = gridSurrogate(one, one.parameters[0], grid);
    expect(tensor.predict({ a: 0.83 }, one.points)).toEqual(spline.predict({ a: 0.83 }, one.points));
  });

  it("a fit on the surrogate recovers the parameters of data the model generated", () => {
    const f = (a: number, b: number, x: number) => a * Math.exp(-x / (2 * b));
    const { problem } = problemOf(f, (x) => f(1.3, 1.8, x));
    const grids = [evenGrid(problem.parameters[0], 9), evenGrid(problem.parameters[1], 9)];
    const fit = fitWeightedLeastSquares(tensorSurrogate(problem, grids, evaluateTensorGrid(problem, grids)));
    expect(fit.estimates[0].value).toBeCloseTo(1.3, 2);
    expect(fit.estimates[1].value).toBeCloseTo(1.8, 2);
  });

  it("starts a fit at the grid node that best fits the points, whatever the declared start", () => {
    const f = (a: number, b: number, x: number) => a * Math.exp(-x / (2 * b));
    const { problem } = problemOf(f, (x) => f(1.3, 1.8, x));
    const grids = [evenGrid(problem.parameters[0], 5), evenGrid(problem.parameters[1], 6)]; // a: 0,0.5,..,2; b: 0.5,1,..,3
    const s = tensorSurrogate(problem, grids, evaluateTensorGrid(problem, grids));
    const started = startAtBestNode({ ...s, parameters: s.parameters.map((p) => ({ ...p, initial: p.range[0] })) }, tensorNodes(grids));
    // brute force with the function itself: the node of least squared error
    const sse = ([a, b]: number[]) => problem.points.reduce((t, pt, i) => t + (pt.observed - f(a, b, i)) ** 2, 0);
    const expected = tensorNodes(grids).reduce((m, n) => (sse(n) < sse(m) ? n : m));
    expect(started.parameters.map((p) => p.initial)).toEqual(expected);
    expect(expected).not.toEqual([0, 0.5]);
    expect(started.points).toBe(s.points);
  });

  it("a central composite design reproduces any quadratic exactly and a smooth surface closely", () => {
    const q = (a: number, b: number, x: number) => 1 + 2 * a - b * x + 0.3 * a * a - 0.7 * a * b + 0.1 * x * b * b;
    const { problem, state } = problemOf(q);
    const design = quadraticDesign(problem.parameters);
    expect(design.nodes).toHaveLength(9); // centre, 4 axial, 4 corners
    const s = design.build(problem, design.nodes.map((n) => problem.predict({ a: n[0], b: n[1] }, problem.points)));
    expect(state.calls).toBe(9);
    s.predict({ a: 0.61, b: 2.43 }, problem.points).forEach((y, i) => expect(y).toBeCloseTo(q(0.61, 2.43, i), 10));
    expect(quadraticDesign([...problem.parameters, { name: "c", initial: 0, range: [0, 1] }]).nodes).toHaveLength(15);
  });

  it("refuses a table or grids that do not match the problem", () => {
    const { problem } = problemOf((a) => a);
    expect(() => tensorSurrogate(problem, [[0, 1, 2]], [])).toThrow(/one grid per fitted parameter/);
    expect(() => tensorSurrogate(problem, [[0, 1], [1, 1]], [])).toThrow(/strictly increasing/);
    expect(() => tensorSurrogate(problem, [[0, 1], [1, 2]], [[1]])).toThrow(/one row per tensor node \(4\)/);
  });
});
