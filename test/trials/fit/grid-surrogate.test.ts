import { describe, expect, it } from "vitest";
import { gridSurrogate, naturalSplineSecondDerivatives, splineAt } from "../../../src/trials/fit/grid-surrogate.ts";
import { fitWeightedLeastSquares } from "../../../src/trials/fit/least-squares.ts";
import { leaveOneStudyOut } from "../../../src/trials/fit/cross-validate.ts";
import type { FitPoint, FitProblem } from "../../../src/trials/fit/types.ts";

describe("natural cubic spline", () => {
  it("reproduces straight lines exactly and sin(x) to 1e-4 on 21 nodes", () => {
    const xs = Array.from({ length: 21 }, (_, i) => (Math.PI * i) / 20);
    const line = xs.map((x) => 3 - 2 * x);
    const ml = naturalSplineSecondDerivatives(xs, line);
    expect(splineAt(xs, line, ml, 1.234)).toBeCloseTo(3 - 2 * 1.234, 12);
    const sin = xs.map(Math.sin);
    const ms = naturalSplineSecondDerivatives(xs, sin); // sin'' = 0 at 0 and π: natural ends are exact
    for (const x of [0.1, 0.77, 1.5, 2.9]) expect(Math.abs(splineAt(xs, sin, ms, x) - Math.sin(x))).toBeLessThan(1e-4);
  });
});

describe("gridSurrogate", () => {
  // y = exp(−k·x) at 12 points in 4 studies; the "expensive" model counts its calls.
  const xs = Array.from({ length: 12 }, (_, i) => i * 0.25);
  const truth = 1.3;
  const points: FitPoint[] = xs.map((x, i) => ({ id: `p${i}`, studyId: `s${i % 4}`, observed: Math.exp(-truth * x), sd: 0.01 }));
  let calls = 0;
  const problem: FitProblem = {
    parameters: [{ name: "k", initial: 1, range: [0.2, 3] }],
    points,
    predict: (p, pts) => {
      calls++;
      return pts.map((pt) => Math.exp(-p.k * xs[Number(pt.id.slice(1))]));
    },
  };

  it("fits like the model after one grid of model calls, and cross-validates without more", () => {
    const grid = Array.from({ length: 15 }, (_, i) => 0.2 + (2.8 * i) / 14);
    calls = 0;
    const surrogate = gridSurrogate(problem, problem.parameters[0], grid);
    expect(calls).toBe(grid.length);
    const fit = fitWeightedLeastSquares(surrogate);
    expect(fit.estimates[0].value).toBeCloseTo(truth, 3);
    const cv = leaveOneStudyOut(surrogate);
    expect(calls).toBe(grid.length);
    for (const o of cv.outOfSample) expect(Math.abs(o.predicted! - o.point.observed)).toBeLessThan(1e-3);
  });

  it("refuses a grid outside the range or not increasing", () => {
    expect(() => gridSurrogate(problem, problem.parameters[0], [0.1, 1])).toThrow(/inside the range \[0.2, 3\] of k/);
    expect(() => gridSurrogate(problem, problem.parameters[0], [1, 1])).toThrow(/strictly increasing/);
  });
});
