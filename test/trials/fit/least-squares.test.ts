import { describe, expect, it } from "vitest";
import { randomLcg, randomNormal } from "d3-random";
import { fitWeightedLeastSquares } from "../../../src/trials/fit/least-squares.ts";
import { studentTQuantile, studentTCdf, CHI_SQUARE_1_95 } from "../../../src/trials/fit/student-t.ts";
import type { FitPoint, FitProblem } from "../../../src/trials/fit/types.ts";

describe("Student t quantiles (reference values from tables / scipy.stats.t.ppf)", () => {
  it("matches t(0.975) for 1, 5, 10 and 30 degrees of freedom", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174698, 8);
    expect(studentTQuantile(0.975, 5)).toBeCloseTo(2.570581835636314, 10);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281388519649385, 10);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0422724563012373, 10);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.2281388519649385, 10);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 14);
  });

  it("tends to the normal quantile (√χ²₁ at 95 %) for many degrees of freedom", () => {
    expect(studentTQuantile(0.975, 1e7) ** 2).toBeCloseTo(CHI_SQUARE_1_95, 5);
  });
});

/** Points of y = a·exp(−b·x) + c at x = 0..n−1 with Gaussian noise of SD sigma (seeded). */
function exponentialData(truth: { a: number; b: number; c: number }, n: number, sigma: number, seed: number) {
  const noise = randomNormal.source(randomLcg(seed))(0, sigma);
  const xs = Array.from({ length: n }, (_, i) => i * 0.5);
  const points: FitPoint[] = xs.map((x, i) => ({
    id: `p${i}`,
    studyId: `s${i % 4}`,
    observed: truth.a * Math.exp(-truth.b * x) + truth.c + noise(),
    sd: sigma,
  }));
  const byId = new Map(points.map((p, i) => [p.id, xs[i]]));
  const problem: FitProblem = {
    parameters: [
      { name: "a", initial: 1, range: [0, 20] },
      { name: "b", initial: 1, range: [0.01, 5] },
      { name: "c", initial: 0, range: [-5, 5] },
    ],
    points,
    predict: (p, pts) => pts.map((pt) => p.a * Math.exp(-p.b * byId.get(pt.id)!) + p.c),
  };
  return problem;
}

describe("fitWeightedLeastSquares", () => {
  it("recovers known parameters of a decaying exponential within their 95 % intervals", () => {
    const truth = { a: 5, b: 0.7, c: 1.2 };
    const fit = fitWeightedLeastSquares(exponentialData(truth, 40, 0.1, 42), { absoluteSigma: true });
    for (const e of fit.estimates) {
      const t = truth[e.name as keyof typeof truth];
      expect(e.ci95).not.toBeNull();
      expect(t).toBeGreaterThanOrEqual(e.ci95![0]);
      expect(t).toBeLessThanOrEqual(e.ci95![1]);
      expect(Math.abs(e.value - t)).toBeLessThan(0.1 * Math.abs(t) + 0.05);
      expect(e.atBound).toBe(false);
    }
    // χ² of a correct model with true σ is about n − p
    expect(fit.chiSquare / fit.dof).toBeGreaterThan(0.5);
    expect(fit.chiSquare / fit.dof).toBeLessThan(1.6);
    // a and c trade off (both raise the early points): their estimates are correlated
    expect(fit.correlations![0][0]).toBeCloseTo(1, 12);
    expect(fit.correlations![0][1]).toBeCloseTo(fit.correlations![1][0], 12);
  });

  it("gives the textbook OLS standard errors for a straight line", () => {
    // y = 2 + 3x + noise; OLS: se(slope) = s/√Σ(x−x̄)², se(intercept) = s·√(1/n + x̄²/Σ(x−x̄)²)
    const xs = [0, 1, 2, 3, 4, 5, 6, 7];
    const ys = [2.3, 4.6, 8.4, 10.9, 14.2, 16.8, 20.5, 22.7];
    const points = ys.map((y, i) => ({ id: `${i}`, studyId: "s", observed: y, sd: null }));
    const fit = fitWeightedLeastSquares({
      parameters: [
        { name: "intercept", initial: 0, range: [-100, 100] },
        { name: "slope", initial: 1, range: [-100, 100] },
      ],
      points,
      predict: (p, pts) => pts.map((pt) => p.intercept + p.slope * xs[Number(pt.id)]),
    });
    const n = xs.length;
    const xbar = xs.reduce((a, b) => a + b) / n;
    const ybar = ys.reduce((a, b) => a + b) / n;
    const sxx = xs.reduce((s, x) => s + (x - xbar) ** 2, 0);
    const slope = xs.reduce((s, x, i) => s + (x - xbar) * (ys[i] - ybar), 0) / sxx;
    const intercept = ybar - slope * xbar;
    const s2 = ys.reduce((s, y, i) => s + (y - intercept - slope * xs[i]) ** 2, 0) / (n - 2);
    const [bi, bs] = fit.estimates;
    expect(bs.value).toBeCloseTo(slope, 6);
    expect(bi.value).toBeCloseTo(intercept, 6);
    expect(bs.se!).toBeCloseTo(Math.sqrt(s2 / sxx), 6);
    expect(bi.se!).toBeCloseTo(Math.sqrt(s2 * (1 / n + xbar ** 2 / sxx)), 6);
    expect(bs.ci95![1] - bs.value).toBeCloseTo(studentTQuantile(0.975, n - 2) * bs.se!, 8);
    expect(fit.correlations![0][1]).toBeCloseTo(-xbar / Math.sqrt(xbar ** 2 + sxx / n), 6);
  });

  it("weights points by 1/SD²: a precise point pulls the fit to itself", () => {
    const points: FitPoint[] = [
      { id: "a", studyId: "s1", observed: 10, sd: 0.01 },
      { id: "b", studyId: "s2", observed: 20, sd: 10 },
    ];
    const fit = fitWeightedLeastSquares({ parameters: [{ name: "m", initial: 15, range: [0, 100] }], points, predict: (p, pts) => pts.map(() => p.m) });
    // weighted mean (10/1e-4 + 20/100)/(1/1e-4 + 1/100)
    expect(fit.estimates[0].value).toBeCloseTo((10 / 1e-4 + 20 / 100) / (1 / 1e-4 + 1 / 100), 6);
  });

  it("stays inside the parameter range and flags an estimate on a bound", () => {
    const points: FitPoint[] = [1, 2, 3].map((x, i) => ({ id: `${i}`, studyId: "s", observed: 10 * x, sd: 1 }));
    const fit = fitWeightedLeastSquares({ parameters: [{ name: "k", initial: 1, range: [0, 4] }], points, predict: (p, pts) => pts.map((_, i) => p.k * (i + 1)) });
    expect(fit.estimates[0].value).toBeLessThanOrEqual(4);
    expect(fit.estimates[0].value).toBeCloseTo(4, 6);
    expect(fit.estimates[0].atBound).toBe(true);
  });

  it("rejects a start outside the range and too few points, naming the field", () => {
    const pts: FitPoint[] = [{ id: "a", studyId: "s", observed: 1, sd: null }];
    expect(() => fitWeightedLeastSquares({ parameters: [{ name: "k", initial: 9, range: [0, 4] }], points: pts, predict: () => [0] })).toThrow(
      /fit\.parameters\[0\]\.initial = 9: expected a value in the range \[0, 4\]/,
    );
    expect(() =>
      fitWeightedLeastSquares({
        parameters: [
          { name: "a", initial: 1, range: [0, 4] },
          { name: "b", initial: 1, range: [0, 4] },
        ],
        points: pts,
        predict: () => [0],
      }),
    ).toThrow(/fit\.points = 1/);
  });
});
